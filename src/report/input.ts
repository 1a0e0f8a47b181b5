/**
 * What a report is made of. A report is either the check of one or more plans (each with the
 * compatibility matrix of its releases) or the catalogue's matrix for a release pair alone.
 * Both are built from the objects the API returns, unchanged, so the JSON report can embed them.
 */
import { createRequire } from 'node:module';
import type { CheckResult } from '../sim/result.ts';
import type { CompatibilityMatrix } from './compat-types.ts';
import { releaseTitle } from './format.ts';

export interface PlanReport {
  result: CheckResult;
  /** The matrix of the plan's releases (from → to); absent when the catalogue has none. */
  matrix?: CompatibilityMatrix;
}

export type Report =
  | { kind: 'plans'; title: string; generator: string; plans: PlanReport[] }
  | { kind: 'matrix'; title: string; generator: string; matrix: CompatibilityMatrix };

const require = createRequire(import.meta.url);

/** The name and version written into every report ("preflight 0.1.0"), from package.json. */
export const GENERATOR = `preflight ${(require('../../package.json') as { version: string }).version}`;

export function plansReport(plans: PlanReport[], title?: string): Report {
  const t =
    title ??
    (plans.length === 1 && plans[0] ? `Upgrade check: ${plans[0].result.plan.name}` : `Upgrade check: ${plans.length} plans`);
  return { kind: 'plans', title: t, generator: GENERATOR, plans };
}

export function matrixReport(matrix: CompatibilityMatrix, title?: string): Report {
  return { kind: 'matrix', title: title ?? `Compatibility: ${releaseTitle(matrix.from)} → ${releaseTitle(matrix.to)}`, generator: GENERATOR, matrix };
}
