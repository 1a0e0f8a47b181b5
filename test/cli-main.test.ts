/**
 * The command line in-process: dispatch, help, version, usage errors, and `check` with an
 * injected checker so verdicts and exit codes are tested without the simulator.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run as runCheck, type CheckPlan } from '../src/cli/check.ts';
import { lazy } from '../src/cli/commands.ts';
import { CliError } from '../src/cli/errors.ts';
import { bufferIo, colorAllowed } from '../src/cli/io.ts';
import { main } from '../src/cli/main.ts';
import { VERSION } from '../src/cli/version.ts';
import type { CheckResult } from '../src/sim/result.ts';

const PLANS = join(import.meta.dirname, 'fixtures/plans');
const PASSING = join(PLANS, 'valid/keystone-rolling-pass.yaml');
const OTHER = join(PLANS, 'valid/icehouse-juno-live-compute.yaml');
const BROKEN = join(PLANS, 'invalid/E013-unknown-service.yaml');

async function cli(argv: string[]) {
  const io = bufferIo();
  const code = await main(argv, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

/** A checker that fails the plans whose name contains "Icehouse". */
const fakeChecker: CheckPlan = (plan) => {
  const fail = plan.name.includes('Icehouse');
  const result: CheckResult = {
    schemaVersion: 1,
    plan: { name: plan.name, file: plan.file, from: plan.from, to: plan.to },
    verdict: fail ? 'fail' : 'pass',
    violations: fail
      ? [{ step: 2, stepId: '2', code: 'ORDER', severity: 'error', message: 'keystone last', entities: [], rule: 'Keystone first.', source: [] }]
      : [],
    downtime: { api: { steps: 0, seconds: 0, byService: {} }, instances: { affected: 0, instanceSeconds: 0, maxSeconds: 0 }, totalSeconds: 10 },
  };
  return result;
};

