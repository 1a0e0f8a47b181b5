/**
 * The part of a run worth showing: a counterexample's run has every step of the plan, but what
 * breaks it is the few that differ from the written order (a reordered group, an injected fault)
 * and the step where the error appears.
 */
import { describeAction } from '../describe.ts';
import type { InvariantCode, Violation } from '../result.ts';
import type { BuiltRun, PlanShape } from './build.ts';

export interface TraceLine {
  /** Position in the run (0-based). */
  index: number;
  /** Step id as violations name it ("7", "12.2", "5!f1.reboot"). */
  stepId: string;
  label?: string;
  summary: string;
  why: 'reordered' | 'fault' | 'violation';
  codes: InvariantCode[];
  /** For a leaf of a parallel group run out of written order: the siblings written before it that it ran ahead of. */
  ahead?: string[];
}

export function traceOf(shape: PlanShape, run: BuiltRun, fresh: readonly Violation[]): TraceLine[] {
  const writtenPos = new Map<string, number>();
  shape.leaves.forEach((ls) => ls.forEach((l, k) => writtenPos.set(l.step.id, k)));
  const groupIds = new Set(shape.groups.flatMap((g) => shape.leaves[g]!.map((l) => l.step.id)));
  // Groups whose leaves ran out of written order.
  const reordered = new Set<string>();
  const seenInGroup = new Map<number, number[]>();
  for (const l of run.sequence) {
    if (l.injected || !groupIds.has(l.step.id)) continue;
    const list = seenInGroup.get(l.step.number) ?? [];
    list.push(writtenPos.get(l.step.id)!);
    seenInGroup.set(l.step.number, list);
  }
  for (const [num, list] of seenInGroup) if (list.some((p, i) => i > 0 && p < list[i - 1]!)) reordered.add(String(num));

  const codesAt = new Map<string, InvariantCode[]>();
  for (const v of fresh) codesAt.set(v.stepId, [...new Set([...(codesAt.get(v.stepId) ?? []), v.code])]);
  const lastIndex = lastViolationIndex(run, codesAt);

  const ran = new Set<string>();
  const out: TraceLine[] = [];
  run.sequence.forEach((l, index) => {
    const ahead = l.injected || !groupIds.has(l.step.id) ? [] : shape.leaves[l.step.number - 1]!
      .filter((x) => writtenPos.get(x.step.id)! < writtenPos.get(l.step.id)! && !ran.has(x.step.id)).map((x) => x.step.id);
    if (!l.injected) ran.add(l.step.id);
    if (index > lastIndex) return;
    const stepId = l.step.id + (l.injected ?? '');
    const codes = codesAt.get(stepId) ?? [];
    // Of a reordered group, the leaves that ran ahead of a sibling written before them.
    const why = codes.length > 0 ? 'violation' : l.injected ? 'fault' : reordered.has(String(l.step.number)) && ahead.length > 0 ? 'reordered' : undefined;
    if (!why) return;
    // A group's children carry no label of their own: the group's says what they are for.
    const label = l.step.label ?? (l.injected ? undefined : l.top.label);
    out.push({ index, stepId, ...(label ? { label } : {}), summary: describeAction(l.step.action), why, codes, ...(ahead.length ? { ahead } : {}) });
  });
  return out;
}

/** Nothing after the first step with a new error matters to the counterexample. */
function lastViolationIndex(run: BuiltRun, codesAt: Map<string, InvariantCode[]>): number {
  for (let i = 0; i < run.sequence.length; i++) {
    const l = run.sequence[i]!;
    if (codesAt.has(l.step.id + (l.injected ?? ''))) return i;
  }
  return run.sequence.length - 1;
}
