/**
 * The matrix, fast cut: every release pair (and the multi-hop ones) on one controller and
 * on three behind haproxy, some at 50 computes; the synthesized plan (or, where the zero-downtime
 * policy cannot be kept, the least-downtime alternative) passes check with no warning and is no
 * worse on any downtime measure than any passing scenario generator, and survives a short explore.
 * The full matrix (1 to 50 computes, 1,000 explore runs) is test/slow/synth-proof.test.ts (npm run test:slow).
 */
import { describe, expect, it } from 'vitest';
import { explore, FAULT_KINDS } from '../src/sim/explore/index.ts';
import { cloud, expectSound, hopsFor, MULTI_HOP, PAIRS, rel } from './synth-helpers.ts';

describe.each([...PAIRS, ...MULTI_HOP])('%s → %s', (from, to) => {
  // zed → 2025.1 is three hops: one controller is enough to cover the route here.
  it.each(from === 'zed' ? [[1, 1]] : [[1, 1], [3, 2]])('%i controller(s), %i compute(s): passes check, no worse than the generators', (controllers, computes) => {
    const hops = hopsFor(cloud(controllers, computes, { quantum: from === 'grizzly' }), from, to);
    expect(hops[0]!.from).toBe(rel(from));
    expect(hops[hops.length - 1]!.to).toBe(rel(to));
    for (const h of hops) expectSound(h);
  });
});

describe.each([['newton', 'ocata', 3], ['havana', 'icehouse', 1]] as const)('%s → %s at 50 computes', (from, to, controllers) => {
  it(`${controllers} controller(s): passes check, no worse than the generators`, () => {
    for (const h of hopsFor(cloud(controllers, 50), from, to)) expectSound(h);
  });
});

describe.each([PAIRS[0]!, PAIRS[3]!, MULTI_HOP[0]!])('%s → %s under explore', (from, to) => {
  it('survives a short explore with every fault (3 controllers, 2 computes)', () => {
    for (const h of hopsFor(cloud(3, 2, { quantum: from === 'grizzly' }), from, to, { compare: false })) {
      const e = explore(h.plan, { runs: 6, seed: 7, faults: FAULT_KINDS });
      expect(e.status, e.status === 'counterexample' ? e.counterexample.violations.map((v) => `${v.stepId} ${v.code} ${v.message}`).join('\n') : '').toBe('ok');
    }
  });
});
