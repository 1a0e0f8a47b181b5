/**
 * Shared pieces of the lab tests: load an example plan, print the lab's progress with the test's
 * name, and pick evidence out of a report.
 */
import { resolve } from 'node:path';
import type { Evidence } from '../../src/lab/evidence.ts';
import type { LabReport, StepReport } from '../../src/lab/report.ts';
import { loadPlanFile } from '../../src/scenarios/load.ts';
import { formatPlanErrors } from '../../src/scenarios/parse.ts';
import type { Plan } from '../../src/scenarios/plan.ts';

export async function examplePlan(name: string): Promise<Plan> {
  const file = resolve(import.meta.dirname, '../../examples/lab', `${name}.yaml`);
  const r = await loadPlanFile(file);
  if (!r.ok) throw new Error(formatPlanErrors(r.errors));
  return r.plan;
}

export function sayAs(tag: string): (line: string) => void {
  return (line) => process.stdout.write(`[lab:${tag}] ${line}\n`);
}

export function step(report: LabReport, id: string): StepReport {
  const s = report.steps.find((x) => x.stepId === id);
  if (!s) throw new Error(`report has no step ${id} (outcome: ${JSON.stringify(report.outcome).slice(0, 400)})`);
  return s;
}

export function evidence(report: LabReport, kind: Evidence['kind'], fromStep = 1, toStep = Infinity): Evidence[] {
  return report.steps.filter((s) => s.step >= fromStep && s.step <= toStep).flatMap((s) => s.observed.evidence.filter((e) => e.kind === kind));
}

/** A readable failure: the findings and the outcome, not only "expected false to be true". */
export function explain(report: LabReport): string {
  return JSON.stringify({ outcome: report.outcome, findings: report.findings }, null, 2).slice(0, 4000);
}
