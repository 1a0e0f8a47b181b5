/**
 * Scenario 5 (HA rolling, seed workflow 004): three or more controllers behind haproxy. Per
 * project, node by node: drain, stop, upgrade, expand (and migrate) on the first node, start,
 * undrain; contract after the last. Neutron servers before agents; cinder scheduler, volume by
 * active/passive failover, backup, api last; nova's control plane under `compute=auto` (or the
 * release's cap) in one short outage the policy names, then computes one by one.
 */
import { withFrontends } from '../inventory/frontends.ts';
import type { Plan } from '../plan.ts';
import { displayRelease as shown } from '../../models/catalogue/releases.ts';
import * as A from './actions.ts';
import { newCtx, type Ctx } from './context.ts';
import { cinderOffline, horizon, neutronAgents, neutronOffline } from './in-place.ts';
import { computesOneByOne, liftCap, novaControlCapped } from './nova-live.ts';
import { rollNodes, rollProject } from './rolling.ts';
import { agentsMayTrail, cinderMayMix, offlinePhases, title } from './releases.ts';
import { ScenarioRefusal, type Generator } from './types.ts';
import { activeNode, CINDER_ORDER, GLANCE, NEUTRON_SERVERS, nodesWith } from './view.ts';

const MIN_CONTROLLERS = 3;

/** cinder-volume is active/passive: upgrade the passive nodes, fail over to one, upgrade the old active. */
function cinderVolume(ctx: Ctx): void {
  const nodes = nodesWith(ctx.topo, ['cinder-volume']);
  const active = activeNode(ctx.topo, 'cinder-volume');
  if (!active) return;
  const passive = nodes.filter((n) => n.name !== active.name);
  const { b } = ctx;
  if (passive.length === 0) {
    ctx.outages.add('cinder-volume');
    b.steps([A.stop(active.name, ['cinder-volume']), A.upgrade(active.name, ['cinder-volume']), A.start(active.name, ['cinder-volume'])],
      `cinder-volume runs on ${active.name} alone: no node to fail over to, its outage is accepted in the policy`);
    return;
  }
  b.steps(passive.map((n) => A.upgrade(n.name, ['cinder-volume'])), `cinder-volume is active/passive on ${active.name}: upgrade the passive nodes`);
  b.step(A.failover('cinder-volume', passive[0]!.name), `Fail cinder-volume over to ${passive[0]!.name}, already on ${shown(ctx.to)}`);
  b.step(A.upgrade(active.name, ['cinder-volume']), `${active.name} is passive now: upgrade it`);
}

function cinder(ctx: Ctx): void {
  if (nodesWith(ctx.topo, CINDER_ORDER).length === 0) return;
  ctx.b.step(A.db('cinder', 'sync'), 'Cinder schema first (additive: the old cinder services keep working on it)');
  rollNodes(ctx, 'cinder', ['cinder-scheduler'], [], [], ' (the documented order: scheduler, volume, backup, api last)');
  cinderVolume(ctx);
  rollNodes(ctx, 'cinder', ['cinder-backup'], [], []);
  rollNodes(ctx, 'cinder', ['cinder-api'], [], []);
  const schedulers = nodesWith(ctx.topo, ['cinder-scheduler']);
  ctx.b.parallel(schedulers.map((n) => A.restart(n.name, ['cinder-scheduler'])), 'Restart the schedulers so they stop pinning RPC to the old volume version');
  for (const p of offlinePhases('cinder', ctx.to).afterStart) ctx.b.step(A.db('cinder', p), 'Cinder online data migrations, every cinder service on the new release');
}

export const haRolling: Generator = (topology, from, to, options): Plan => {
  const topo = withFrontends(topology);
  const controllers = topo.nodes.filter((n) => n.role === 'controller');
  if (controllers.length < MIN_CONTROLLERS) {
    throw new ScenarioRefusal('TOPOLOGY', `ha-rolling needs ${MIN_CONTROLLERS} or more controllers behind haproxy; the topology has ${controllers.length}`);
  }
  const ctx = newCtx(topo, from, to);
  ctx.outages.add('nova');
  rollProject(ctx, 'keystone', ['keystone']);
  rollProject(ctx, 'glance', GLANCE);
  rollProject(ctx, 'placement', ['placement-api']);
  if (agentsMayTrail(from, to)) {
    rollProject(ctx, 'neutron', NEUTRON_SERVERS);
    neutronAgents(ctx);
  } else {
    ctx.outages.add('neutron');
    neutronOffline(ctx, `${shown(from)} agents cannot run under a ${shown(to)} server, so neutron cannot roll (its outage is accepted in the policy)`);
  }
  if (cinderMayMix(from, to)) cinder(ctx);
  else {
    ctx.outages.add('cinder');
    cinderOffline(ctx, `Cinder cannot run ${shown(from)} and ${shown(to)} side by side, so it cannot roll: its outage is accepted in the policy`);
  }
  const capValue = novaControlCapped(ctx);
  computesOneByOne(ctx, options.migrate ?? 'none');
  liftCap(ctx, capValue);
  horizon(ctx);
  const accepted: string[] = [...ctx.outages];
  return ctx.b.build({
    name: options.name ?? title(from, to, `HA rolling over ${controllers.length} controllers`),
    from, to,
    policy: { instanceDowntime: options.migrate === 'cold' ? 'allow' : 'forbid', apiDowntime: accepted },
    topology: topo,
  });
};
