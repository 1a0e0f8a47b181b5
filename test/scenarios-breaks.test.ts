/**
 * Generated plans broken the ways operators really break them, each edit made on the Plan object,
 * each asserting the exact invariant codes the check reports.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findRelease } from '../src/models/catalogue/releases.ts';
import * as A from '../src/scenarios/generators/actions.ts';
import { generateScenario, type ScenarioName, type ScenarioOptions } from '../src/scenarios/generators/index.ts';
import { acting, dropSteps, insertBefore, labelled, mapActions, moveBlocks } from '../src/scenarios/generators/mutations.ts';
import { parseInventory } from '../src/scenarios/inventory/index.ts';
import type { DatabaseName, NodeName, Plan, ReleaseName } from '../src/scenarios/plan.ts';
import { checkPlan } from '../src/sim/check.ts';
import { errorCodes } from './helpers/plans.ts';

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
