/**
 * CheckResult → the text `preflight check` prints: a verdict line per plan, then each
 * violation with the entities, rule and sources it rests on. Repeats of one rule are grouped,
 * so a plan that breaks the same thing on forty computes still fits on a screen.
 */
import type { CheckResult, Violation } from '../sim/result.ts';
import { paint, type Paint } from './paint.ts';

export interface TextOptions {
  /** List every violation instead of the first few of each group. */
  all: boolean;
  color: boolean;
}

/** How many violations of one code and rule are shown before "... and N more". */
export const GROUP_SHOWN = 3;

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
const seconds = (s: number): string => `${Math.round(s)} s`;

export function verdictLine(result: CheckResult, p: Paint): string {
  const errors = result.violations.filter((v) => v.severity === 'error').length;
  const warnings = result.violations.length - errors;
  const verdict = result.verdict === 'pass' ? p.green(p.bold('PASS')) : p.red(p.bold('FAIL'));
  const { api, instances } = result.downtime;
  return (
    `${verdict} ${result.plan.name} (${result.plan.file}): ${plural(errors, 'error')}, ${plural(warnings, 'warning')}; ` +
    `API down ${seconds(api.seconds)} over ${plural(api.steps, 'step')}; ` +
    `instances down ${Math.round(instances.instanceSeconds)} instance-seconds`
  );
}

export function violationLines(v: Violation, p: Paint): string[] {
  // Step 0: the plan as a whole (no label), or its initial state.
  const where = v.step !== 0 ? `step ${v.stepId}` : v.stepLabel ?? 'plan';
  const label = v.step !== 0 && v.stepLabel ? ` ${JSON.stringify(v.stepLabel)}` : '';
  const severity = v.severity === 'error' ? p.red('ERROR') : p.yellow('WARNING');
  const lines = [`  ${where}${label} ${severity} ${p.bold(v.code)}: ${v.message}`];
  if (v.entities.length > 0) lines.push(p.dim(`      entities: ${v.entities.join(', ')}`));
  if (v.rule) lines.push(p.dim(`      rule: ${v.rule}`));
  for (const s of v.source) lines.push(p.dim(`      source: ${s.url}`));
  return lines;
}

/** Violations grouped by code and rule, groups in order of first appearance. */
export function groupViolations(violations: readonly Violation[]): Violation[][] {
  const groups = new Map<string, Violation[]>();
  for (const v of violations) {
    const key = `${v.code}\u0000${v.rule}`;
    const group = groups.get(key);
    if (group) group.push(v);
    else groups.set(key, [v]);
  }
  return [...groups.values()];
}

export function formatCheckText(result: CheckResult, options: TextOptions): string {
  const p = paint(options.color);
  const lines = [verdictLine(result, p)];
  for (const group of groupViolations(result.violations)) {
    const shown = options.all ? group : group.slice(0, GROUP_SHOWN);
    for (const v of shown) lines.push(...violationLines(v, p));
    const hidden = group.length - shown.length;
    if (hidden > 0) lines.push(`  ... and ${hidden} more ${group[0]!.code} (use --all)`);
  }
  return lines.join('\n');
}

/** Several plans: each one's report, a blank line between, and a tally when there are several. */
export function formatCheckTexts(results: readonly CheckResult[], options: TextOptions): string {
  const blocks = results.map((r) => formatCheckText(r, options));
  if (results.length > 1) {
    const failed = results.filter((r) => r.verdict === 'fail').length;
    blocks.push(`${plural(results.length, 'plan')}: ${results.length - failed} passed, ${failed} failed`);
  }
  return blocks.join('\n\n');
}
