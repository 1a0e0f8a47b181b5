/**
 * The scenario generators: every procedure for every documented release pair gives a plan that
 * passes the check, round-trips through parsePlan, says what each block does, and states in its
 * policy what the procedure accepts. Unsupported pairs and unfit topologies are refused as data.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findRelease } from '../src/models/catalogue/releases.ts';
import { generateScenario, SCENARIOS, type ScenarioName, type ScenarioOptions } from '../src/scenarios/generators/index.ts';
import { computeCapFor } from '../src/scenarios/generators/releases.ts';
import { parseInventory } from '../src/scenarios/inventory/index.ts';
import { parsePlan } from '../src/scenarios/parse.ts';
import type { Plan, Topology } from '../src/scenarios/plan.ts';
import { serializePlan } from '../src/scenarios/serialize.ts';
import { checkPlan } from '../src/sim/check.ts';
import { errorCodes } from './helpers/plans.ts';

const INVENTORIES = join(import.meta.dirname, '../examples/generated/inventories');
const r = (name: string) => findRelease(name)!.name;

function inventory(file: string): Topology {
  const t = parseInventory(readFileSync(join(INVENTORIES, file), 'utf8'), file);
  if (!t.ok) throw new Error(JSON.stringify(t.errors));
  return t.value;
}

/** Grizzly ran Quantum: the same layouts with quantum-server. */
function quantum(t: Topology): Topology {
  return { ...t, nodes: t.nodes.map((n) => ({ ...n, services: n.services.map((s) => (s === 'neutron-server' ? 'quantum-server' : s)) })) };
}

const LAYOUT: Record<ScenarioName, string> = {
  'all-at-once': 'single-controller.yaml',
  'service-by-service': 'single-controller.yaml',
  'parallel-compute': 'nova-apart.yaml',
  'live-compute': 'single-controller.yaml',
  'ha-rolling': 'three-controllers.yaml',
};

function generate(scenario: ScenarioName, from: string, to: string, options: ScenarioOptions = {}, topo?: Topology): Plan {
  const base = topo ?? inventory(LAYOUT[scenario]);
  const res = generateScenario(scenario, from === 'grizzly' ? quantum(base) : base, r(from), r(to), options);
  if (!res.ok) throw new Error(res.message);
  return res.plan;
}

/** The plan without what parsing adds (source locations, the file name). */
function bare(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(bare);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k, v]) => k !== 'at' && k !== 'file' && v !== undefined).map(([k, v]) => [k, bare(v)]));
  }
  return value;
}

const PAIRS: [string, string][] = [['grizzly', 'havana'], ['havana', 'icehouse'], ['icehouse', 'juno'], ['newton', 'ocata'], ['2025.1', '2026.1'], ['2025.2', '2026.1']];
const CASES = PAIRS.flatMap(([from, to]) => SCENARIOS.map((scenario) => ({ scenario, from, to })));

describe('every scenario for every documented pair', () => {
  it.each(CASES)('$scenario $from → $to passes the check and round-trips', ({ scenario, from, to }) => {
    const plan = generate(scenario, from, to);
    expect(errorCodes(checkPlan(plan))).toEqual([]);
    const parsed = parsePlan(serializePlan(plan), 'generated.yaml');
    expect(parsed.ok ? [] : parsed.errors).toEqual([]);
    if (parsed.ok) expect(bare(parsed.plan)).toEqual(bare(plan));
  });
});

describe('plans a person can read', () => {
  it.each(SCENARIOS)('%s labels its first step and every block', (scenario) => {
    const plan = generate(scenario, 'newton', 'ocata');
    expect(plan.steps[0]!.label).toBeTruthy();
    const labels = plan.steps.filter((s) => s.label).length;
    expect(labels).toBeGreaterThanOrEqual(Math.ceil(plan.steps.length / 8));
    for (const s of plan.steps) if (s.label) expect(s.label.length).toBeGreaterThan(10);
  });

  it('generating is pure: the same inputs give the same plan, the topology untouched', () => {
    const topo = inventory('three-controllers.yaml');
    const before = structuredClone(topo);
    const a = generate('ha-rolling', 'newton', 'ocata', {}, topo);
    const b = generate('ha-rolling', 'newton', 'ocata', {}, topo);
    expect(a).toEqual(b);
    expect(topo).toEqual(before);
  });
});

describe('policies say what each procedure accepts', () => {
  it('all-at-once accepts API and instance downtime, and the check totals the outage', () => {
    const plan = generate('all-at-once', 'havana', 'icehouse');
    expect(plan.policy).toEqual({ instanceDowntime: 'allow', apiDowntime: 'allow' });
    expect(checkPlan(plan).downtime.api.seconds).toBeGreaterThan(0);
  });

  it('service-by-service keeps instances running and accepts API outages', () => {
    const plan = generate('service-by-service', 'havana', 'icehouse');
    expect(plan.policy).toEqual({ instanceDowntime: 'forbid', apiDowntime: 'allow' });
    expect(checkPlan(plan).downtime.instances.affected).toBe(0);
  });

  it('parallel-compute accepts the redeploy downtime, totalled per instance', () => {
    const plan = generate('parallel-compute', 'havana', 'icehouse');
    expect(plan.policy.instanceDowntime).toBe('allow');
    expect(checkPlan(plan).downtime.instances.affected).toBe(3);
  });

  it('ha-rolling accepts a nova outage only where everything can roll', () => {
    expect(generate('ha-rolling', 'newton', 'ocata').policy.apiDowntime).toEqual(['nova']);
    expect(generate('ha-rolling', '2025.2', '2026.1').policy.apiDowntime).toEqual(['nova']);
  });

  it('ha-rolling lists the projects that cannot roll: offline schemas before Newton, version skew across a SLURP skip', () => {
    expect(generate('ha-rolling', 'havana', 'icehouse').policy.apiDowntime).toEqual(['nova', 'keystone', 'glance', 'neutron', 'cinder']);
    expect(generate('ha-rolling', '2025.1', '2026.1').policy.apiDowntime).toEqual(['nova', 'neutron', 'cinder']);
  });

  it('live migration keeps instances running; cold migration is accepted as downtime', () => {
    const live = generate('live-compute', 'newton', 'ocata', { migrate: 'live' });
    expect(live.steps.some((s) => s.action.verb === 'live-migrate')).toBe(true);
    expect(errorCodes(checkPlan(live))).toEqual([]);
    const cold = generate('live-compute', 'newton', 'ocata', { migrate: 'cold' });
    expect(cold.policy.instanceDowntime).toBe('allow');
    const res = checkPlan(cold);
    expect(errorCodes(res)).toEqual([]);
    expect(res.downtime.instances.affected).toBeGreaterThan(0);
  });
});

