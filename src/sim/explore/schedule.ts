/**
 * A schedule is what fast-check generates and shrinks: the order of each parallel group and the
 * faults to inject. It is abstract (indices taken modulo what exists at that point), so that every
 * generated value is valid and shrinking toward zeros means "written order, earliest, first target".
 */
import type { FaultKind } from './faults.ts';

export interface FaultChoice {
  kind: FaultKind;
  /** Where, taken modulo what exists: before top-level step `at` (boundary faults), or the `at`-th eligible leaf (leaf faults). */
  at: number;
  /** Which target among those eligible there (node, backend, compute set). */
  pick: number;
  /** start-fail: how many top-level steps later the retry comes (1 + delay); slow: the factor (2 + delay). */
  delay: number;
}

export interface Schedule {
  /** Per parallel group (in plan order), a Lehmer code of its children's order: all zeros is the written order. */
  orders: number[][];
  faults: FaultChoice[];
}

export const WRITTEN: Schedule = { orders: [], faults: [] };

/** Decode a Lehmer code into a permutation of `n` items; missing or out-of-range digits are clamped. */
export function permutation(n: number, code: readonly number[] | undefined): number[] {
  const pool = Array.from({ length: n }, (_, i) => i);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const d = Math.min(Math.max(0, code?.[i] ?? 0), pool.length - 1);
    out.push(pool.splice(d, 1)[0]!);
  }
  return out;
}
