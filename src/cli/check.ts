/**
 * `preflight check PLAN...`: parse every plan first (any parse error: print them all, check
 * nothing, exit 2), then simulate each and print its verdict. Exit 1 when a plan fails.
 */
import type { Plan } from '../scenarios/plan.ts';
import type { CheckResult } from '../sim/result.ts';
import { oneOf, parseCommandArgs } from './args.ts';
import { CliError } from './errors.ts';
import { formatCheckTexts } from './format-check.ts';
import type { Io } from './io.ts';
import { loadPlans, STDIN } from './load-plans.ts';

export const usage = `Usage: preflight check PLAN... [--format text|json] [--all]

Simulates each upgrade plan step by step and reports the steps that would break something.
A PLAN of - is read from standard input.

Options:
  --format text|json  output format (default: text); json prints the check result object,
                      or an array of them for several plans
  --all               list every violation instead of grouping repeats of one rule
  -h, --help          show this help

Exit codes: 0 every plan passes (warnings allowed), 1 a plan has errors,
            2 bad input (a plan does not parse: nothing is checked)`;

export type CheckPlan = (plan: Plan) => CheckResult;

export interface CheckDeps {
  /** Loads the simulator; injected by tests. */
  loadChecker(): Promise<CheckPlan>;
}

/** The simulator module, imported on demand so `--help` and parse errors stay fast. */
async function loadChecker(): Promise<CheckPlan> {
  const mod = (await import('../sim/check.ts')) as { checkPlan: CheckPlan };
  return mod.checkPlan;
}

export async function run(argv: string[], io: Io, deps: CheckDeps = { loadChecker }): Promise<number> {
  const args = parseCommandArgs(argv, { format: { type: 'string', default: 'text' }, all: { type: 'boolean', default: false } }, usage);
  if (args.help) {
    io.out(usage);
    return 0;
  }
  const format = oneOf(args.values.format, ['text', 'json'] as const, '--format', usage);
  if (args.positionals.length === 0) throw new CliError('check needs at least one plan file', 'USAGE', 2, usage);
  if (args.positionals.filter((p) => p === STDIN).length > 1) throw new CliError('standard input (-) can be given once', 'USAGE', 2, usage);

  const loaded = await loadPlans(args.positionals, io, 'nothing was checked');
  if (!loaded.ok) return 2;

  const checkPlan = await deps.loadChecker();
  const results = loaded.plans.map((plan) => checkPlan(plan));
  if (format === 'json') io.out(JSON.stringify(results.length === 1 ? results[0] : results, null, 2));
  else io.out(formatCheckTexts(results, { all: args.values.all === true, color: io.color }));
  return results.some((r) => r.verdict === 'fail') ? 1 : 0;
}