describe('migration off each compute, where the releases allow it', () => {
  it('Havana computes cannot move instances to Icehouse ones: only the first compute is emptied, the rest keep theirs', () => {
    const plan = generate('live-compute', 'havana', 'icehouse', { migrate: 'live' });
    const moves = plan.steps.flatMap((s) => (s.action.verb === 'live-migrate' ? [`${s.action.instance}→${s.action.to}`] : []));
    expect(moves).toEqual(['vm1→compute2']);
    expect(plan.steps.some((s) => s.label?.includes('compute2: its instances stay'))).toBe(true);
    expect(errorCodes(checkPlan(plan))).toEqual([]);
  });
});

describe('release facts read from the catalogue', () => {
  it.each([
    ['havana', 'icehouse', '3.0'],
    ['icehouse', 'juno', '3.23.1'],
    ['juno', 'kilo', 'juno'],
    ['liberty', 'mitaka', 'auto'],
    ['newton', 'ocata', 'auto'],
  ])('%s → %s computes are reached with compute = %s', (from, to, cap) => {
    expect(computeCapFor(r(from), r(to))).toBe(cap);
  });

  it('the live compute plan sets the cap, and lifts a static one at the end', () => {
    const plan = generate('live-compute', 'icehouse', 'juno');
    const caps = plan.steps.flatMap((s) => (s.action.verb === 'config' ? [s.action.value] : []));
    expect(caps).toEqual(['3.23.1', null]);
  });

  it('db phases follow the target tooling: expand/migrate/contract for keystone in Ocata, sync in Icehouse', () => {
    const phases = (p: Plan) => p.steps.flatMap((s) => (s.action.verb === 'db' && s.action.project === 'keystone' ? [s.action.phase] : []));
    expect(phases(generate('ha-rolling', 'newton', 'ocata'))).toEqual(['expand', 'migrate', 'contract']);
    expect(phases(generate('ha-rolling', 'havana', 'icehouse'))).toEqual(['sync']);
  });

  it('parallel-compute puts the new environment on its own database', () => {
    const plan = generate('parallel-compute', 'havana', 'icehouse');
    expect(plan.topology.databases.map((d) => d.name)).toEqual(['nova-havana', 'nova-icehouse', 'default']);
    const added = plan.steps.flatMap((s) => (s.action.verb === 'add-node' ? [s.action.database] : []));
    expect(new Set(added)).toEqual(new Set(['nova-icehouse']));
  });
});

describe('refusals', () => {
  it('an unsupported pair is refused with the route to take', () => {
    const res = generateScenario('live-compute', inventory('single-controller.yaml'), r('2024.2'), r('2026.1'));
    expect(res).toMatchObject({ ok: false, code: 'UNSUPPORTED_ROUTE', route: ['dalmatian', 'epoxy', 'gazpacho'] });
    if (!res.ok) expect(res.message).toContain('Dalmatian (2024.2) → Epoxy (2025.1) → Gazpacho (2026.1)');
  });

  it('a downgrade is refused with no route', () => {
    const res = generateScenario('all-at-once', inventory('single-controller.yaml'), r('juno'), r('icehouse'));
    expect(res).toMatchObject({ ok: false, code: 'UNSUPPORTED_ROUTE', route: [] });
  });

  it('ha-rolling needs three controllers', () => {
    const res = generateScenario('ha-rolling', inventory('single-controller.yaml'), r('newton'), r('ocata'));
    expect(res).toMatchObject({ ok: false, code: 'TOPOLOGY' });
  });

  it('parallel-compute will not redeploy a compute that runs other services', () => {
    const topo = inventory('single-controller.yaml');
    const allInOne: Topology = { ...topo, nodes: topo.nodes.map((n) => (n.name === 'compute1' ? { ...n, services: [...n.services, 'cinder-volume'] } : n)) };
    const res = generateScenario('parallel-compute', allInOne, r('havana'), r('icehouse'));
    expect(res).toMatchObject({ ok: false, code: 'TOPOLOGY' });
  });

  it('allowUnsupported generates the plan anyway, which the check fails', () => {
    const res = generateScenario('live-compute', inventory('single-controller.yaml'), r('2024.2'), r('2026.1'), { allowUnsupported: true });
    expect(res.ok).toBe(true);
    if (res.ok) expect(errorCodes(checkPlan(res.plan))[0]).toBe('UPGRADE_PATH');
  });
});

