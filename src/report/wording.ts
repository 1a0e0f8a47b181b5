/**
 * Sentences both the HTML and the Markdown report use, kept in one place so the two formats
 * never disagree on a number or a word.
 */
import type { Strip } from './availability.ts';
import type { CheckResult, Violation } from '../sim/result.ts';
import { duration, plural } from './format.ts';

export function verdictLine(r: CheckResult): string {
  const errors = r.violations.filter((v) => v.severity === 'error').length;
  const warnings = r.violations.length - errors;
  if (r.verdict === 'pass') return warnings ? `no errors, ${plural(warnings, 'warning')}` : 'no violations';
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}

export function stripTotal(s: Strip): string {
  if (s.kind === 'instances') {
    return s.affected === 0 ? 'no instance down' : `${plural(s.affected, 'instance')} down, ${duration(s.instanceSeconds)} in all`;
  }
  return s.downSteps === 0 ? 'always up' : `down ${duration(s.downSeconds)} (${plural(s.downSteps, 'step')})`;
}

export function stripLabel(s: Strip): string {
  if (s.kind === 'instances') return 'Instances';
  return s.service && s.service !== s.subject ? `${s.subject} (${s.service})` : s.subject;
}

export function stepName(v: Violation): string {
  if (v.step === 0) return v.stepLabel ? `the ${v.stepLabel}` : 'the plan as a whole';
  return `step ${v.stepId}${v.stepLabel ? ` “${v.stepLabel}”` : ''}`;
}

/** "State at step 7" or, for a violation of the starting point, "State at the start". */
export function stateHeading(v: Violation): string {
  return v.step === 0 ? 'State at the start' : `State at step ${v.stepId}`;
}
