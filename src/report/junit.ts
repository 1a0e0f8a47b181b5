/**
 * JUnit XML, the format Jenkins, Zuul and GitLab show natively: a testsuite per plan and a
 * testcase per invariant code, every code listed so a green run shows what was checked. Errors
 * fail the testcase; warnings go to its system-out, so they are visible without failing CI.
 */
import type { Report } from './input.ts';
import { INVARIANT_CODES, type CheckResult, type Violation } from '../sim/result.ts';
import { esc } from './escape.ts';
import { releaseTitle } from './format.ts';

export function renderJunit(report: Report): string {
  const suites = report.kind === 'plans' ? report.plans.map((p) => suite(p.result)) : [];
  const tests = suites.reduce((n, s) => n + s.tests, 0);
  const failures = suites.reduce((n, s) => n + s.failures, 0);
  const time = suites.reduce((n, s) => n + s.time, 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${esc(report.title)}" tests="${tests}" failures="${failures}" errors="0" time="${time}">`,
    ...suites.map((s) => s.xml),
    '</testsuites>',
    '',
  ].join('\n');
}

/** One line per violation, in the order an operator fixes them. */
function describe(v: Violation): string {
  const where = v.step === 0 ? 'plan' : `step ${v.stepId}${v.stepLabel ? ` (${v.stepLabel})` : ''}`;
  const at = v.at ? ` [${v.at.file}:${v.at.line}:${v.at.column}]` : '';
  return [
    `${v.severity.toUpperCase()} ${v.code} at ${where}${at}: ${v.message}`,
    v.entities.length ? `  involves: ${v.entities.join(', ')}` : '',
    `  rule: ${v.rule}`,
    ...v.source.map((s) => `  source: ${s.id} ${s.url}`),
  ]
    .filter(Boolean)
    .join('\n');
}

function suite(r: CheckResult): { xml: string; tests: number; failures: number; time: number } {
  const cls = `preflight.${r.plan.name.replace(/[^A-Za-z0-9_-]+/g, '_')}`;
  let failures = 0;
  const cases = INVARIANT_CODES.map((code) => {
    const vs = r.violations.filter((v) => v.code === code);
    const errors = vs.filter((v) => v.severity === 'error');
    const warnings = vs.filter((v) => v.severity === 'warning');
    const parts = [`    <testcase classname="${esc(cls)}" name="${code}" time="0">`];
    if (errors.length) {
      failures++;
      const first = errors[0]!;
      const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
      parts.push(
        `      <failure type="${code}" message="${esc(`step ${first.stepId}: ${first.message}${more}`)}">${esc(errors.map(describe).join('\n\n'))}</failure>`,
      );
    }
    if (warnings.length) parts.push(`      <system-out>${esc(warnings.map(describe).join('\n\n'))}</system-out>`);
    if (parts.length === 1) return parts[0]!.replace(/>$/, '/>'); // a pass: nothing inside
    parts.push('    </testcase>');
    return parts.join('\n');
  });
  const unknown = r.violations.filter((v) => !(INVARIANT_CODES as readonly string[]).includes(v.code));
  const time = r.downtime.totalSeconds;
  const xml = [
    `  <testsuite name="${esc(r.plan.name)}" tests="${INVARIANT_CODES.length}" failures="${failures}" errors="0" skipped="0" time="0">`,
    '    <properties>',
    `      <property name="plan.file" value="${esc(r.plan.file)}"/>`,
    `      <property name="from" value="${esc(releaseTitle(r.plan.from))}"/>`,
    `      <property name="to" value="${esc(releaseTitle(r.plan.to))}"/>`,
    `      <property name="verdict" value="${r.verdict}"/>`,
    `      <property name="estimatedSeconds" value="${time}"/>`,
    `      <property name="apiDowntimeSeconds" value="${r.downtime.api.seconds}"/>`,
    `      <property name="instanceDowntimeSeconds" value="${r.downtime.instances.instanceSeconds}"/>`,
    '    </properties>',
    ...cases,
    unknown.length ? `    <system-err>${esc(unknown.map(describe).join('\n\n'))}</system-err>` : '',
    '  </testsuite>',
  ].filter(Boolean);
  return { xml: xml.join('\n'), tests: INVARIANT_CODES.length, failures, time: 0 };
}
