/**
 * Costs are vectors compared lexicographically, the objective's measure first. Every measure adds
 * up along a plan, so a prefix's cost never exceeds the whole plan's: best-first search is sound.
 */
import type { CheckResult } from '../sim/result.ts';
import type { Objective, Predicted } from './types.ts';

export type Cost = number[];

export function predictedOf(r: CheckResult, steps: number): Predicted {
  const byService: Record<string, number> = {};
  let sum = 0;
  for (const [s, d] of Object.entries(r.downtime.api.byService)) {
    if (d.seconds <= 0) continue;
    byService[s] = d.seconds;
    sum += d.seconds;
  }
  return {
    apiByService: byService,
    apiServiceSeconds: sum,
    apiSeconds: r.downtime.api.seconds,
    instancesAffected: r.downtime.instances.affected,
    instanceSeconds: r.downtime.instances.instanceSeconds,
    steps,
    durationSeconds: r.downtime.totalSeconds,
    warnings: r.violations.filter((v) => v.severity === 'warning').length,
  };
}

/** Downtime is instances first (the data plane), then API service-seconds, then wall seconds with any API down. */
export function costOf(p: Predicted, objective: Objective): Cost {
  const downtime = [p.instanceSeconds, p.apiServiceSeconds, p.apiSeconds];
  switch (objective) {
    case 'downtime':
      return [...downtime, p.steps, p.durationSeconds];
    case 'steps':
      return [p.steps, ...downtime, p.durationSeconds];
    case 'duration':
      return [p.durationSeconds, ...downtime, p.steps];
  }
}

/** A lower bound on what is left, with the step count and duration a group needs at least. */
export function boundOf(steps: number, seconds: number, objective: Objective): Cost {
  switch (objective) {
    case 'downtime':
      return [0, 0, 0, steps, seconds];
    case 'steps':
      return [steps, 0, 0, 0, seconds];
    case 'duration':
      return [seconds, 0, 0, 0, steps];
  }
}

export function add(a: Cost, b: Cost): Cost {
  return a.map((x, i) => x + (b[i] ?? 0));
}

export function compare(a: Cost, b: Cost): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
