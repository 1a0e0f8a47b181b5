/**
 * Generated plans under exploration: the bugs `preflight explore` found in the generators stay
 * fixed (each test runs explore with a fixed seed and the fault that exposed it), and no release
 * pair of the catalogue makes a generator crash (a pair it cannot serve is refused as data).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findRelease, RELEASES } from '../src/models/catalogue/releases.ts';
import { generateScenario, SCENARIOS, type GenerateResult, type ScenarioName } from '../src/scenarios/generators/index.ts';
import { parseInventory } from '../src/scenarios/inventory/index.ts';
import type { Plan, Topology } from '../src/scenarios/plan.ts';
import { explore, type ExploreResult, type FaultKind } from '../src/sim/explore/index.ts';

const INVENTORIES = join(import.meta.dirname, '../examples/generated/inventories');
const r = (name: string) => findRelease(name)!.name;

const topologies = new Map<string, Topology>();
function inventory(file: string): Topology {
  const cached = topologies.get(file);
  if (cached) return cached;
  const t = parseInventory(readFileSync(join(INVENTORIES, file), 'utf8'), file);
  if (!t.ok) throw new Error(JSON.stringify(t.errors));
  topologies.set(file, t.value);
  return t.value;
}

const LAYOUT: Record<ScenarioName, string> = {
  'all-at-once': 'single-controller.yaml',
  'service-by-service': 'single-controller.yaml',
  'parallel-compute': 'nova-apart.yaml',
  'live-compute': 'single-controller.yaml',
  'ha-rolling': 'three-controllers.yaml',
};

function generate(scenario: ScenarioName, from: string, to: string): Plan {
  const res = generateScenario(scenario, inventory(LAYOUT[scenario]), r(from), r(to));
  if (!res.ok) throw new Error(res.message);
  return res.plan;
}

/** The new errors of a counterexample, "CODE entity: message", or [] when explore found none. */
function found(res: ExploreResult): string[] {
  if (res.status !== 'counterexample') return [];
  return res.counterexample.violations.map((v) => `${v.code} ${v.message}`);
}

function explored(plan: Plan, faults: FaultKind[], runs: number, seed = 1): ExploreResult {
  return explore(plan, { runs, seed, faults });
}

describe('all-at-once under every ordering of its parallel groups', () => {
  // Was: one group stopped everything, so a compute could stop before the scheduler
  // (SCHEDULING_ON_STOPPED: stopped while enabled, the scheduler still running).
  it.each([['havana', 'icehouse'], ['newton', 'ocata']])('%s → %s: no ordering stops a compute under a running scheduler', (from, to) => {
    const plan = generate('all-at-once', from, to);
    expect(found(explored(plan, [], 60, 1))).toEqual([]);
    expect(found(explored(plan, [], 60, 2))).toEqual([]);
  });

  it('the nova control services stop in a step of their own, before the group that stops the computes', () => {
    const plan = generate('all-at-once', 'havana', 'icehouse');
    const stops = (i: number) => {
      const a = plan.steps[i]!.action;
      const leaves = a.verb === 'parallel' ? a.steps.map((s) => s.action) : [a];
      return leaves.flatMap((l) => (l.verb === 'stop' ? l.services : []));
    };
    expect(stops(0)).toEqual(['nova-api', 'nova-scheduler', 'nova-conductor']);
    expect(stops(1)).toContain('nova-compute');
    expect(stops(1)).not.toContain('nova-scheduler');
  });
});

describe('Havana → Icehouse nova cap under an unexpected reboot', () => {
  // Was: compute = icehouse-compat on every node while Havana nova ran; a reboot restarted a
  // Havana service that cannot read that alias (RPC_INCOMPATIBLE at start).
  it.each(['live-compute', 'ha-rolling'] as const)('%s writes the number 3.0, which Havana and Icehouse both read', (scenario) => {
    const plan = generate(scenario, 'havana', 'icehouse');
    const caps = plan.steps.flatMap((s) => (s.action.verb === 'config' ? [s.action.value] : []));
    expect(caps).toEqual(['3.0', null]);
    expect(plan.steps.find((s) => s.action.verb === 'config')!.label).toContain('icehouse-compat');
  });

  it.each(['live-compute', 'ha-rolling'] as const)('%s: explore with reboots finds nothing', (scenario) => {
    const plan = generate(scenario, 'havana', 'icehouse');
    const res = explored(plan, ['reboot'], 25);
    expect(found(res)).toEqual([]);
    expect(res.status).toBe('ok');
  });
});

describe('every scenario × every release pair of the catalogue', () => {
  const outcome = (scenario: ScenarioName, from: string, to: string, allowUnsupported = false): GenerateResult | string => {
    try {
      return generateScenario(scenario, inventory(LAYOUT[scenario]), r(from), r(to), { allowUnsupported });
    } catch (err) {
      return `${scenario} ${from} → ${to} threw: ${String(err)}`;
    }
  };

  it('generates a plan or refuses as data, never throws', () => {
    const thrown: string[] = [];
    let plans = 0;
    for (const a of RELEASES) for (const b of RELEASES) for (const scenario of SCENARIOS) {
      const res = outcome(scenario, a.name, b.name);
      if (typeof res === 'string') thrown.push(res);
      else if (res.ok) plans++;
      else expect(res.message.length).toBeGreaterThan(20);
    }
    expect(thrown).toEqual([]);
    expect(plans).toBeGreaterThan(100);
  });

  it('allowUnsupported pairs toward a future release never throw either', () => {
    const thrown: string[] = [];
    for (const a of RELEASES) for (const scenario of ['live-compute', 'ha-rolling'] as const) {
      const res = outcome(scenario, a.name, 'indri', true);
      if (typeof res === 'string') thrown.push(res);
    }
    expect(thrown).toEqual([]);
  });

  it.each(['live-compute', 'ha-rolling'] as const)('%s hibiscus → indri is refused: the catalogue has no nova facts for Indri yet', (scenario) => {
    const res = outcome(scenario, 'hibiscus', 'indri');
    expect(res).toMatchObject({ ok: false, code: 'CATALOGUE' });
    if (typeof res !== 'string' && !res.ok) expect(res.message).toMatch(/no nova compute RPC facts for Indri \(2027\.1\)/);
  });
});
