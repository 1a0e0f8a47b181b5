/**
 * What a valid plan parses to: numbering, labels, defaults, releases, databases, and the
 * tracking of nodes and instances through the steps.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatPlanError } from '../src/scenarios/parse-errors.ts';
import { parsePlan } from '../src/scenarios/parse.ts';
import type { Plan } from '../src/scenarios/plan.ts';

const VALID = join(import.meta.dirname, 'fixtures/plans/valid');

function parseOk(text: string, file?: string): Plan {
  const result = parsePlan(text, file);
  if (!result.ok) throw new Error(result.errors.map(formatPlanError).join('\n'));
  return result.plan;
}

function fixture(name: string): Plan {
  return parseOk(readFileSync(join(VALID, name), 'utf8'), name);
}

/** A minimal plan around the given topology and steps lines. */
function plan(topology: string[], steps: string[], head: string[] = []): string {
  const stepLines = steps.length === 0 ? ['steps: []'] : ['steps:', ...steps];
  return ['apiVersion: preflight/v1', 'from: icehouse', 'to: juno', ...head, 'topology:', ...topology, ...stepLines].join('\n');
}

const NODES = [
  '  nodes:',
  '    ctl: { role: controller, services: [keystone, nova-api, nova-conductor, nova-scheduler, cinder-volume] }',
  '    cmp: { role: compute, services: [nova-compute, neutron-l2-agent] }',
];

