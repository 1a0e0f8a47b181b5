/**
 * `preflight report PLAN... [-o DIR]`: check every plan with its timeline and write the
 * compatibility report (HTML, Markdown, JSON, JUnit) into DIR. Plans are parsed first; if any
 * does not parse, nothing is checked and nothing is written.
 */
import { loadPlanFile } from '../scenarios/load.ts';
import { formatPlanErrors } from '../scenarios/parse-errors.ts';
import type { Plan } from '../scenarios/plan.ts';
import type { CheckResult } from '../sim/result.ts';
import type { CompatibilityMatrix } from '../report/compat-types.ts';
import { DEFAULT_REPORT_DIR, plansReport, renderAll, writeReport, type PlanReport } from '../report/index.ts';
import { parseCommandArgs } from './args.ts';
import { CliError } from './errors.ts';
import type { Io } from './io.ts';

export const usage = `Usage: preflight report PLAN... [-o DIR] [--title TEXT]

Checks each upgrade plan and writes its compatibility report, for a change board and for CI:
  report.html       one self-contained page (timeline, availability, compatibility matrix,
                    violations with their counterexample and sources); prints well
  report.md         the same without pictures, for a pull request or a wiki
  report.json       the check results and matrices (schema: docs/report-json.md)
  report.junit.xml  a testsuite per plan, a testcase per invariant, for Jenkins/Zuul/GitLab

Options:
  -o, --output DIR  directory to write into (default: ${DEFAULT_REPORT_DIR}); files are
                    replaced only once all of them are written
  --title TEXT      the report's title
  -h, --help        show this help

Exit codes: 0 every plan passes (warnings allowed), 1 a plan has errors (the report is
            written all the same), 2 bad input (a plan does not parse: nothing is written)`;

export interface ReportDeps {
  /** The simulator and the catalogue, imported on demand; injected by tests. */
  load(): Promise<{ checkPlan(plan: Plan, options: { timeline: true }): CheckResult; compatibilityMatrix(from: Plan['from'], to: Plan['to']): CompatibilityMatrix }>;
}

async function load(): ReturnType<ReportDeps['load']> {
  const [sim, compat] = await Promise.all([import('../sim/check.ts'), import('../models/catalogue/compat.ts')]);
  return { checkPlan: sim.checkPlan, compatibilityMatrix: compat.compatibilityMatrix };
}

export async function run(argv: string[], io: Io, deps: ReportDeps = { load }): Promise<number> {
  const args = parseCommandArgs(argv, { output: { type: 'string', short: 'o' }, title: { type: 'string' } }, usage);
  if (args.help) {
    io.out(usage);
    return 0;
  }
  if (args.positionals.length === 0) throw new CliError('report needs at least one plan file', 'USAGE', 2, usage);
  const dir = typeof args.values.output === 'string' ? args.values.output : DEFAULT_REPORT_DIR;

  const parsed = await Promise.all(args.positionals.map((file) => loadPlanFile(file)));
  const plans: Plan[] = [];
  for (const result of parsed) {
    if (result.ok) plans.push(result.plan);
    else io.err(formatPlanErrors(result.errors));
  }
  if (plans.length < parsed.length) {
    const broken = parsed.length - plans.length;
    io.err(`preflight: ${broken === 1 ? '1 plan does not parse' : `${broken} plans do not parse`}; no report was written`);
    return 2;
  }

  const { checkPlan, compatibilityMatrix } = await deps.load();
  const entries: PlanReport[] = plans.map((plan) => {
    const result = checkPlan(plan, { timeline: true });
    let matrix: CompatibilityMatrix | undefined;
    try {
      matrix = compatibilityMatrix(plan.from, plan.to);
    } catch {
      matrix = undefined; // releases the catalogue cannot pair: the report says so
    }
    return matrix ? { result, matrix } : { result };
  });
  const title = typeof args.values.title === 'string' ? args.values.title : undefined;
  const written = await writeReport(dir, renderAll(plansReport(entries, title)));
  for (const { result: r } of entries) {
    const errors = r.violations.filter((v) => v.severity === 'error').length;
    io.out(`${r.verdict === 'pass' ? 'PASS' : 'FAIL'}  ${r.plan.name} (${r.plan.file}): ${errors} error(s), ${r.violations.length - errors} warning(s)`);
  }
  io.out(`report written: ${written.join(', ')}`);
  return entries.some((e) => e.result.verdict === 'fail') ? 1 : 0;
}
