/**
 * What each fault injects, as leaf steps built from existing verbs (src/sim/explore/README.md),
 * and that the faults' own effects are excused while what they reveal about the plan is not.
 */
import { describe, expect, it } from 'vitest';
import { generateScenario } from '../src/scenarios/generators/index.ts';
import { parseInventory } from '../src/scenarios/inventory/index.ts';
import type { Plan, ReleaseName } from '../src/scenarios/plan.ts';
import { describeAction } from '../src/sim/describe.ts';
import { DEFAULT_DURATIONS } from '../src/sim/durations.ts';
import { buildRun, planShape } from '../src/sim/explore/build.ts';
import { baseline, judge } from '../src/sim/explore/judge.ts';
import type { FaultChoice } from '../src/sim/explore/schedule.ts';
import { edit, example, plan } from './helpers/plans.ts';

const safe = plan(example('explore/safe-live-compute.yaml'));

/** The run as "id label: what it does" lines. */
function lines(p: Plan, faults: FaultChoice[]): string[] {
  return buildRun(p, planShape(p), { orders: [], faults }).sequence.map((l) => `${l.step.id}${l.injected ?? ''}: ${describeAction(l.step.action)}`);
}

const topIndex = (p: Plan, summary: string) => p.steps.findIndex((s) => describeAction(s.action) === summary);

describe('fault injection', () => {
  it('reboot: a reboot leaf, then the units the plan had stopped are stopped again (masked)', () => {
    const seq = lines(safe, [{ kind: 'reboot', at: 1, pick: 0, delay: 0 }]);
    expect(seq.slice(0, 4)).toEqual([
      '1: stop keystone on controller1',
      '2!f1.reboot: reboot controller1',
      '2!f1.reboot: stop keystone on controller1',
      '2: upgrade keystone on controller1',
    ]);
  });

  it('start-fail: the start does not happen, a start of the same services comes later', () => {
    const seq = lines(safe, [{ kind: 'start-fail', at: 0, pick: 0, delay: 1 }]);
    expect(seq).not.toContain('4: start keystone on controller1');
    const retry = seq.indexOf('6!f1.start-fail-retry: start keystone on controller1');
    expect(retry).toBe(seq.indexOf('5: stop glance-api, glance-registry on controller1') + 1);
  });

  it('retry and db-rerun: the same leaf twice in a row', () => {
    expect(lines(safe, [{ kind: 'retry', at: 0, pick: 0, delay: 0 }]).slice(0, 2)).toEqual(['1: stop keystone on controller1', '1!f1.retry: stop keystone on controller1']);
    expect(lines(safe, [{ kind: 'db-rerun', at: 0, pick: 0, delay: 0 }]).slice(2, 4)).toEqual(['3: db sync for keystone', '3!f1.db-rerun: db sync for keystone']);
  });

  it('rabbitmq: every compute down for about 60 s of steps, then back', () => {
    const seq = lines(safe, [{ kind: 'rabbitmq', at: 0, pick: 0, delay: 0 }]);
    expect(seq.slice(0, 6)).toEqual([
      '1!f1.rabbitmq-down: stop nova-compute on compute1',
      '1!f1.rabbitmq-down: stop nova-compute on compute2',
      '1: stop keystone on controller1',
      '2: upgrade keystone on controller1',
      '3!f1.rabbitmq-up: start nova-compute on compute1',
      '3!f1.rabbitmq-up: start nova-compute on compute2',
    ]);
  });

  it('rabbitmq: the window closes before a config change to the computes (a reconnect does not re-read config)', () => {
    const cap = topIndex(safe, 'set nova.conf [upgrade_levels] compute = auto on controller1, storage1, network1, compute1, compute2');
    const seq = lines(safe, [{ kind: 'rabbitmq', at: cap, pick: 0, delay: 0 }]);
    const down = seq.findIndex((s) => s.includes('rabbitmq-down'));
    expect(seq.slice(down, down + 5).map((s) => s.replace(/^\d+/, ''))).toEqual([
      '!f1.rabbitmq-down: stop nova-compute on compute1', '!f1.rabbitmq-down: stop nova-compute on compute2',
      '!f1.rabbitmq-up: start nova-compute on compute1', '!f1.rabbitmq-up: start nova-compute on compute2',
      ': set nova.conf [upgrade_levels] compute = auto on controller1, storage1, network1, compute1, compute2',
    ]);
  });

  it('flap: a backend in rotation drained and back', () => {
    const ha = plan(example('newton-ocata-ha-rolling.yaml'));
    expect(lines(ha, [{ kind: 'flap', at: 0, pick: 0, delay: 0 }]).slice(0, 2)).toEqual([
      '1!f1.flap: drain controller1 from frontend keystone',
      '1!f1.flap: return controller1 to frontend keystone',
    ]);
  });

  it('slow: the step takes a multiple of its estimate', () => {
    const run = buildRun(safe, planShape(safe), { orders: [], faults: [{ kind: 'slow', at: 1, pick: 0, delay: 1 }] });
    expect(run.sequence[1]!.top.durationSeconds).toBe(3 * DEFAULT_DURATIONS.upgrade);
    expect(run.faults).toEqual([expect.objectContaining({ kind: 'slow', summary: 'step 2 takes 3× its estimate (360 s)' })]);
  });
});

