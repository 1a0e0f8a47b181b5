/**
 * Generated plans broken the ways operators really break them, each edit made on the Plan object:
 * a table of named breaks asserting every code reported, then each mistake applied to every
 * committed example it fits, asserting the first error code.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findRelease, RELEASES } from '../src/models/catalogue/releases.ts';
import { EXAMPLES, examplePath } from '../scripts/generate-examples.ts';
import { computeAccepts, computeRpcLatest } from '../src/models/catalogue/nova-rpc.ts';
import { apiDowntimeAllowed } from '../src/sim/policy.ts';
import * as A from '../src/scenarios/generators/actions.ts';
import { generateScenario, type ScenarioName, type ScenarioOptions } from '../src/scenarios/generators/index.ts';
import { acting, dropSteps, insertBefore, labelled, mapActions, moveBlocks } from '../src/scenarios/generators/mutations.ts';
import { parseInventory } from '../src/scenarios/inventory/index.ts';
import type { DatabaseName, NodeName, Plan, ReleaseName } from '../src/scenarios/plan.ts';
import { checkPlan } from '../src/sim/check.ts';
import { errorCodes, plan } from './helpers/plans.ts';

const INVENTORIES = join(import.meta.dirname, '../examples/generated/inventories');

function generate(scenario: ScenarioName, inventory: string, from: string, to: string, options: ScenarioOptions = {}): Plan {
  const topo = parseInventory(readFileSync(join(INVENTORIES, inventory), 'utf8'), inventory);
  if (!topo.ok) throw new Error(JSON.stringify(topo.errors));
  const r = generateScenario(scenario, topo.value, findRelease(from)!.name, findRelease(to)!.name, options);
  if (!r.ok) throw new Error(r.message);
  return r.plan;
}

const liveIJ = () => generate('live-compute', 'single-controller.yaml', 'icehouse', 'juno');
const haNO = () => generate('ha-rolling', 'three-controllers.yaml', 'newton', 'ocata');
const node = (n: string) => n as NodeName;

interface Break {
  name: string;
  plan: () => Plan;
  edit: (p: Plan) => Plan;
  /** Every error code reported, in order: the first is the break itself, the rest its consequences. */
  codes: string[];
}

const BREAKS: Break[] = [
  {
    name: 'computes upgraded before the controllers',
    plan: liveIJ,
    edit: (p) => moveBlocks(p, labelled('compute1: disabled'), labelled('compute2: disabled'), labelled('Nova: [upgrade_levels]')),
    codes: ['COMPUTE_NEWER_THAN_CONTROL'],
  },
  {
    name: 'no [upgrade_levels] cap on the controllers',
    plan: liveIJ,
    edit: (p) => dropSteps(p, acting((a) => a.verb === 'config' && a.value === '3.23.1')),
    codes: ['RPC_INCOMPATIBLE'],
  },
  {
    name: 'keystone contract before the last node',
    plan: haNO,
    edit: (p) => moveBlocks(p, labelled('Keystone contract'), labelled('Keystone contract'), labelled('keystone on controller3')),
    codes: ['SCHEMA_MISMATCH'],
  },
  {
    name: 'a backend stopped without draining it',
    plan: haNO,
    edit: (p) => dropSteps(p, acting((a) => (a.verb === 'drain' || a.verb === 'undrain') && a.frontend === 'keystone' && a.node === 'controller2')),
    codes: ['UNDRAINED_STOP'],
  },
  {
    name: 'a compute stopped while still enabled',
    plan: liveIJ,
    edit: (p) => dropSteps(p, acting((a) => a.verb === 'disable' && a.node === 'compute1')),
    codes: ['SCHEDULING_ON_STOPPED'],
  },
  {
    name: 'keystone upgraded after nova',
    plan: () => generate('service-by-service', 'single-controller.yaml', 'havana', 'icehouse'),
    edit: (p) => moveBlocks(p, labelled('Keystone first'), labelled('Keystone first'), labelled('Horizon last')),
    codes: ['ORDER'],
  },
  {
    name: 'a skip from a non-SLURP release (2024.2 → 2026.1)',
    plan: () => generate('ha-rolling', 'multinode', '2025.1', '2026.1', {}),
    edit: (p) => ({ ...p, from: 'dalmatian' as ReleaseName }),
    // Then Dalmatian code trails a Gazpacho schema, and Gazpacho refuses Dalmatian computes.
    codes: ['UPGRADE_PATH', 'SCHEMA_MISMATCH', 'SERVICE_TOO_OLD'],
  },
  {
    name: 'the parallel environment on the old database',
    plan: () => generate('parallel-compute', 'nova-apart.yaml', 'havana', 'icehouse'),
    edit: (p) => mapActions(p, acting((a) => a.verb === 'add-node' && a.node === 'nova-icehouse'),
      (a) => ({ ...a, database: 'nova-havana' as DatabaseName })),
    // Then Icehouse control services talk to Havana computes uncapped, on a Havana schema.
    codes: ['SHARED_DATABASE', 'RPC_INCOMPATIBLE', 'SCHEMA_MISMATCH'],
  },
  {
    name: 'cinder-volume stopped before its failover',
    plan: haNO,
    edit: (p) => insertBefore(p, acting((a) => a.verb === 'failover'), [A.stop(node('controller1'), ['cinder-volume'])]),
    codes: ['NO_ACTIVE_SERVICE'],
  },
];

