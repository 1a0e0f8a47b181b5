/**
 * Generated topologies: 1–5 controllers, 1–50 computes, 0–200 instances, with or without haproxy
 * and network nodes, over every supported release pair the generator handles; the generated live
 * compute plan must satisfy every invariant. Fixed seed, bounded runs; fast-check prints the seed
 * and path of a failure. (The scenario generators, src/scenarios/generators/, are not in the tree
 * yet: when they land, their generators join this property.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPlan } from '../src/sim/check.ts';
import { syntheticPairs, syntheticPlan } from '../src/sim/explore/synthetic.ts';

const pairs = syntheticPairs();

describe('generated topologies and release pairs', () => {
  it('the generator covers the supported pairs with compute RPC facts', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(25);
    expect(pairs).toContainEqual({ from: 'newton', to: 'ocata' });
  });

  it('every generated plan satisfies every invariant', () => {
    const shape = fc.record({
      pair: fc.constantFrom(...pairs),
      controllers: fc.integer({ min: 1, max: 5 }),
      computes: fc.integer({ min: 1, max: 50 }),
      instances: fc.integer({ min: 0, max: 200 }),
      haproxy: fc.boolean(),
      networkNodes: fc.integer({ min: 0, max: 2 }),
    });
    fc.assert(fc.property(shape, ({ pair, ...rest }) => {
      const r = checkPlan(syntheticPlan({ ...pair, ...rest }));
      const errors = r.violations.filter((v) => v.severity === 'error').map((v) => `${v.code} at ${v.stepId}: ${v.message}`);
      expect(errors).toEqual([]);
    }), { seed: 1124, numRuns: 12 });
  });
});