describe('parsePlan: valid plans', () => {
  it('numbers steps, keeps labels and gives parallel children their own ids', () => {
    const p = fixture('icehouse-juno-live-compute.yaml');
    expect(p.steps).toHaveLength(19);
    expect(p.steps.map((s) => s.id)).toEqual(Array.from({ length: 19 }, (_, i) => String(i + 1)));
    expect(p.steps[0]).toMatchObject({ number: 1, label: 'stop the nova control plane', at: { file: 'icehouse-juno-live-compute.yaml', line: 19, column: 5 } });
    const group = p.steps[18]!;
    expect(group.action.verb).toBe('parallel');
    if (group.action.verb !== 'parallel') return;
    expect(group.action.steps.map((s) => [s.id, s.number, s.label])).toEqual([
      ['19.1', 19, undefined],
      ['19.2', 19, 'compute1 picks up the new config'],
      ['19.3', 19, undefined],
    ]);
    expect(p.steps[12]!.durationSeconds).toBe(120);
  });

  it('fills in the defaults: policy, name from the file, the default database, no durations', () => {
    const p = parseOk(plan(NODES, ['  - reboot: { node: cmp }']), 'plans/my-upgrade.yml');
    expect(p.name).toBe('my-upgrade');
    expect(p.policy).toEqual({ instanceDowntime: 'forbid', apiDowntime: 'forbid' });
    expect(p.durations).toEqual({});
    expect(p.topology.databases).toEqual([{ name: 'default', projects: ['keystone', 'glance', 'placement', 'nova', 'neutron', 'cinder'] }]);
    expect(p.topology.loadBalancers).toEqual([]);
    expect(p.topology.instances).toEqual([]);
    expect(p.file).toBe('plans/my-upgrade.yml');
    expect(parseOk(plan(NODES, ['  - reboot: { node: cmp }'])).name).toBe('plan');
  });

  it('resolves releases given as series ids, even when YAML reads them as numbers', () => {
    const text = plan(NODES, []).replace('from: icehouse', 'from: 2024.1').replace('to: juno', 'to: "2025.1"');
    const p = parseOk(text);
    expect([p.from, p.to]).toEqual(['caracal', 'epoxy']);
    expect(parseOk(plan(NODES, []).replace('to: juno', 'to: Juno')).to).toBe('juno');
  });

  it('places undeclared projects in the implicit default database, after the declared ones', () => {
    const p = fixture('grizzly-havana-parallel-compute.yaml');
    expect(p.topology.databases.map((d) => [d.name, d.projects])).toEqual([
      ['nova-old', ['nova']],
      ['nova-new', ['nova']],
      ['default', ['keystone', 'glance', 'placement', 'neutron', 'cinder']],
    ]);
    expect(p.topology.nodes.find((n) => n.name === 'compute2')).toMatchObject({ release: 'grizzly' });
    expect(p.topology.nodes.find((n) => n.name === 'compute1')).not.toHaveProperty('release');
  });

  it('maps db.service to its project, from a project or a service name', () => {
    const steps = ['  - db: { service: nova-api, phase: sync }', '  - db: { service: quantum-server, phase: migrate }', '  - db: { service: cinder, phase: contract }'];
    const p = parseOk(plan(NODES, steps));
    expect(p.steps.map((s) => s.action)).toEqual([
      { verb: 'db', project: 'nova', phase: 'sync' },
      { verb: 'db', project: 'neutron', phase: 'migrate' },
      { verb: 'db', project: 'cinder', phase: 'contract' },
    ]);
  });

  it('reads config values as text and null as removal; nodes: all means the nodes existing then', () => {
    const steps = [
      '  - config: { nodes: all, file: nova.conf, section: upgrade_levels, key: compute, value: 3.23.1 }',
      '  - remove-node: { node: cmp }',
      '  - config: { nodes: all, file: nova.conf, section: DEFAULT, key: workers, value: 4 }',
      '  - config: { nodes: ctl, file: nova.conf, section: upgrade_levels, key: compute, value: null }',
    ];
    const actions = parseOk(plan(NODES, steps)).steps.map((s) => s.action);
    expect(actions[0]).toMatchObject({ nodes: ['ctl', 'cmp'], value: '3.23.1' });
    expect(actions[2]).toMatchObject({ nodes: ['ctl'], value: '4' });
    expect(actions[3]).toMatchObject({ nodes: ['ctl'], value: null });
  });

  it('defaults disable/enable to nova-compute and add-node to the target release', () => {
    const steps = ['  - disable: { node: cmp }', '  - add-node: { node: new1, role: compute, services: [nova-compute] }', '  - enable: { node: new1 }'];
    const actions = parseOk(plan(NODES, steps)).steps.map((s) => s.action);
    expect(actions).toEqual([
      { verb: 'disable', node: 'cmp', services: ['nova-compute'] },
      { verb: 'add-node', node: 'new1', role: 'compute', services: ['nova-compute'], release: 'juno' },
      { verb: 'enable', node: 'new1', services: ['nova-compute'] },
    ]);
  });

  it('reads the extensions: accepted API outages by service or project, releases on upgrade and db', () => {
    const head = ['policy: { apiDowntime: [nova, cinder-api] }'];
    const steps = ['  - upgrade: { node: ctl, service: keystone, release: kilo }', '  - db: { service: keystone, phase: sync, release: "2023.1" }', '  - upgrade: { node: ctl, service: keystone }'];
    const p = parseOk(plan(NODES, steps, head));
    expect(p.policy.apiDowntime).toEqual(['nova', 'cinder-api']);
    expect(p.steps.map((s) => s.action)).toEqual([
      { verb: 'upgrade', node: 'ctl', services: ['keystone'], release: 'kilo' },
      { verb: 'db', project: 'keystone', phase: 'sync', release: 'antelope' },
      { verb: 'upgrade', node: 'ctl', services: ['keystone'] },
    ]);
  });

  it('hints to quote a glob that YAML reads as an alias', () => {
    const r = parsePlan('apiVersion: preflight/v1\nname: x\nfrom: epoxy\nto: gazpacho\ntopology:\n  nodes:\n    c1: { role: controller, services: [keystone] }\nsteps:\n  - stop: { node: c1, service: * }\n', 'glob.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]!.code).toBe('PLAN-E001');
    expect(r.errors[0]!.hint).toMatch(/quote a service glob/);
  });
  it('accepts anchors, aliases and merge keys, and still locates errors inside them', () => {
    const nodes = [
      '  nodes:',
      '    c1: &compute { role: compute, services: [nova-compute] }',
      '    c2: *compute',
      '    c3: { <<: *compute, release: icehouse }',
    ];
    const p = parseOk(plan(nodes, ['  - restart: &r { node: c1, service: nova-compute }', '  - restart: { <<: *r, node: c3 }']));
    expect(p.topology.nodes.map((n) => [n.name, n.services, n.release])).toEqual([
      ['c1', ['nova-compute'], undefined],
      ['c2', ['nova-compute'], undefined],
      ['c3', ['nova-compute'], 'icehouse'],
    ]);
    expect(p.steps[1]!.action).toEqual({ verb: 'restart', node: 'c3', services: ['nova-compute'] });
    const bad = parsePlan(plan(nodes, ['  - restart: &r { node: c1, service: nova-compute }', '  - restart: { <<: *r, node: c9 }']));
    expect(bad.ok ? [] : bad.errors.map((e) => `${e.line}:${e.column} ${e.message}`)).toEqual(['11:30 unknown node "c9"']);
  });

  it('keeps names in the order written, even integer-like ones', () => {
    const nodes = ['  nodes:', '    b: { role: compute, services: [nova-compute] }', '    "10": { role: compute, services: [nova-compute] }', '    2: { role: compute, services: [nova-compute] }'];
    const p = parseOk(plan(nodes, ['  - config: { nodes: all, file: f, section: s, key: k, value: v }']));
    expect(p.topology.nodes.map((n) => n.name)).toEqual(['b', '10', '2']);
    expect(p.steps[0]!.action).toMatchObject({ nodes: ['b', '10', '2'] });
  });

  it('reads per-verb durations and the policy', () => {
    const head = ['policy: { apiDowntime: allow }', 'durations: { upgrade: 90, live-migrate: 30 }'];
    const p = parseOk(plan(NODES, [], head));
    expect(p.durations).toEqual({ upgrade: 90, 'live-migrate': 30 });
    expect(p.policy).toEqual({ instanceDowntime: 'forbid', apiDowntime: 'allow' });
  });
});

describe('selectors', () => {
  const services = (selector: string): string[] | string => {
    const result = parsePlan(plan(NODES, [`  - stop: { node: ctl, service: ${selector} }`]));
    if (!result.ok) return result.errors.map((e) => `${e.code} ${e.message}`).join('; ');
    const action = result.plan.steps[0]!.action;
    return action.verb === 'stop' ? action.services : [];
  };

  it('expands a single name, a list, a glob and "*" against the node', () => {
    expect(services('keystone')).toEqual(['keystone']);
    expect(services('[nova-conductor, keystone]')).toEqual(['nova-conductor', 'keystone']);
    expect(services('"nova-*"')).toEqual(['nova-api', 'nova-conductor', 'nova-scheduler']);
    expect(services('"nova-?pi"')).toEqual(['nova-api']);
    expect(services('"*"')).toEqual(['keystone', 'nova-api', 'nova-conductor', 'nova-scheduler', 'cinder-volume']);
  });

  it('mixes globs and names in a list without repeating a service', () => {
    expect(services('["nova-*", nova-api, cinder-volume]')).toEqual(['nova-api', 'nova-conductor', 'nova-scheduler', 'cinder-volume']);
  });

  it('rejects a glob matching nothing on the node, even when it matches elsewhere', () => {
    expect(services('"neutron-*"')).toBe('PLAN-E019 "neutron-*" matches no service on node "ctl"');
  });

  it('rejects a known service the node does not run, and an unknown one', () => {
    expect(services('nova-compute')).toBe('PLAN-E018 node "ctl" does not run nova-compute');
    expect(services('[keystone, nova-cmpute]')).toBe('PLAN-E013 unknown service "nova-cmpute"');
  });

  it('treats regex characters in a glob literally', () => {
    expect(services('"nova.api*"')).toBe('PLAN-E019 "nova.api*" matches no service on node "ctl"');
  });
});

describe('tracking through the steps', () => {
  const errors = (steps: string[], topology = NODES): string[] => {
    const result = parsePlan(plan(topology, steps));
    return result.ok ? [] : result.errors.map((e) => `${e.line}:${e.column} ${e.code} ${e.message}`);
  };

  it('knows a node from the step that adds it, with the services it was given', () => {
    expect(errors(['  - add-node: { node: n9, role: network, services: [neutron-l3-agent] }', '  - restart: { node: n9, service: "neutron-*" }'])).toEqual([]);
    expect(errors(['  - restart: { node: n9, service: "neutron-*" }', '  - add-node: { node: n9, role: network, services: [neutron-l3-agent] }'])).toEqual([
      '9:22 PLAN-E014 node "n9" does not exist yet: it is added at step 2',
    ]);
  });

  it('forgets a removed node, and lets a later step add it again', () => {
    expect(errors(['  - remove-node: { node: cmp }', '  - reboot: { node: cmp }'])).toEqual(['10:21 PLAN-E014 node "cmp" was removed at step 1']);
    expect(errors(['  - remove-node: { node: cmp }', '  - add-node: { node: cmp, role: compute, services: [nova-compute] }', '  - reboot: { node: cmp }'])).toEqual([]);
  });

  it('moves instances with migrations and forgets deleted ones', () => {
    const topology = [...NODES, '    cmp2: { role: compute, services: [nova-compute] }', '  instances:', '    vm: { host: cmp }'];
    expect(errors(['  - live-migrate: { instance: vm, to: cmp2 }', '  - cold-migrate: { instance: vm, to: cmp }', '  - redeploy: { instance: vm, to: cmp2 }'], topology)).toEqual([]);
    expect(errors(['  - delete-instance: { instance: vm }', '  - delete-instance: { instance: vm }'], topology)).toEqual([
      '13:34 PLAN-E016 instance "vm" was deleted at step 1',
    ]);
  });

  it('checks each step of a parallel group against what its earlier siblings did', () => {
    expect(errors(['  - parallel:', '      - remove-node: { node: cmp }', '      - reboot: { node: cmp }'])).toEqual([
      '11:25 PLAN-E014 node "cmp" was removed at step 1.1',
    ]);
  });

  it('does not cascade: a node with a broken declaration is still known', () => {
    const broken = ['  nodes:', '    cmp: { role: compute, services: nova-compute }'];
    expect(errors(['  - reboot: { node: cmp }', '  - stop: { node: cmp, service: anything-at-all }', '  - stop: { node: cmp, service: nova-api }'], broken)).toEqual([
      '6:37 PLAN-E007 topology.nodes.cmp.services must be a list, got "nova-compute"',
      // names are still checked; only their presence on the broken node is not
      '9:33 PLAN-E013 unknown service "anything-at-all"',
    ]);
  });
});

describe('docs/plan-format.md', () => {
  it('shows a plan that parses', () => {
    const doc = readFileSync(join(import.meta.dirname, '../docs/plan-format.md'), 'utf8');
    const blocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!).filter((b) => b.startsWith('apiVersion:'));
    expect(blocks.length).toBeGreaterThan(0);
    for (const block of blocks) expect(parseOk(block, 'docs.yaml').steps.length).toBeGreaterThan(0);
  });
});
