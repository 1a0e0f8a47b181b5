/**
 * The order steps actually run in. `check` runs parallel groups in written order; `explore`
 * permutes them and inserts faults. Each leaf step remembers the top-level step it belongs to,
 * because downtime is accounted per top-level step (a parallel group takes its longest child).
 */
import type { Plan, Step } from '../scenarios/plan.ts';

export interface LeafStep {
  step: Step;
  /** The top-level step this leaf belongs to (itself when not in a parallel group). */
  top: Step;
  /** Injected by exploration (a fault or a retry), not written in the plan. */
  injected?: string;
}

export function writtenOrder(plan: Plan): LeafStep[] {
  const out: LeafStep[] = [];
  const visit = (s: Step, top: Step) => {
    if (s.action.verb === 'parallel') for (const c of s.action.steps) visit(c, top);
    else out.push({ step: s, top });
  };
  for (const s of plan.steps) visit(s, s);
  return out;
}
