/**
 * The plan as exploration sees it: its leaves grouped per top-level step (a parallel group's
 * children are what may run in any order), and which leaves each leaf fault may hit.
 */
import type { Plan, Step } from '../../scenarios/plan.ts';
import { writtenOrder, type LeafStep } from '../sequence.ts';
import type { FaultKind } from './faults.ts';

/** The plan's leaves grouped per top-level step, and which tops are parallel groups. */
export interface PlanShape {
  tops: Step[];
  leaves: LeafStep[][];
  /** Indices (into tops) of parallel groups with two or more leaves. */
  groups: number[];
}

export function planShape(plan: Plan): PlanShape {
  const byTop = new Map<Step, LeafStep[]>();
  for (const l of writtenOrder(plan)) {
    const list = byTop.get(l.top) ?? [];
    list.push(l);
    byTop.set(l.top, list);
  }
  const tops = plan.steps;
  const leaves = tops.map((t) => byTop.get(t) ?? []);
  return { tops, leaves, groups: tops.map((_, i) => i).filter((i) => leaves[i]!.length > 1) };
}

/** Leaves a leaf fault may target. */
export function eligible(kind: FaultKind, leaf: LeafStep): boolean {
  const v = leaf.step.action.verb;
  if (kind === 'start-fail') return v === 'start' || v === 'restart';
  if (kind === 'retry') return v !== 'db' && v !== 'add-node' && v !== 'remove-node';
  if (kind === 'db-rerun') return v === 'db';
  return false;
}

export const LEAF_FAULTS: readonly FaultKind[] = ['start-fail', 'retry', 'db-rerun'];