describe('generated plans broken the way operators break them', () => {
  it.each(BREAKS)('$name', ({ plan, edit, codes }) => {
    const p = plan();
    expect(errorCodes(checkPlan(p))).toEqual([]);
    const r = checkPlan(edit(p));
    expect(errorCodes(r)).toEqual(codes);
  });
});

/** A mistake that applies to any generated plan having the steps it breaks. */
interface GenericBreak {
  name: string;
  applies: (p: Plan) => boolean;
  edit: (p: Plan) => Plan;
  code: string | ((p: Plan) => string);
}

const has = (p: Plan, test: (s: Plan['steps'][number]) => boolean) => p.steps.some(test);
const staticCap = (a: Plan['steps'][number]['action']) => a.verb === 'config' && a.key === 'compute' && a.value !== null && a.value !== 'auto';
/** The first drain of a frontend whose outage the policy does not accept (dropping it must matter). */
function guardedDrain(p: Plan): { frontend: string; node: string } | undefined {
  for (const s of p.steps) {
    if (s.action.verb !== 'drain') continue;
    const { frontend, node: n } = s.action;
    const service = p.topology.loadBalancers.find((f) => f.name === frontend)!.service;
    if (!apiDowntimeAllowed(p.policy, service)) return { frontend, node: n };
  }
  return undefined;
}

/** A release at least two before `to` that is not a SLURP release: a skip from it is unsupported. */
function nonSlurpBefore(p: Plan) {
  const to = findRelease(p.to)!.index;
  return RELEASES.slice(0, Math.max(0, to - 1)).reverse().find((r) => !r.slurp);
}
const blockLabels = (p: Plan) => p.steps.filter((s) => s.label).map((s) => s.label!);

