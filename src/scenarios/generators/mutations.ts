/**
 * Typed edits of a plan, the ways operators really break procedures: a block moved, a step
 * dropped or inserted, a field changed. Blocks are what generators label: a labelled step and the
 * unlabelled ones after it. Every edit returns a new plan, renumbered as the parser would number it.
 */
import type { Action, Plan, Step } from '../plan.ts';
import { numberSteps } from './builder.ts';

export type StepMatch = (step: Step) => boolean;

/** Steps whose label contains `text`, or whose action passes `test`. */
export const labelled = (text: string): StepMatch => (s) => s.label?.includes(text) === true;
export const acting = (test: (a: Action) => boolean): StepMatch => (s) => test(s.action);

function index(plan: Plan, match: StepMatch, what: string): number {
  const found = plan.steps.flatMap((s, i) => (match(s) ? [i] : []));
  if (found.length === 0) throw new Error(`mutation: no step matches ${what}`);
  return found[0]!;
}

/** [start, end) of the block opened by the first step matching. */
export function blockAt(plan: Plan, match: StepMatch): [number, number] {
  const start = index(plan, match, 'the block start');
  let end = start + 1;
  while (end < plan.steps.length && plan.steps[end]!.label === undefined) end++;
  return [start, end];
}

function renumber(plan: Plan, steps: Step[]): Plan {
  return { ...plan, steps: numberSteps(steps) };
}

/** Move the blocks from the one matching `first` through the one matching `last` to just before the step matching `before`. */
export function moveBlocks(plan: Plan, first: StepMatch, last: StepMatch, before: StepMatch): Plan {
  const [a] = blockAt(plan, first);
  const [, b] = blockAt(plan, last);
  const moved = plan.steps.slice(a, b);
  const rest = [...plan.steps.slice(0, a), ...plan.steps.slice(b)];
  const at = index({ ...plan, steps: rest }, before, 'the target');
  return renumber(plan, [...rest.slice(0, at), ...moved, ...rest.slice(at)]);
}

/** Drop every top-level step matching; a dropped block opener hands its label to the next step. */
export function dropSteps(plan: Plan, match: StepMatch): Plan {
  const kept: Step[] = [];
  let pending: string | undefined;
  let dropped = 0;
  for (const s of plan.steps) {
    if (match(s)) {
      dropped++;
      if (s.label !== undefined) pending = s.label;
      continue;
    }
    kept.push(pending !== undefined && s.label === undefined ? { ...s, label: pending } : s);
    pending = undefined;
  }
  if (dropped === 0) throw new Error('mutation: no step to drop');
  return renumber(plan, kept);
}

/** Insert actions, as unlabelled steps, just before the first step matching. */
export function insertBefore(plan: Plan, match: StepMatch, actions: readonly Action[]): Plan {
  const at = index(plan, match, 'the insertion point');
  const added: Step[] = actions.map((action) => ({ id: '', number: 0, action }));
  return renumber(plan, [...plan.steps.slice(0, at), ...added, ...plan.steps.slice(at)]);
}

/** Replace the action of every top-level step matching. */
export function mapActions(plan: Plan, match: StepMatch, edit: (a: Action) => Action): Plan {
  let n = 0;
  const steps = plan.steps.map((s) => (match(s) ? (n++, { ...s, action: edit(s.action) }) : s));
  if (n === 0) throw new Error('mutation: no step to edit');
  return renumber(plan, steps);
}
