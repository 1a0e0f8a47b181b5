/**
 * `explore` on the deliberately fragile plan and its safe version: the races are found and shrunk
 * to a few steps, the safe plan survives every fault, runs are deterministic and replays exact.
 */
import { describe, expect, it } from 'vitest';
import { explore, replayExplore } from '../src/sim/explore/explore.ts';
import { FAULT_KINDS, parseFaultList } from '../src/sim/explore/faults.ts';
import type { PlanShape } from '../src/sim/explore/build.ts';
import { permutation } from '../src/sim/explore/schedule.ts';
import { simplifyOrders } from '../src/sim/explore/simplify.ts';
import { readReplay } from '../src/sim/explore/replay.ts';
import { check, edit, example, plan } from './helpers/plans.ts';

const SEED = 20261124;
const fragileText = example('explore/fragile-live-compute.yaml');
const safeText = example('explore/safe-live-compute.yaml');

describe('explore finds the races of the fragile plan', () => {
  it('whose straight check passes', () => {
    expect(check(fragileText).verdict).toBe('pass');
    expect(check(safeText).verdict).toBe('pass');
  });

  it('one of its two races, with no fault needed, shrunk to the one step that ran early', () => {
    const r = explore(plan(fragileText), { runs: 200, seed: SEED, faults: FAULT_KINDS });
    if (r.status !== 'counterexample') throw new Error(`expected a counterexample, got ${r.status}`);
    expect(['NO_ACTIVE_SERVICE', 'RPC_INCOMPATIBLE']).toContain(r.counterexample.violations[0]!.code);
    expect(r.counterexample.faults).toEqual([]);
    expect(r.counterexample.trace).toHaveLength(1);
    expect(r.counterexample.trace[0]!.ahead).toHaveLength(1);
  });

  it('the failover racing the stop: the stop first leaves no cinder-volume', () => {
    const onlyFailoverRace = edit(fragileText, `  - name: Cap and nova control at once
    parallel:
      - config: { nodes: all, file: nova.conf, section: upgrade_levels, key: compute, value: auto }
      - start: { node: controller1, service: [nova-conductor, nova-scheduler, nova-api] }
`, `  - config: { nodes: all, file: nova.conf, section: upgrade_levels, key: compute, value: auto }
  - start: { node: controller1, service: [nova-conductor, nova-scheduler, nova-api] }
`);
    const r = explore(plan(onlyFailoverRace), { runs: 200, seed: SEED, faults: FAULT_KINDS });
    if (r.status !== 'counterexample') throw new Error(`expected a counterexample, got ${r.status}`);
    expect(r.counterexample.violations.map((v) => v.code)).toEqual(['NO_ACTIVE_SERVICE']);
    expect(r.counterexample.trace).toEqual([expect.objectContaining({ stepId: '20.2', why: 'violation', ahead: ['20.1'], summary: 'stop cinder-volume on controller1' })]);
  });

  it('the cap written in parallel with the nova control start: started first, Pike RPC reaches Ocata computes', () => {
    const onlyCapRace = edit(fragileText, `  - name: Failover racing the stop of the active copy
    parallel:
      - failover: { service: cinder-volume, to: storage1 }
      - stop: { node: controller1, service: cinder-volume }
`, `  - failover: { service: cinder-volume, to: storage1 }
  - stop: { node: controller1, service: cinder-volume }
`);
    const r = explore(plan(onlyCapRace), { runs: 200, seed: SEED, faults: FAULT_KINDS });
    if (r.status !== 'counterexample') throw new Error(`expected a counterexample, got ${r.status}`);
    expect(new Set(r.counterexample.violations.map((v) => v.code))).toEqual(new Set(['RPC_INCOMPATIBLE']));
    expect(r.counterexample.faults).toEqual([]);
    expect(r.counterexample.trace).toHaveLength(1);
    expect(r.counterexample.trace[0]).toMatchObject({ why: 'violation', ahead: [expect.stringMatching(/\.1$/)] });
    expect(r.counterexample.trace[0]!.summary).toContain('start nova-conductor');
  });
});

describe('the safe version', () => {
  // 10,000 runs are in the bench (bench/explore.ts); CI keeps a bounded run with every fault on.
  it('survives orderings and every fault', () => {
    const r = explore(plan(safeText), { runs: 600, seed: SEED, faults: FAULT_KINDS });
    expect(r.status === 'counterexample' ? r.counterexample : r.status).toBe('ok');
  });
});

