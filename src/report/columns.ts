/**
 * Timeline columns: which steps each column of the timeline stands for. Up to MAX_COLUMNS every
 * record has its own; past that, ranges of records are merged.
 */
import type { InvariantCode, StepRecord, Violation } from '../sim/result.ts';

/** Past this the figure no longer fits a 1600-pixel-wide page at a readable size. */
export const MAX_COLUMNS = 20;

export interface TimelineColumn {
  /** "7", or "12–57" for merged steps. */
  label: string;
  /** The timeline records this column stands for (one unless merged). */
  records: StepRecord[];
  /** The last record: its state is what the cells show. */
  end: StepRecord;
  /** Position of the first record in the timeline. */
  first: number;
  durationSeconds: number;
  /** Invariant codes violated anywhere in the column. */
  codes: InvariantCode[];
  /** Violations that happen in this column (index into the result's violations). */
  violations: number[];
}

/**
 * Step 0 alone, then the remaining records in at most maxColumns - 1 ranges. Ranges grow by
 * merging the cheapest adjacent pair: small ranges first (so sizes stay even), leaves of one
 * parallel group together, and steps with a violation last, so they keep a column of their own
 * as long as the budget allows.
 */
export function groupColumns(timeline: readonly StepRecord[], violations: readonly Violation[], maxColumns: number): TimelineColumn[] {
  if (timeline.length === 0) return [];
  const hot = new Set(violations.map((v) => v.step));
  const groups: { first: number; records: StepRecord[]; hot: boolean }[] = timeline.map((r, i) => ({
    first: i,
    records: [r],
    hot: r.codes.length > 0 || hot.has(r.step),
  }));
  const budget = Math.max(2, maxColumns);
  while (groups.length > budget) {
    let best = 1;
    let bestCost = Infinity;
    for (let i = 1; i + 1 < groups.length; i++) {
      const a = groups[i]!;
      const b = groups[i + 1]!;
      const sameStep = a.records[a.records.length - 1]!.step === b.records[0]!.step;
      const cost = a.records.length + b.records.length + (a.hot || b.hot ? 1e6 : 0) - (sameStep ? 0.5 : 0);
      if (cost < bestCost) {
        bestCost = cost;
        best = i;
      }
    }
    const a = groups[best]!;
    const b = groups[best + 1]!;
    groups.splice(best, 2, { first: a.first, records: [...a.records, ...b.records], hot: a.hot || b.hot });
  }
  // A violation belongs to the column holding its exact step id ("13.2"), else its step number.
  const home = violations.map((v) => {
    if (v.step < 0) return -1;
    if (v.step === 0) return v.stepId === '0' ? 0 : -1; // the initial state
    const exact = groups.findIndex((g) => g.records.some((r) => r.stepId === v.stepId));
    if (exact >= 0) return exact;
    let last = -1;
    groups.forEach((g, i) => {
      if (g.records.some((r) => r.step === v.step)) last = i;
    });
    return last;
  });
  return groups.map(({ first: at, records }, gi) => {
    const first = records[0]!;
    const end = records[records.length - 1]!;
    const vs = violations.flatMap((_, i) => (home[i] === gi ? [i] : []));
    const codes = unique([...records.flatMap((r) => r.codes), ...vs.map((i) => violations[i]!.code)]);
    return {
      label: records.length === 1 ? first.stepId : `${first.stepId}–${end.stepId}`,
      records,
      end,
      first: at,
      durationSeconds: stepSeconds(records),
      codes,
      violations: vs,
    };
  });
}

/** Seconds covered by records: leaves of one parallel group share their step's duration. */
export function stepSeconds(records: readonly StepRecord[]): number {
  const byStep = new Map<number, number>();
  for (const r of records) byStep.set(r.step, Math.max(byStep.get(r.step) ?? 0, r.durationSeconds));
  return [...byStep.values()].reduce((a, b) => a + b, 0);
}

function unique<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}
