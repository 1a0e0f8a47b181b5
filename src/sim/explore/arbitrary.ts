/**
 * fast-check arbitraries for schedules. Every part shrinks toward the written order with no
 * fault: Lehmer digits toward 0 (identity), fault lists toward empty, indices toward the start.
 */
import fc from 'fast-check';
import type { PlanShape } from './build.ts';
import type { FaultKind } from './faults.ts';
import type { FaultChoice, Schedule } from './schedule.ts';

/** A permutation of n items as a Lehmer code: digit i ranges over the n - i items left. */
export function lehmerArb(n: number): fc.Arbitrary<number[]> {
  if (n <= 1) return fc.constant([]);
  return fc.tuple(...Array.from({ length: n - 1 }, (_, i) => fc.nat(n - 1 - i)));
}

export function faultArb(shape: PlanShape, kinds: readonly FaultKind[]): fc.Arbitrary<FaultChoice> {
  const span = Math.max(shape.tops.length, shape.leaves.reduce((n, l) => n + l.length, 0));
  return fc.record({
    kind: fc.constantFrom(...kinds),
    at: fc.nat(span),
    pick: fc.nat(63),
    delay: fc.nat(11),
  });
}

export function scheduleArb(shape: PlanShape, kinds: readonly FaultKind[], maxFaults: number): fc.Arbitrary<Schedule> {
  const orders = shape.groups.length === 0
    ? fc.constant<number[][]>([])
    : fc.tuple(...shape.groups.map((g) => lehmerArb(shape.leaves[g]!.length))).map((t) => t as number[][]);
  const faults = kinds.length === 0 || maxFaults === 0 ? fc.constant<FaultChoice[]>([]) : fc.array(faultArb(shape, kinds), { maxLength: maxFaults });
  return fc.record({ orders, faults });
}