const GENERIC: GenericBreak[] = [
  {
    name: 'computes before controllers',
    applies: (p) => has(p, (s) => s.action.verb === 'disable') && has(p, (s) => s.label?.startsWith('Nova: [upgrade_levels]') === true),
    edit: (p) => {
      const computes = blockLabels(p).filter((l) => /^[\w-]+: (disabled|its instances|live-migrate|cold-migrate)/.test(l));
      return moveBlocks(p, labelled(computes[0]!), labelled(computes[computes.length - 1]!), labelled('Nova: [upgrade_levels]'));
    },
    // A new compute old controllers can still talk to is only unsupported; one they cannot reach breaks RPC first.
    code: (p) => (computeAccepts(p.to, computeRpcLatest(p.from)!) ? 'COMPUTE_NEWER_THAN_CONTROL' : 'RPC_INCOMPATIBLE'),
  },
  {
    name: 'no cap',
    applies: (p) => has(p, (s) => staticCap(s.action)),
    edit: (p) => dropSteps(p, acting(staticCap)),
    code: 'RPC_INCOMPATIBLE',
  },
  {
    name: 'contract before the last node',
    applies: (p) => has(p, (s) => s.action.verb === 'db' && s.action.phase === 'contract'),
    edit: (p) => {
      const labels = blockLabels(p);
      const i = labels.findIndex((l) => / contract once every node/.test(l));
      return moveBlocks(p, labelled(labels[i]!), labelled(labels[i]!), labelled(labels[i - 1]!));
    },
    code: 'SCHEMA_MISMATCH',
  },
  {
    name: 'stop without drain',
    applies: (p) => guardedDrain(p) !== undefined,
    edit: (p) => {
      const d = guardedDrain(p)!;
      return dropSteps(p, acting((a) => (a.verb === 'drain' || a.verb === 'undrain') && a.frontend === d.frontend && a.node === d.node));
    },
    code: 'UNDRAINED_STOP',
  },
  {
    name: 'compute stopped while enabled',
    applies: (p) => has(p, (s) => s.action.verb === 'disable'),
    edit: (p) => {
      const first = p.steps.find((s) => s.action.verb === 'disable')!.action as { node: string };
      return dropSteps(p, acting((a) => a.verb === 'disable' && a.node === first.node));
    },
    code: 'SCHEDULING_ON_STOPPED',
  },
  {
    name: 'keystone after nova',
    applies: (p) => has(p, (s) => s.label?.startsWith('Keystone first') === true) && has(p, (s) => s.label?.startsWith('Horizon last') === true),
    edit: (p) => moveBlocks(p, labelled('Keystone first'), labelled('Keystone first'), labelled('Horizon last')),
    code: 'ORDER',
  },
  {
    name: 'a non-SLURP skip',
    applies: (p) => nonSlurpBefore(p) !== undefined,
    edit: (p) => ({ ...p, from: nonSlurpBefore(p)!.name }),
    code: 'UPGRADE_PATH',
  },
  {
    name: 'parallel environment on the old database',
    applies: (p) => p.topology.databases.length > 2,
    edit: (p) => mapActions(p, acting((a) => a.verb === 'add-node' && a.role === 'controller'), (a) => ({ ...a, database: p.topology.databases[0]!.name })),
    code: 'SHARED_DATABASE',
  },
  {
    name: 'cinder-volume stopped before its failover',
    applies: (p) => has(p, (s) => s.action.verb === 'failover'),
    edit: (p) => {
      const active = p.topology.nodes.find((n) => n.services.includes('cinder-volume'))!.name;
      return insertBefore(p, acting((a) => a.verb === 'failover'), [A.stop(active, ['cinder-volume'])]);
    },
    code: 'NO_ACTIVE_SERVICE',
  },
];

const EXAMPLE_PLANS = EXAMPLES.filter((e) => !e.options?.allowUnsupported).map((e) => ({ file: e.file, plan: plan(readFileSync(examplePath(e), 'utf8'), e.file) }));
const GENERIC_CASES = EXAMPLE_PLANS.flatMap(({ file, plan: p }) => GENERIC.filter((g) => g.applies(p)).map((g) => ({ file, name: g.name, p, g })));

describe('every generated example, broken by each mistake that applies to it', () => {
  it('covers every mistake at least once', () => {
    expect(new Set(GENERIC_CASES.map((c) => c.name))).toEqual(new Set(GENERIC.map((g) => g.name)));
  });

  it.each(GENERIC_CASES)('$file: $name', ({ p, g }) => {
    expect(errorCodes(checkPlan(g.edit(p)))[0]).toBe(typeof g.code === 'string' ? g.code : g.code(p));
  });
});
