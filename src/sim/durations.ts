/**
 * Default duration estimates per verb, in seconds, for downtime totals. Rough figures from
 * operating experience and the lab (LAB-NOTES: a compute swap took 5–7 s, a control plane swap
 * 19 s on a tiny cloud); a plan overrides them with `durations:` or a step's `duration:`.
 */
import type { Action, Step, Verb } from '../scenarios/plan.ts';

export const DEFAULT_DURATIONS: Record<Exclude<Verb, 'parallel' | 'db'>, number> & Record<`db:${string}`, number> = {
  drain: 5,
  undrain: 5,
  stop: 10,
  start: 20,
  restart: 30,
  upgrade: 120,
  config: 5,
  disable: 2,
  enable: 2,
  'live-migrate': 60,
  'cold-migrate': 180,
  redeploy: 600,
  'delete-instance': 10,
  reboot: 300,
  'add-node': 900,
  'remove-node': 60,
  failover: 60,
  'db:sync': 300,
  'db:expand': 120,
  'db:migrate': 300,
  'db:contract': 120,
  'db:online-migrations': 600,
};

export function stepDuration(step: Step, overrides: Partial<Record<Verb, number>>): number {
  if (step.durationSeconds !== undefined) return step.durationSeconds;
  const a: Action = step.action;
  if (a.verb === 'parallel') return Math.max(0, ...a.steps.map((s) => stepDuration(s, overrides)));
  const o = overrides[a.verb];
  if (o !== undefined) return o;
  if (a.verb === 'db') return DEFAULT_DURATIONS[`db:${a.phase}`] ?? 300;
  return DEFAULT_DURATIONS[a.verb];
}
