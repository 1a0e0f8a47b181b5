import { describe, expect, it } from 'vitest';
import { plansReport, renderJunit } from '../src/report/index.ts';
import { INVARIANT_CODES, type CheckResult } from '../src/sim/result.ts';
import { ROLLING } from './fixtures/report/rolling-pike-queens.ts';
import { wellFormed } from './fixtures/report/xml-check.ts';

const withWarning: CheckResult = {
  ...ROLLING,
  plan: { ...ROLLING.plan, name: 'second & <other> plan' },
  violations: [
    ...ROLLING.violations,
    { ...ROLLING.violations[0]!, stepId: '9', step: 9, code: 'STALE_VERSION_CAP', severity: 'warning', message: 'cap "4.17" still set\u0001' },
  ],
};
const xml = renderJunit(plansReport([{ result: ROLLING }, { result: withWarning }]));

describe('JUnit report', () => {
  it('is well-formed XML with a testsuite per plan and a testcase per invariant code', () => {
    expect(wellFormed(xml)).toEqual([]);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')).toBe(true);
    expect((xml.match(/<testsuite /g) ?? []).length).toBe(2);
    expect((xml.match(/<testcase /g) ?? []).length).toBe(2 * INVARIANT_CODES.length);
    for (const code of INVARIANT_CODES) expect(xml).toContain(`name="${code}"`);
    expect(xml).toContain(`tests="${2 * INVARIANT_CODES.length}" failures="4"`);
  });

  it('fails the testcases of errors and keeps warnings in system-out', () => {
    const api = /<testcase [^>]*name="API_DOWNTIME"[^>]*>([\s\S]*?)<\/testcase>/.exec(xml)![1]!;
    expect(api).toContain('<failure type="API_DOWNTIME" message="step 7: nova-api has no active backend');
    expect(api).toContain('source: nova-doc-upgrades https://github.com/openstack/nova/');
    const stale = [...xml.matchAll(/<testcase [^>]*name="STALE_VERSION_CAP"[^>]*?(\/>|>([\s\S]*?)<\/testcase>)/g)].map((m) => m[2] ?? '');
    expect(stale[0]).toBe(''); // the first plan passes it: a self-closed testcase
    expect(xml).toContain('<testcase classname="preflight.nova_rolling_upgrade_pike_queens" name="UPGRADE_PATH" time="0"/>');
    expect(stale[1]).toContain('<system-out>WARNING STALE_VERSION_CAP at step 9');
    expect(stale[1]).not.toContain('<failure');
  });

  it('escapes names and messages, and drops characters XML forbids', () => {
    expect(xml).toContain('<testsuite name="second &amp; &lt;other&gt; plan"');
    expect(xml).toContain('cap &quot;4.17&quot; still set\uFFFD');
    expect(xml).not.toContain('\u0001');
  });
});