describe('timing against downtime budgets', () => {
  it('one step slower than estimated during an outage is enough to go over a budget the written order keeps', () => {
    const p = plan(safeText);
    const budget = check(safeText).downtime.api.seconds;
    const r = explore(p, { runs: 100, seed: SEED, faults: ['slow'], budgets: { apiSeconds: budget } });
    if (r.status !== 'counterexample') throw new Error(`expected a counterexample, got ${r.status}`);
    expect(r.counterexample.violations).toEqual([]);
    expect(r.counterexample.over).toEqual([expect.objectContaining({ budget: 'api', limit: budget })]);
    expect(r.counterexample.faults.map((f) => f.kind)).toEqual(['slow']);
    expect(r.replay.budgets).toEqual({ apiSeconds: budget });
    expect(replayExplore(p, r.replay).status).toBe('counterexample');
  });

  it('a budget the written order already breaks is not news', () => {
    expect(explore(plan(safeText), { runs: 30, seed: SEED, faults: ['slow'], budgets: { apiSeconds: 10 } }).status).toBe('ok');
  });
});

describe('determinism and replay', () => {
  it('the same seed gives the same counterexample; its replay file re-runs it exactly', () => {
    const p = plan(fragileText);
    const a = explore(p, { runs: 100, seed: 7, faults: FAULT_KINDS });
    const b = explore(p, { runs: 100, seed: 7, faults: FAULT_KINDS });
    if (a.status !== 'counterexample' || b.status !== 'counterexample') throw new Error('expected counterexamples');
    expect(b.path).toBe(a.path);
    expect(b.counterexample.schedule).toEqual(a.counterexample.schedule);
    const file = readReplay(JSON.parse(JSON.stringify(a.replay)));
    if (!file.ok) throw new Error(file.message);
    const again = replayExplore(p, file.replay);
    if (again.status !== 'counterexample') throw new Error(`replay gave ${again.status}`);
    expect(again.counterexample.violations).toEqual(a.counterexample.violations);
  });

  it('a replay against an edited plan is reported stale, not silently re-interpreted', () => {
    const a = explore(plan(fragileText), { runs: 50, seed: 7, faults: [] });
    if (a.status !== 'counterexample') throw new Error('expected a counterexample');
    const relabelled = plan(edit(fragileText, '  - name: cinder-api last\n', '  - name: cinder-api, the last cinder service\n'));
    const shorter = plan(fragileText.replace('  - db: { service: cinder, phase: online-migrations }\n', ''));
    expect(replayExplore(relabelled, a.replay).status).toBe('counterexample');
    expect(replayExplore(shorter, a.replay).status).toBe('stale-replay');
  });
});

describe('building blocks', () => {
  it('a Lehmer code of zeros is the written order, and every code is a permutation', () => {
    expect(permutation(4, [])).toEqual([0, 1, 2, 3]);
    expect(permutation(4, [3, 0, 1])).toEqual([3, 0, 2, 1]);
    expect([...permutation(5, [9, 9, 9, 9])].sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it('the last shrink pass leaves one leaf moved where one suffices', () => {
    const shape = { tops: [], leaves: [Array(5).fill(null)], groups: [0] } as unknown as PlanShape;
    // Breaks whenever item 4 runs before item 0.
    const breaks = (code: number[]) => { const p = permutation(5, code); return p.indexOf(4) < p.indexOf(0); };
    const out = simplifyOrders(shape, { orders: [[3, 3, 0, 0]], faults: [] }, (s) => breaks(s.orders[0]!));
    expect(permutation(5, out.orders[0])).toEqual([4, 0, 1, 2, 3]);
    const adjacent = simplifyOrders(shape, { orders: [[2, 2, 0, 0]], faults: [] }, (s) => { const p = permutation(5, s.orders[0]); return p.indexOf(2) < p.indexOf(1); });
    expect(permutation(5, adjacent.orders[0])).toEqual([0, 2, 1, 3, 4]);
  });

  it('fault lists', () => {
    expect(parseFaultList('all')).toEqual({ ok: true, faults: [...FAULT_KINDS] });
    expect(parseFaultList('none')).toEqual({ ok: true, faults: [] });
    expect(parseFaultList('reboot, flap')).toEqual({ ok: true, faults: ['reboot', 'flap'] });
    expect(parseFaultList('reboot,meteor')).toEqual({ ok: false, unknown: ['meteor'] });
  });
});
