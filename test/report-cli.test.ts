/**
 * `preflight report` and `preflight matrix` in-process: what they write, what they print, their
 * exit codes, and that a plan that does not parse leaves no report behind.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bufferIo } from '../src/cli/io.ts';
import { main } from '../src/cli/main.ts';

/** A small plan that breaks one rule: ctl2 stops while ctl1 is still drained. */
const PLAN = `apiVersion: preflight/v1
name: tiny rolling
from: "2025.1"
to: "2026.1"
policy: { instanceDowntime: forbid, apiDowntime: forbid }
topology:
  nodes:
    ctl1: { role: controller, services: [nova-api, nova-conductor, nova-scheduler] }
    ctl2: { role: controller, services: [nova-api, nova-conductor, nova-scheduler] }
    compute1: { role: compute, services: [nova-compute] }
  loadBalancers:
    nova-api-lb: { service: nova-api, backends: [ctl1, ctl2] }
steps:
  - drain: { frontend: nova-api-lb, node: ctl1 }
  - stop: { node: ctl1, service: "nova-*" }
  - upgrade: { node: ctl1, service: "nova-*" }
  - db: { service: nova, phase: sync }
  - start: { node: ctl1, service: "nova-*" }
  - stop: { node: ctl2, service: "nova-*" }
  - undrain: { frontend: nova-api-lb, node: ctl1 }
  - upgrade: { node: ctl2, service: "nova-*" }
  - start: { node: ctl2, service: "nova-*" }
  - stop: { node: compute1, service: nova-compute }
  - upgrade: { node: compute1, service: nova-compute }
  - start: { node: compute1, service: nova-compute }
`;

describe('preflight report / matrix', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'preflight-cli-report-'));
    await writeFile(join(dir, 'tiny.yaml'), PLAN);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('checks the plan and writes the four files; exit 1 when the plan fails', async () => {
    const io = bufferIo();
    const out = join(dir, 'out');
    const code = await main(['report', join(dir, 'tiny.yaml'), '-o', out], io);
    expect(io.stderr).toEqual([]);
    expect(code).toBe(1);
    expect(io.stdout[0]).toMatch(/^FAIL {2}tiny rolling/);
    expect((await readdir(out)).sort()).toEqual(['report.html', 'report.json', 'report.junit.xml', 'report.md']);
    const json = JSON.parse(await readFile(join(out, 'report.json'), 'utf8'));
    expect(json.plans[0].result.violations.map((v: { code: string }) => v.code)).toContain('API_DOWNTIME');
    expect(json.plans[0].result.timeline.length).toBeGreaterThan(12);
    expect(json.plans[0].compatibility.releases).toEqual(['epoxy', 'flamingo', 'gazpacho']);
    const junit = await readFile(join(out, 'report.junit.xml'), 'utf8');
    expect(junit).toMatch(/<testcase classname="preflight.tiny_rolling" name="API_DOWNTIME" time="0">\n\s+<failure/);
  });

  it('writes nothing when a plan does not parse (exit 2)', async () => {
    await writeFile(join(dir, 'bad.yaml'), 'apiVersion: preflight/v1\nname: bad\n');
    const io = bufferIo();
    const out = join(dir, 'out');
    const code = await main(['report', join(dir, 'tiny.yaml'), join(dir, 'bad.yaml'), '-o', out], io);
    expect(code).toBe(2);
    expect(io.stderr.join('\n')).toContain('no report was written');
    expect(existsSync(out)).toBe(false);
  });

  it('needs a plan, and explains itself', async () => {
    const io = bufferIo();
    expect(await main(['report'], io)).toBe(2);
    expect(io.stderr.join('\n')).toContain('Usage: preflight report PLAN...');
    const help = bufferIo();
    expect(await main(['report', '--help'], help)).toBe(0);
    expect(help.stdout.join('\n')).toContain('report.junit.xml');
  });

  it('writes the catalogue matrix for a release pair, no plan needed', async () => {
    const io = bufferIo();
    const out = join(dir, 'matrix');
    expect(await main(['matrix', '--from', 'caracal', '--to', '2025.1', '-o', out], io)).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['report.html', 'report.json', 'report.md']);
    expect(io.stdout.join('\n')).toMatch(/nova-conductor → nova-compute +\d+ supported/);
    const md = await readFile(join(out, 'report.md'), 'utf8');
    expect(md).toContain('| nova-conductor ↓ · nova-compute → | Caracal (2024.1) | Dalmatian (2024.2) | Epoxy (2025.1) |');
  });

  it('rejects unknown or missing releases with a hint', async () => {
    const io = bufferIo();
    expect(await main(['matrix', '--from', 'caracl', '--to', 'epoxy'], io)).toBe(2);
    expect(io.stderr[0]).toBe('preflight: --from: unknown release "caracl"; did you mean caracal?');
    const missing = bufferIo();
    expect(await main(['matrix', '--from', 'epoxy'], missing)).toBe(2);
    expect(missing.stderr[0]).toContain('--to RELEASE is required');
  });
});
