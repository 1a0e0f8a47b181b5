/**
 * The installed command end to end: `node bin/preflight.js` as a user runs it, with the real
 * simulator, asserting the exit codes 0 / 1 / 2 and that no stack trace reaches the user.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin/preflight.js');
const run = promisify(execFile);

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function preflight(...args: string[]): Promise<Outcome> {
  const env = { ...process.env, NO_COLOR: '' };
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { cwd: ROOT, env });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    if (typeof e.code !== 'number') throw err;
    return { code: e.code, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

const PASSING = 'test/fixtures/plans/valid/keystone-rolling-pass.yaml';
const FAILING = 'test/fixtures/plans/valid/icehouse-juno-live-compute.yaml';
const BROKEN = 'test/fixtures/plans/invalid/E014-unknown-node.yaml';

describe.concurrent('bin/preflight.js', () => {
  it('exits 0 on a passing plan, without colour when stdout is not a terminal', async ({ expect }) => {
    const r = await preflight('check', PASSING);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      `PASS Keystone rolling upgrade (${PASSING}): 0 errors, 0 warnings; API down 0 s over 0 steps; instances down 0 instance-seconds\n`,
    );
    expect(r.stderr).toBe('');
  });

  it('exits 1 when the simulator finds errors, and prints them by step', async ({ expect }) => {
    const r = await preflight('check', FAILING);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^FAIL Icehouse to Juno, live compute upgrade \(/);
    expect(r.stdout).toMatch(/^ {2}step \d+(\.\d+)?( ".*")? ERROR [A-Z_]+: /m);
    expect(r.stdout).toMatch(/^ {6}rule: /m);
  });

  it('prints the CheckResult object as JSON', async ({ expect }) => {
    const r = await preflight('check', '--format', 'json', PASSING);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(result).toMatchObject({ schemaVersion: 1, verdict: 'pass', violations: [], plan: { name: 'Keystone rolling upgrade', file: PASSING } });
  });

  it('exits 2 on a plan that does not parse, with located errors and no stack trace', async ({ expect }) => {
    const r = await preflight('check', PASSING, BROKEN);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${BROKEN}:11:19: [PLAN-E014] unknown node "controler1"; did you mean controller1?`);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  it('also runs as "npm run preflight --" (src/cli/main.ts as the entry point)', async ({ expect }) => {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const { stdout } = await run(npm, ['run', '-s', 'preflight', '--', 'check', PASSING], { cwd: ROOT });
    expect(stdout).toMatch(/^PASS Keystone rolling upgrade /);
  });

  it('exits 2 with usage on an unknown flag, and prints the version', async ({ expect }) => {
    const flag = await preflight('check', '--verbose', PASSING);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('Usage: preflight check');
    expect((await preflight('--version')).stdout).toMatch(/^preflight \d+\.\d+\.\d+\n$/);
  });
});
