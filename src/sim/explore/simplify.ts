/**
 * A last, domain-aware shrink after fast-check's: its shrinker lowers Lehmer digits one by one, so a
 * counterexample can keep several leaves of a group out of order when one moved leaf would do.
 * Try, per reordered group, the written order; then each single leaf swapped with the one before
 * it; then each single leaf moved to the front. The first order that still breaks wins.
 */
import type { PlanShape } from './build.ts';
import type { Schedule } from './schedule.ts';

/** Lehmer codes of n items for "only one leaf moved", simplest first. */
function oneMove(n: number): number[][] {
  const swaps = Array.from({ length: n - 1 }, (_, i) => Array.from({ length: n }, (_, k) => (k === i ? 1 : 0)));
  const fronts = Array.from({ length: n - 2 }, (_, i) => [i + 2, ...Array<number>(n - 1).fill(0)]);
  return [...swaps, ...fronts];
}

export function simplifyOrders(shape: PlanShape, schedule: Schedule, breaks: (s: Schedule) => boolean): Schedule {
  let best = schedule;
  shape.groups.forEach((g, gi) => {
    const code = best.orders[gi];
    if (!code || code.every((d) => d === 0)) return;
    const n = shape.leaves[g]!.length;
    for (const candidate of [Array<number>(n).fill(0), ...oneMove(n)]) {
      if (candidate.join() === code.join()) return;
      const next: Schedule = { ...best, orders: best.orders.map((c, i) => (i === gi ? candidate : c)) };
      if (breaks(next)) {
        best = next;
        return;
      }
    }
  });
  return best;
}