describe('what a fault excuses', () => {
  it('a live migration refused because RabbitMQ took its compute down is re-run after the window, not held against the plan', () => {
    const inv = parseInventory(`nodes:
  controller1: { role: controller, services: [keystone, glance-api, nova-api, nova-conductor, nova-scheduler, neutron-server] }
  compute1: { role: compute, services: [nova-compute] }
  compute2: { role: compute, services: [nova-compute] }
instances:
  vm1: { host: compute1 }
`, 'inline.yaml');
    if (!inv.ok) throw new Error(JSON.stringify(inv.errors));
    const gen = generateScenario('live-compute', inv.value, 'ocata' as ReleaseName, 'pike' as ReleaseName, { migrate: 'live' });
    if (!gen.ok) throw new Error(gen.message);
    const p = gen.plan;
    const move = p.steps.findIndex((s) => s.action.verb === 'live-migrate');
    expect(move).toBeGreaterThan(0);
    const run = buildRun(p, planShape(p), { orders: [], faults: [{ kind: 'rabbitmq', at: move, pick: 0, delay: 0 }] });
    const ids = run.sequence.map((l) => l.step.id + (l.injected ?? ''));
    expect(ids).toContain(`${p.steps[move]!.id}!f1.rabbitmq-rerun`);
    expect(judge(p, baseline(p), run).fresh).toEqual([]);
  });

  it('a reboot does not bring back units the plan stopped: their instant on old code inside the reboot is excused', () => {
    const paused = plan(`apiVersion: preflight/v1
name: agents paused around the server upgrade
from: "2025.1"
to: "2026.1"
policy: { instanceDowntime: forbid, apiDowntime: allow }
topology:
  nodes:
    controller1: { role: controller, services: [keystone, neutron-server] }
    network1: { role: network, services: [neutron-l3-agent, neutron-dhcp-agent] }
steps:
  - stop: { node: controller1, service: keystone }
  - upgrade: { node: controller1, service: keystone }
  - db: { service: keystone, phase: sync }
  - start: { node: controller1, service: keystone }
  - stop: { node: network1, service: "neutron-*" }
  - stop: { node: controller1, service: neutron-server }
  - upgrade: { node: controller1, service: neutron-server }
  - db: { service: neutron, phase: sync }
  - start: { node: controller1, service: neutron-server }
  - upgrade: { node: network1, service: "neutron-*" }
  - start: { node: network1, service: "neutron-*" }
`);
    const run = buildRun(paused, planShape(paused), { orders: [], faults: [{ kind: 'reboot', at: 9, pick: 1, delay: 0 }] });
    expect(run.excusedUnits.get('10!f1.reboot')).toEqual(new Set(['network1/neutron-l3-agent', 'network1/neutron-dhcp-agent']));
    expect(judge(paused, baseline(paused), run).fresh).toEqual([]);
  });

  it('a reboot that loads new nova code installed under running services, before the cap, is the plan\'s fault', () => {
    // The seed plan, with the nova packages installed before the services are stopped.
    const early = plan(edit(example('icehouse-juno-live-compute.yaml'),
      `    stop: { node: controller1, service: [nova-api, nova-conductor, nova-scheduler] }
  - upgrade: { node: controller1, service: "nova-*" }
`, `    upgrade: { node: controller1, service: "nova-*" }
  - stop: { node: controller1, service: [nova-api, nova-conductor, nova-scheduler] }
`));
    const afterInstall = topIndex(early, 'upgrade nova-api, nova-conductor, nova-scheduler on controller1') + 1;
    expect(afterInstall).toBeGreaterThan(0);
    const run = buildRun(early, planShape(early), { orders: [], faults: [{ kind: 'reboot', at: afterInstall, pick: 0, delay: 0 }] });
    const fresh = judge(early, baseline(early), run).fresh;
    expect(new Set(fresh.map((v) => v.code))).toEqual(new Set(['RPC_INCOMPATIBLE']));
    expect(fresh[0]!.stepId).toMatch(/!f1\.reboot$/);
  });

  it('the same reboot with the services stopped first (masked) is not', () => {
    const seed = plan(example('icehouse-juno-live-compute.yaml'));
    const afterInstall = topIndex(seed, 'upgrade nova-api, nova-conductor, nova-scheduler on controller1') + 1;
    expect(afterInstall).toBeGreaterThan(0);
    const run = buildRun(seed, planShape(seed), { orders: [], faults: [{ kind: 'reboot', at: afterInstall, pick: 0, delay: 0 }] });
    expect(judge(seed, baseline(seed), run).fresh).toEqual([]);
  });
});
