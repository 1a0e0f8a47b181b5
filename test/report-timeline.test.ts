import { describe, expect, it } from 'vitest';
import { buildStrips } from '../src/report/availability.ts';
import { counterexample } from '../src/report/counterexample.ts';
import { nodeList } from '../src/report/format.ts';
import { MAX_COLUMNS, buildTimeline } from '../src/report/timeline.ts';
import { bigResult } from './fixtures/report/big.ts';
import { ROLLING } from './fixtures/report/rolling-pike-queens.ts';

describe('timeline model', () => {
  const tl = buildTimeline(ROLLING.timeline!, ROLLING.violations);

  it('has a row per service on a node and a column per step', () => {
    expect(tl.rows.map((r) => `${r.label}/${r.service}`)).toEqual([
      'ctl1/nova-api', 'ctl1/nova-conductor', 'ctl1/nova-scheduler',
      'ctl2/nova-api', 'ctl2/nova-conductor', 'ctl2/nova-scheduler',
      'compute1/nova-compute', 'compute2/nova-compute', 'compute3/nova-compute',
    ]);
    expect(tl.columns.map((c) => c.label)).toEqual(Array.from({ length: 16 }, (_, i) => String(i)));
    expect(tl.merged).toBe(false);
  });

  it('shows release, state, drain and caps in force', () => {
    const ctl1api = tl.rows[0]!.cells;
    expect(ctl1api[0]).toMatchObject({ status: 'running', release: 'pike', drained: false, cap: '4.17' });
    expect(ctl1api[2]).toMatchObject({ status: 'stopped', release: 'pike', drained: true });
    expect(ctl1api[2]!.cap).toBeUndefined(); // a stopped service enforces no cap
    expect(ctl1api[6]).toMatchObject({ status: 'running', release: 'queens', drained: true });
    expect(ctl1api[15]).toMatchObject({ release: 'queens', cap: '5.0', drained: false });
  });

  it('marks violations on the services they name, at their step', () => {
    const hits = tl.rows.flatMap((r) => r.cells.flatMap((c, j) => (c.codes.length ? [`${r.label}/${r.service}@${j}:${c.codes}`] : [])));
    expect(hits).toEqual([
      'ctl1/nova-api@7:API_DOWNTIME',
      'ctl2/nova-api@7:API_DOWNTIME',
      'compute1/nova-compute@12:LIVE_MIGRATION_INCOMPATIBLE',
      'compute2/nova-compute@12:LIVE_MIGRATION_INCOMPATIBLE',
    ]);
    expect(tl.columns[7]!.violations).toEqual([0]);
  });

  it('draws availability with totals over all steps', () => {
    const strips = buildStrips(ROLLING.timeline!, tl.columns);
    expect(strips.map((s) => [s.subject, s.downSteps, s.downSeconds])).toEqual([
      ['haproxy-nova-api', 1, 10],
      ['instances', 1, 240],
    ]);
    expect(strips[0]!.cells.map((c) => c.down).indexOf(true)).toBe(7);
    expect(strips[1]).toMatchObject({ affected: 1, instanceSeconds: 240 });
    // The strips agree with the checker's own totals.
    expect(strips[0]!.downSeconds).toBe(ROLLING.downtime.api.byService['nova-api']!.seconds);
    expect(strips[1]!.instanceSeconds).toBe(ROLLING.downtime.instances.instanceSeconds);
  });

  it('tells each violation as a counterexample ending at its step', () => {
    const ce = counterexample(ROLLING.violations[0]!, ROLLING.timeline)!;
    expect(ce.trace.at(-1)).toMatchObject({ stepId: '7', here: true });
    expect(ce.trace).toHaveLength(6);
    expect(ce.omitted).toBe(1);
    expect(ce.state).toContain('frontend haproxy-nova-api: no active backend (ctl1 drained, ctl2 down)');
    expect(ce.state).toContain('ctl2/nova-api: stopped, pike installed, compute RPC cap 4.17');
    // A violation of the starting point has no trace, only the state it starts in.
    const start = counterexample({ ...ROLLING.violations[0]!, step: 0, stepId: '0' }, ROLLING.timeline)!;
    expect(start.trace).toEqual([]);
    expect(start.state).toContain('ctl2/nova-api: running, pike, compute RPC cap 4.17');
    expect(counterexample(ROLLING.violations[0]!, undefined)).toBeUndefined();
  });
});

describe('timeline at scale', () => {
  it('merges columns and collapses 1,000 computes into few rows, fast', () => {
    const big = bigResult(1000);
    const t0 = performance.now();
    const tl = buildTimeline(big.timeline!, big.violations);
    const ms = performance.now() - t0;
    expect(tl.columns.length).toBeLessThanOrEqual(MAX_COLUMNS);
    expect(tl.columns[0]!.label).toBe('0');
    expect(tl.merged).toBe(true);
    expect(tl.services).toBe(1002);
    // Computes upgraded inside the same merged column share a row.
    expect(tl.rows.length).toBeLessThan(MAX_COLUMNS + 6);
    const first = tl.rows.find((r) => r.service === 'nova-compute')!;
    expect(first.label).toMatch(/^compute1–compute\d+ \(\d+ nodes\)$/);
    expect(tl.rows.reduce((n, r) => n + r.nodes.length, 0) + 0).toBe(1002);
    // The violation on compute698 keeps it in a row of its own.
    expect(tl.rows.find((r) => r.nodes.includes('compute698'))!.nodes).toEqual(['compute698']);
    expect(ms).toBeLessThan(8000); // a guard against quadratic blow-ups, not a benchmark
    const strips = buildStrips(big.timeline!, tl.columns);
    expect(strips.at(-1)).toMatchObject({ kind: 'instances', downSteps: 1, affected: 1 });
  });

  it('writes node lists compactly', () => {
    expect(nodeList(['compute1', 'compute2', 'compute3'])).toBe('compute1–compute3');
    expect(nodeList(['compute1', 'compute2', 'compute7', 'ctl1'])).toBe('compute1–compute2, compute7, ctl1');
    expect(nodeList(['a1', 'a3', 'a5', 'a7', 'a9', 'a11'])).toBe('a1, a3, a5, … a11');
  });
});
