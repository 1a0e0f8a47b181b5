/**
 * Is a run's outcome the plan's fault? The baseline is the plan's own straight check: an error the
 * written order already has is not news. A fault's own codes inside its window are excused. What
 * is left is a counterexample.
 */
import { checkPlan } from '../check.ts';
import type { Plan } from '../../scenarios/plan.ts';
import type { CheckResult, Violation } from '../result.ts';
import type { BuiltRun } from './build.ts';
import { breaches, type BudgetBreach, type Budgets } from './budget.ts';

export interface Baseline {
  result: CheckResult;
  errors: Violation[];
  budgets: Budgets;
  /** Budgets the written order already breaks: not news either. */
  breached: Set<BudgetBreach['budget']>;
}

export function baseline(plan: Plan, budgets: Budgets = {}): Baseline {
  const result = checkPlan(plan);
  return {
    result,
    errors: result.violations.filter((v) => v.severity === 'error'),
    budgets,
    breached: new Set(breaches(result, budgets).map((b) => b.budget)),
  };
}

export interface RunOutcome {
  result: CheckResult;
  /** Errors the baseline does not have and no fault excuses, in the order they happened. */
  fresh: Violation[];
  /** Downtime budgets this run goes over and the written order does not. */
  over: BudgetBreach[];
}

/** The same problem as a baseline error: same code, about at least one of the same things. */
function known(b: Baseline, v: Violation): boolean {
  return b.errors.some((e) => e.code === v.code && e.entities.some((x) => v.entities.includes(x)));
}

/** A finding about a unit a reboot started for an instant although the plan had it stopped. */
function maskedUnit(run: BuiltRun, v: Violation): boolean {
  const units = run.excusedUnits.get(v.stepId);
  return units !== undefined && v.entities.some((e) => units.has(e));
}

export function judge(plan: Plan, b: Baseline, run: BuiltRun): RunOutcome {
  const result = checkPlan(plan, { sequence: run.sequence });
  const fresh = result.violations.filter((v) =>
    v.severity === 'error' && !run.excused.get(v.stepId)?.has(v.code) && !maskedUnit(run, v) && !known(b, v));
  const over = breaches(result, b.budgets).filter((x) => !b.breached.has(x.budget));
  return { result, fresh, over };
}
