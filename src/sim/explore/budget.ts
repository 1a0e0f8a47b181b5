/**
 * Downtime budgets: how long the APIs may be unavailable in total, and how long one instance may
 * be down, in seconds. Timing faults (`slow`) stretch steps past their estimates; a run that then
 * goes over a budget the written order kept is a counterexample, even with no invariant broken.
 */
import type { CheckResult } from '../result.ts';

export interface Budgets {
  /** Seconds during which some API is unavailable (the check's `downtime.api.seconds`). */
  apiSeconds?: number;
  /** The longest single instance outage (the check's `downtime.instances.maxSeconds`). */
  instanceSeconds?: number;
}

export interface BudgetBreach {
  budget: 'api' | 'instance';
  seconds: number;
  limit: number;
}

export function breaches(result: CheckResult, budgets: Budgets): BudgetBreach[] {
  const out: BudgetBreach[] = [];
  const api = result.downtime.api.seconds;
  const inst = result.downtime.instances.maxSeconds;
  if (budgets.apiSeconds !== undefined && api > budgets.apiSeconds) out.push({ budget: 'api', seconds: api, limit: budgets.apiSeconds });
  if (budgets.instanceSeconds !== undefined && inst > budgets.instanceSeconds) out.push({ budget: 'instance', seconds: inst, limit: budgets.instanceSeconds });
  return out;
}

export function describeBreach(b: BudgetBreach): string {
  return b.budget === 'api'
    ? `APIs unavailable for ${b.seconds} s in total, over the budget of ${b.limit} s`
    : `an instance is down for ${b.seconds} s, over the budget of ${b.limit} s`;
}
