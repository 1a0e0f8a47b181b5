/**
 * The text `preflight check` prints, from hand-made CheckResults: verdict line, violation
 * blocks, grouping of repeats, --all, colour.
 */
import { describe, expect, it } from 'vitest';
import { formatCheckText, formatCheckTexts, GROUP_SHOWN } from '../src/cli/format-check.ts';
import type { ReleaseName } from '../src/scenarios/plan.ts';
import type { CheckResult, Violation } from '../src/sim/result.ts';

function result(violations: Violation[], overrides: Partial<CheckResult> = {}): CheckResult {
  return {
    schemaVersion: 1,
    plan: { name: 'Icehouse to Juno', file: 'plans/ij.yaml', from: 'icehouse' as ReleaseName, to: 'juno' as ReleaseName },
    verdict: violations.some((v) => v.severity === 'error') ? 'fail' : 'pass',
    violations,
    downtime: {
      api: { steps: 2, seconds: 150.4, byService: { 'nova-api': { steps: 2, seconds: 150.4 } } },
      instances: { affected: 1, instanceSeconds: 60, maxSeconds: 60 },
      totalSeconds: 900,
    },
    ...overrides,
  };
}

function violation(step: number, overrides: Partial<Violation> = {}): Violation {
  return {
    step,
    stepId: String(step),
    code: 'RPC_INCOMPATIBLE',
    severity: 'error',
    message: `compute${step} cannot talk to the conductor`,
    entities: [`compute${step}/nova-compute`, 'controller1/nova-conductor'],
    rule: 'Cap compute RPC before upgrading the control plane.',
    source: [{ id: 'nova-rpcapi', url: 'https://example.org/rpcapi.py' }],
    ...overrides,
  };
}

const text = (r: CheckResult, all = false) => formatCheckText(r, { all, color: false });

describe('formatCheckText', () => {
  it('prints the verdict line with counts and downtime', () => {
    const warning = violation(4, { severity: 'warning', code: 'STALE_VERSION_CAP', rule: 'Remove caps.' });
    expect(text(result([violation(3), warning])).split('\n')[0]).toBe(
      'FAIL Icehouse to Juno (plans/ij.yaml): 1 error, 1 warning; API down 150 s over 2 steps; instances down 60 instance-seconds',
    );
    const clean = result([], { downtime: { api: { steps: 1, seconds: 0, byService: {} }, instances: { affected: 0, instanceSeconds: 0, maxSeconds: 0 }, totalSeconds: 1 } });
    expect(text(clean)).toBe('PASS Icehouse to Juno (plans/ij.yaml): 0 errors, 0 warnings; API down 0 s over 1 step; instances down 0 instance-seconds');
  });

  it('prints each violation with its label, entities, rule and sources', () => {
    const v = violation(7, {
      stepId: '7.2',
      stepLabel: 'upgrade computes',
      source: [
        { id: 'a', url: 'https://example.org/a' },
        { id: 'b', url: 'https://example.org/b' },
      ],
    });
    expect(text(result([v])).split('\n').slice(1)).toEqual([
      '  step 7.2 "upgrade computes" ERROR RPC_INCOMPATIBLE: compute7 cannot talk to the conductor',
      '      entities: compute7/nova-compute, controller1/nova-conductor',
      '      rule: Cap compute RPC before upgrading the control plane.',
      '      source: https://example.org/a',
      '      source: https://example.org/b',
    ]);
  });

  it('names plan-wide violations "plan" and leaves out empty entity and source lines', () => {
    const v = violation(0, { stepId: '0', code: 'UPGRADE_PATH', message: 'icehouse cannot go to kilo directly', entities: [], source: [], rule: 'One release at a time.' });
    expect(text(result([v])).split('\n').slice(1)).toEqual([
      '  plan ERROR UPGRADE_PATH: icehouse cannot go to kilo directly',
      '      rule: One release at a time.',
    ]);
  });

  it(`groups repeats of one code and rule: the first ${GROUP_SHOWN}, then a count`, () => {
    const repeats = [1, 2, 3, 4, 5, 6].map((n) => violation(n));
    const other = violation(2, { code: 'ORDER', rule: 'Keystone first.', message: 'nova before keystone', entities: [], source: [] });
    const lines = text(result([repeats[0]!, other, ...repeats.slice(1)])).split('\n');
    expect(lines.filter((l) => l.startsWith('  step')).map((l) => l.split(':')[0])).toEqual([
      '  step 1 ERROR RPC_INCOMPATIBLE',
      '  step 2 ERROR RPC_INCOMPATIBLE',
      '  step 3 ERROR RPC_INCOMPATIBLE',
      '  step 2 ERROR ORDER',
    ]);
    expect(lines).toContain('  ... and 3 more RPC_INCOMPATIBLE (use --all)');
    expect(lines.indexOf('  ... and 3 more RPC_INCOMPATIBLE (use --all)')).toBeLessThan(lines.indexOf('  step 2 ERROR ORDER: nova before keystone'));
  });

  it('keeps the same code under different rules apart', () => {
    const a = [1, 2, 3, 4].map((n) => violation(n));
    const b = violation(9, { rule: 'Another rule.' });
    const out = text(result([...a, b]));
    expect(out).toContain('  step 9 ERROR RPC_INCOMPATIBLE');
    expect(out).toContain('  ... and 1 more RPC_INCOMPATIBLE (use --all)');
  });

  it('lists everything with --all', () => {
    const repeats = [1, 2, 3, 4, 5].map((n) => violation(n));
    const out = text(result(repeats), true);
    expect(out).not.toContain('more');
    expect(out.split('\n').filter((l) => l.startsWith('  step'))).toHaveLength(5);
  });

  it('colours only when asked', () => {
    const r = result([violation(1)]);
    expect(text(r)).not.toContain('\u001b[');
    const coloured = formatCheckText(r, { all: false, color: true });
    expect(coloured).toContain('\u001b[31m\u001b[1mFAIL\u001b[22m\u001b[39m');
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(text(r));
  });

  it('separates several plans and tallies them', () => {
    const out = formatCheckTexts([result([]), result([violation(1)])], { all: false, color: false });
    const blocks = out.split('\n\n');
    expect(blocks).toHaveLength(3);
    expect(blocks[0]).toMatch(/^PASS /);
    expect(blocks[1]).toMatch(/^FAIL /);
    expect(blocks[2]).toBe('2 plans: 1 passed, 1 failed');
  });
});
