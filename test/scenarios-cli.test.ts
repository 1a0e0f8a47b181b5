/**
 * `preflight scenario` in-process: a plan on stdout or in a file that parses and passes the check,
 * located inventory errors, refused pairs with their route, usage mistakes; exit codes 0 and 2.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bufferIo } from '../src/cli/io.ts';
import { main } from '../src/cli/main.ts';
import { check, errorCodes } from './helpers/plans.ts';

const INV = join(import.meta.dirname, '../examples/generated/inventories');
const FIX = join(import.meta.dirname, 'fixtures/inventories');

async function cli(argv: string[]) {
  const io = bufferIo();
  const code = await main(argv, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

describe('preflight scenario', () => {
  it('prints a plan that passes preflight check', async () => {
    const r = await cli(['scenario', 'live-compute', '--inventory', join(INV, 'single-controller.yaml'), '--from', 'icehouse', '--to', 'juno']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^# Icehouse to Juno: the live-compute procedure/);
    expect(errorCodes(check(r.out))).toEqual([]);
  });

  it('writes it with -o, from a kolla inventory with N instances per compute', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'preflight-scenario-')), 'plan.yaml');
    const r = await cli(['scenario', 'ha-rolling', '--inventory', join(INV, 'multinode'), '--from', '2025.2', '--to', '2026.1',
      '--instances-per-compute', '2', '--migrate', 'live', '-o', file]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^wrote .*plan\.yaml: \d+ steps$/);
    const res = check(readFileSync(file, 'utf8'));
    expect(errorCodes(res)).toEqual([]);
  });

  it('reads an instance list', async () => {
    const r = await cli(['scenario', 'service-by-service', '--inventory', join(FIX, 'small-multinode'), '--from', '2025.2', '--to', '2026.1',
      '--instances', join(FIX, 'instances.yaml')]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('web1: {host: cmp1}');
  });

  it('prints inventory errors located, writes nothing, exits 2', async () => {
    const r = await cli(['scenario', 'all-at-once', '--inventory', join(FIX, 'cycle.ini'), '--from', 'newton', '--to', 'ocata']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cycle\.ini:8:1: \[INV-E003\] group a contains itself: a → b → a/);
    expect(r.out).toBe('');
  });

  it('refuses an unsupported pair with the route, exit 2', async () => {
    const r = await cli(['scenario', 'live-compute', '--inventory', join(INV, 'single-controller.yaml'), '--from', '2024.2', '--to', '2026.1']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('upgrade Dalmatian (2024.2) → Epoxy (2025.1) → Gazpacho (2026.1), one plan per hop');
  });

  it.each([
    [['scenario'], 'needs a scenario name'],
    [['scenario', 'big-bang', '--inventory', 'x', '--from', 'a', '--to', 'b'], 'unknown scenario "big-bang"'],
    [['scenario', 'all-at-once', '--from', 'newton', '--to', 'ocata'], '--inventory is required'],
    [['scenario', 'all-at-once', '--inventory', 'x', '--from', 'newtown', '--to', 'ocata'], 'unknown release "newtown"'],
    [['scenario', 'all-at-once', '--inventory', 'x', '--from', 'newton', '--to', 'ocata', '--migrate', 'warp'], '--migrate must be one of'],
  ])('%j is a usage error', async (argv, message) => {
    const r = await cli(argv);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  });

  it('lists the scenarios in its help', async () => {
    const r = await cli(['scenario', '--help']);
    expect(r.code).toBe(0);
    for (const s of ['all-at-once', 'service-by-service', 'parallel-compute', 'live-compute', 'ha-rolling']) expect(r.out).toContain(s);
  });
});
