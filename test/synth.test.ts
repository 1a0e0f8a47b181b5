/** Synthesis: its parts (skeleton, caps, policy spec, reduction, route), impossible requests, objectives, YAML, the CLI. */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../src/cli/plan.ts';
import type { Io } from '../src/cli/io.ts';
import { parsePlan } from '../src/scenarios/parse.ts';
import { serializePlan } from '../src/scenarios/serialize.ts';
import { checkPlan } from '../src/sim/check.ts';
import { capCandidates } from '../src/synth/groups/index.ts';
import { route, synthesizePlan } from '../src/synth/index.ts';
import { parsePolicySpec } from '../src/synth/policy-spec.ts';
import { reduceTopology } from '../src/synth/reduce.ts';
import { serviceSkeleton } from '../src/synth/skeleton.ts';
import { cloud, rel, ZERO } from './synth-helpers.ts';

function io(): Io & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (t) => void lines.push(t), err: (t) => void errors.push(t), color: false };
}

describe('parts', () => {
  it('reads the service skeleton off the machine with xstate/graph: install while running, then stop and start', () => {
    expect(serviceSkeleton(rel('icehouse'), rel('juno'))).toEqual(['INSTALL', 'STOP', 'START']);
  });

  it('tries no cap, auto, numbers, then aliases', () => {
    expect(capCandidates(rel('icehouse'), rel('juno'))).toEqual([null, '3.23', '3.23.1', 'icehouse']);
    expect(capCandidates(rel('newton'), rel('ocata')).slice(0, 2)).toEqual([null, 'auto']);
  });

  it('routes adjacent hops and SLURP jumps over one release only', () => {
    expect(route(rel('2024.2'), rel('2026.1'))).toEqual(['dalmatian', 'epoxy', 'gazpacho']);
    expect(route(rel('zed'), rel('2025.1'))).toEqual(['zed', 'antelope', 'caracal', 'epoxy']);
    expect(route(rel('2025.1'), rel('2026.1'))).toEqual(['epoxy', 'gazpacho']);
  });

  it('parses policy presets and parts', () => {
    expect(parsePolicySpec('zero-downtime')).toEqual({ ok: true, policy: ZERO });
    expect(parsePolicySpec('instances=allow,api=nova+cinder')).toEqual({ ok: true, policy: { instanceDowntime: 'allow', apiDowntime: ['nova', 'cinder'] } });
    expect(parsePolicySpec('api=bogus').ok).toBe(false);
    expect(parsePolicySpec('zero').ok).toBe(false);
  });

  it('keeps two computes of each kind for the search', () => {
    const small = reduceTopology(cloud(3, 50, { instancesPerCompute: 2 }));
    expect(small.nodes.filter((n) => n.role === 'compute').map((n) => n.name)).toEqual(['compute1', 'compute2']);
    expect(small.instances).toHaveLength(4);
  });
});

describe('synthesizePlan', () => {
  it('rolls every project behind haproxy with no downtime, fewer steps than ha-rolling (Newton → Ocata, 3 controllers)', () => {
    const r = synthesizePlan(cloud(3, 2), rel('newton'), rel('ocata'), ZERO);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.predicted.apiServiceSeconds).toBe(0);
    expect(r.predicted.instanceSeconds).toBe(0);
    expect(r.comparison?.best).toBe('ha-rolling');
    expect(r.comparison?.noWorse).toBe(true);
    expect(r.comparison?.summary.join('\n')).toMatch(/API downtime summed over services: 0 s against \d+ s for ha-rolling/);
    // Labels say why, predict downtime, and name the rule that fixed the order.
    const labels = r.plan.steps.map((s) => s.label ?? '').join('\n');
    expect(labels).toMatch(/predicted downtime: none/);
    expect(labels).toMatch(/after keystone because ORDER: Keystone is upgraded before every other service/);
    expect(labels).toMatch(/after nova-control because COMPUTE_NEWER_THAN_CONTROL/);
  });

  it('answers an impossible request with the reason and the least-downtime alternative (one controller, zero downtime)', () => {
    const r = synthesizePlan(cloud(1, 2), rel('icehouse'), rel('juno'), ZERO);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toMatch(/keystone cannot be upgraded under this policy: .*API_DOWNTIME/);
    const alt = r.alternative!;
    expect(alt.policy.instanceDowntime).toBe('forbid');
    expect(alt.policy.apiDowntime).toEqual(expect.arrayContaining(['keystone', 'nova']));
    expect(checkPlan(alt.plan).verdict).toBe('pass');
    expect(alt.predicted.instanceSeconds).toBe(0);
  });

  it('names the one project that cannot mix across a SLURP jump, and accepts only its outage (Epoxy → Gazpacho, 3 controllers)', () => {
    const r = synthesizePlan(cloud(3, 2), rel('2025.1'), rel('2026.1'), ZERO, 'downtime', { compare: false });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toMatch(/^Epoxy \(2025\.1\) → Gazpacho \(2026\.1\) cannot keep the policy .*cinder cannot be upgraded/);
    expect(r.alternative?.policy).toEqual({ instanceDowntime: 'forbid', apiDowntime: ['cinder'] });
    expect(Object.keys(r.alternative!.predicted.apiByService)).toEqual(['cinder-api']);
  });

  it('trades downtime for steps when asked (api downtime allowed)', () => {
    const policy = { instanceDowntime: 'forbid', apiDowntime: 'allow' } as const;
    const byDowntime = synthesizePlan(cloud(3, 2), rel('newton'), rel('ocata'), policy, 'downtime', { compare: false });
    const bySteps = synthesizePlan(cloud(3, 2), rel('newton'), rel('ocata'), policy, 'steps', { compare: false });
    expect(byDowntime.ok && bySteps.ok).toBe(true);
    if (!byDowntime.ok || !bySteps.ok) return;
    expect(bySteps.predicted.steps).toBeLessThan(byDowntime.predicted.steps);
    expect(byDowntime.predicted.apiServiceSeconds).toBeLessThanOrEqual(bySteps.predicted.apiServiceSeconds);
  });

  it('writes YAML that parses back to a plan passing check', () => {
    const r = synthesizePlan(cloud(1, 2), rel('grizzly'), rel('havana'), { instanceDowntime: 'forbid', apiDowntime: 'allow' }, 'downtime', { compare: false });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const parsed = parsePlan(serializePlan(r.plan), 'synth.yaml');
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(checkPlan(parsed.plan).verdict).toBe('pass');
  });

  it('searches again without what explore broke: neutron moves servers and agents together, an outage the alternative names', () => {
    const banned = new Set(['rolling', 'restart-all', 'offline'].map((b) => `neutron-server/${b}+agents-paused`));
    const r = synthesizePlan(cloud(3, 2), rel('2025.1'), rel('2026.1'), ZERO, 'downtime', { compare: false, banned });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.alternative?.policy.apiDowntime).toEqual(['cinder', 'neutron']);
    expect(r.alternative!.hops[0]!.stepOrigins).toContain('neutron-server/offline+agents-with-servers');
    expect(checkPlan(r.alternative!.plan).verdict).toBe('pass');
  });

  it('refuses a downgrade', () => {
    const r = synthesizePlan(cloud(1, 1), rel('juno'), rel('icehouse'), ZERO);
    expect(r).toEqual({ ok: false, reason: expect.stringMatching(/downgrades are not supported/) });
  });
});

