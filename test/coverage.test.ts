/**
 * Coverage of the models by explored runs of the example plans (seed fixed, bounded runs). The
 * simulator never takes some transitions (a node is never removed while down, a failed service is
 * retried only through start), so the report names what it missed and this test pins the figure:
 * it may rise, never fall. The model-based tests (test/model-based.test.ts) reach all of them.
 */
import { describe, expect, it } from 'vitest';
import { Coverage, GRAPHS } from '../src/sim/explore/coverage.ts';
import { explore } from '../src/sim/explore/explore.ts';
import { FAULT_KINDS } from '../src/sim/explore/faults.ts';
import { formatCoverageText } from '../src/sim/explore/format.ts';
import { example, plan } from './helpers/plans.ts';

describe('explore coverage of the models', () => {
  it('reaches a pinned share of the states and transitions, and names what it missed', () => {
    const cov = new Coverage();
    for (const f of ['explore/fragile-live-compute.yaml', 'icehouse-juno-live-compute.yaml', 'newton-ocata-ha-rolling.yaml', 'havana-icehouse-parallel-compute.yaml']) {
      explore(plan(example(f)), { runs: 15, seed: 1, faults: FAULT_KINDS, coverage: cov });
    }
    const rows = cov.report();
    const states = rows.reduce((n, r) => n + r.states.visited, 0);
    const transitions = rows.reduce((n, r) => n + r.transitions.visited, 0);
    const totalStates = Object.values(GRAPHS).reduce((n, g) => n + g.states.length, 0);
    const totalTransitions = Object.values(GRAPHS).reduce((n, g) => n + g.transitions.length, 0);
    expect([totalStates, totalTransitions]).toEqual([14, 40]);
    expect(states).toBeGreaterThanOrEqual(12);
    expect(transitions).toBeGreaterThanOrEqual(20);
    const text = formatCoverageText(rows);
    for (const r of rows) for (const m of r.transitions.missed) expect(text).toContain(m);
  });
});