async function check(argv: string[]) {
  const io = bufferIo();
  const code = await runCheck(argv, io, { loadChecker: async () => fakeChecker });
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

describe('main', () => {
  it('prints the version and the global help', async () => {
    expect(await cli(['--version'])).toEqual({ code: 0, out: `preflight ${VERSION}`, err: '' });
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('Usage: preflight COMMAND [options]');
    expect(help.out).toMatch(/^ {2}check +simulate upgrade plans/m);
  });

  it('exits 2 with usage when no command or an unknown one is given', async () => {
    const none = await cli([]);
    expect(none.code).toBe(2);
    expect(none.err).toContain('preflight: no command given');
    const typo = await cli(['chek', 'plan.yaml']);
    expect(typo.code).toBe(2);
    expect(typo.err.split('\n')[0]).toBe('preflight: unknown command "chek"; did you mean check?');
    expect(typo.err).toContain('Usage: preflight COMMAND');
    expect((await cli(['toString'])).code).toBe(2);
  });

  it('gives each command --help, also as "help COMMAND"', async () => {
    const direct = await cli(['check', '--help']);
    expect(direct.code).toBe(0);
    expect(direct.out).toContain('Usage: preflight check PLAN... [--format text|json] [--all]');
    expect(await cli(['help', 'check'])).toEqual(direct);
  });

  it('exits 2 with the command usage on an unknown flag or a bad flag value', async () => {
    const flag = await cli(['check', '--colour', PASSING]);
    expect(flag.code).toBe(2);
    expect(flag.err).toContain("preflight: Unknown option '--colour'");
    expect(flag.err).toContain('Usage: preflight check');
    const format = await cli(['check', '--format', 'xml', PASSING]);
    expect(format.code).toBe(2);
    expect(format.err.split('\n')[0]).toBe('preflight: --format must be one of text, json, got "xml"');
    const none = await cli(['check']);
    expect(none.code).toBe(2);
    expect(none.err.split('\n')[0]).toBe('preflight: check needs at least one plan file');
  });

  it('reports a command whose module cannot load as unavailable, not as a crash', async () => {
    const run = lazy('lab', () => Promise.reject(new Error("Cannot find package 'dockerode'")));
    await expect(run([], bufferIo())).rejects.toThrow(CliError);
    await expect(run([], bufferIo())).rejects.toThrow("the lab command is unavailable here: Cannot find package 'dockerode'");
  });
});

describe('check', () => {
  it('exits 0 when every plan passes, 1 when one fails', async () => {
    const pass = await check([PASSING]);
    expect(pass.code).toBe(0);
    expect(pass.out).toMatch(/^PASS Keystone rolling upgrade \(.*keystone-rolling-pass\.yaml\): 0 errors, 0 warnings/);
    const mixed = await check([PASSING, OTHER]);
    expect(mixed.code).toBe(1);
    expect(mixed.out).toContain('  step 2 ERROR ORDER: keystone last');
    expect(mixed.out.split('\n').at(-1)).toBe('2 plans: 1 passed, 1 failed');
  });

  it('prints every parse error of every broken plan, checks nothing, exits 2', async () => {
    let checked = 0;
    const io = bufferIo();
    const code = await runCheck([PASSING, BROKEN, join(PLANS, 'missing.yaml')], io, {
      loadChecker: async () => (plan) => {
        checked++;
        return fakeChecker(plan);
      },
    });
    expect(code).toBe(2);
    expect(checked).toBe(0);
    expect(io.stdout).toEqual([]);
    const err = io.stderr.join('\n');
    expect(err).toContain(`${BROKEN}:6:59: [PLAN-E013] unknown service "nova-conductr"; did you mean nova-conductor?`);
    expect(err).toContain(`${BROKEN}:11:26: [PLAN-E013] unknown service "cinder-vol"; did you mean cinder-volume?`);
    expect(err).toContain(`${join(PLANS, 'missing.yaml')}:1:1: [PLAN-E021] cannot read the plan file: no such file`);
    expect(io.stderr.at(-1)).toBe('preflight: 2 plans do not parse; nothing was checked');
    expect(err).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('reads a plan given as - from standard input', async () => {
    const { readFileSync } = await import('node:fs');
    const io = bufferIo(false, readFileSync(PASSING, 'utf8'));
    expect(await runCheck(['-'], io, { loadChecker: async () => fakeChecker })).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/^PASS Keystone rolling upgrade \(<stdin>\)/);
    const broken = bufferIo(false, 'apiVersion: preflight/v1\nfrom: icehouse\n');
    expect(await runCheck(['-'], broken, { loadChecker: async () => fakeChecker })).toBe(2);
    expect(broken.stderr[0]).toBe('<stdin>:1:1: [PLAN-E005] missing required field "to"\n<stdin>:1:1: [PLAN-E005] missing required field "topology"\n<stdin>:1:1: [PLAN-E005] missing required field "steps"');
    await expect(runCheck(['-', '-'], bufferIo(), { loadChecker: async () => fakeChecker })).rejects.toThrow('standard input (-) can be given once');
  });

  it('prints exactly the CheckResult as JSON for one plan, an array for several', async () => {
    const one = await check(['--format', 'json', PASSING]);
    expect(one.code).toBe(0);
    const parsed = JSON.parse(one.out) as CheckResult;
    expect(Object.keys(parsed)).toEqual(['schemaVersion', 'plan', 'verdict', 'violations', 'downtime']);
    expect(parsed.plan.name).toBe('Keystone rolling upgrade');
    const two = await check(['--format=json', PASSING, OTHER]);
    expect(two.code).toBe(1);
    expect((JSON.parse(two.out) as CheckResult[]).map((r) => r.verdict)).toEqual(['pass', 'fail']);
  });
});

describe('colour', () => {
  it('is used only on a terminal without NO_COLOR', () => {
    expect(colorAllowed(true, {})).toBe(true);
    expect(colorAllowed(false, {})).toBe(false);
    expect(colorAllowed(undefined, {})).toBe(false);
    expect(colorAllowed(true, { NO_COLOR: '1' })).toBe(false);
  });
});