describe('preflight plan', () => {
  const inventory = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'synth-'));
    const path = join(dir, 'cloud.yaml');
    await writeFile(path, [
      'nodes:',
      '  controller1: { role: controller, services: [keystone, glance-api, glance-registry, nova-api, nova-conductor, nova-scheduler, neutron-server, cinder-api, cinder-scheduler, cinder-volume, horizon] }',
      '  controller2: { role: controller, services: [keystone, glance-api, glance-registry, nova-api, nova-conductor, nova-scheduler, neutron-server, cinder-api, cinder-scheduler, cinder-volume, horizon] }',
      '  network1: { role: network, services: [neutron-l2-agent, neutron-l3-agent, neutron-dhcp-agent, neutron-metadata-agent] }',
      '  compute1: { role: compute, services: [nova-compute, neutron-l2-agent] }',
      '  compute2: { role: compute, services: [nova-compute, neutron-l2-agent] }',
      'instances:',
      '  vm1: { host: compute1 }',
      '',
    ].join('\n'));
    return { dir, path };
  };

  it('writes a proven plan and exits 0', async () => {
    const { dir, path } = await inventory();
    const out = io();
    const code = await run(['--inventory', path, '--from', 'newton', '--to', 'ocata', '-o', join(dir, 'plan.yaml'), '--explore', '3', '--no-compare'], out);
    expect(code).toBe(0);
    expect(out.lines.join('\n')).toMatch(/explore: ok after 3 runs/);
    const parsed = parsePlan(await readFile(join(dir, 'plan.yaml'), 'utf8'), 'plan.yaml');
    expect(parsed.ok).toBe(true);
  });

  it('writes one plan per hop for a multi-hop upgrade', async () => {
    const { dir, path } = await inventory();
    const out = io();
    const code = await run(['--inventory', path, '--from', '2024.2', '--to', '2026.1', '--policy', 'api-downtime', '-o', join(dir, 'plan.yaml'), '--explore', '0', '--no-compare'], out);
    expect(code).toBe(0);
    expect(out.lines.join('\n')).toMatch(/wrote .*plan\.hop1\.yaml[\s\S]*wrote .*plan\.hop2\.yaml/);
    expect(await readFile(join(dir, 'plan.hop2.yaml'), 'utf8')).toMatch(/from: epoxy\nto: gazpacho/);
  });

  it('exits 1 with the reason and writes the alternative when the policy cannot be kept', async () => {
    const { path } = await inventory();
    const out = io();
    const code = await run(['--inventory', path, '--from', '2025.1', '--to', '2026.1', '--explore', '0', '--no-compare'], out);
    expect(code).toBe(1);
    expect(out.errors.join('\n')).toMatch(/impossible: .*cinder cannot be upgraded[\s\S]*least-downtime alternative \(policy: instances forbid, api \[cinder\]\)/);
    expect(out.lines.join('\n')).toMatch(/apiDowntime: \[ ?cinder ?\]|apiDowntime:\n\s+- cinder/);
  });

  it('rejects a bad policy with usage (exit 2)', async () => {
    await expect(run(['--inventory', 'x.yaml', '--from', 'newton', '--to', 'ocata', '--policy', 'api=bogus'], io())).rejects.toMatchObject({ exitCode: 2 });
  });
});
