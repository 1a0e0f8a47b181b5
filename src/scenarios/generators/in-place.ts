/**
 * Blocks of the service-by-service procedure: a project's services stopped everywhere, upgraded,
 * its schema synced offline, started again in the documented order. The outage is the price.
 */
import type { DbPhase, Project, ServiceName } from '../plan.ts';
import { displayRelease as shown } from '../../models/catalogue/releases.ts';
import * as A from './actions.ts';
import { type Ctx, cap } from './context.ts';
import { agentsMayTrail, offlinePhases } from './releases.ts';
import { activeNode, CINDER_ORDER, GLANCE, NEUTRON_AGENTS, NEUTRON_SERVERS, NOVA_CONTROL, nodesWith, on } from './view.ts';

/**
 * Stop every service of `groups` (last group first), upgrade, run the schema phases, start group by
 * group. An active/passive service starts only where it ran. Nothing when the topology has none.
 */
export function offlineProject(ctx: Ctx, project: Project, groups: readonly (readonly ServiceName[])[], label: string, phases?: DbPhase[]): void {
  const all = groups.flat();
  const nodes = nodesWith(ctx.topo, all);
  if (nodes.length === 0) return;
  const { b } = ctx;
  const active = activeNode(ctx.topo, 'cinder-volume');
  const startable = (node: (typeof nodes)[number], s: ServiceName) => s !== 'cinder-volume' || node.name === active?.name;
  [...groups].reverse().forEach((g, i) => {
    b.parallel(nodes.filter((n) => on(n, g).length > 0).map((n) => A.stop(n.name, [...on(n, g)].reverse())), i === 0 ? label : undefined);
  });
  b.parallel(nodes.map((n) => A.upgrade(n.name, on(n, all))));
  const { sync, afterStart } = offlinePhases(project, ctx.to);
  if (project !== 'horizon') for (const p of phases ?? sync) b.step(A.db(project, p));
  for (const g of groups) {
    b.parallel(nodes.map((n) => ({ n, s: on(n, g).filter((s) => startable(n, s)) })).filter((x) => x.s.length > 0).map((x) => A.start(x.n.name, x.s)));
  }
  for (const p of afterStart) b.step(A.db(project, p), `${cap(project)} online data migrations, once every ${project} service runs ${shown(ctx.to)}`);
}

export function keystoneOffline(ctx: Ctx): void {
  offlineProject(ctx, 'keystone', [['keystone']], 'Keystone first: every other service authenticates through it');
}

export function glanceOffline(ctx: Ctx): void {
  offlineProject(ctx, 'glance', [GLANCE], 'Glance: registry and api stopped, upgraded, db sync, registry started before api');
}

export function placementOffline(ctx: Ctx): void {
  offlineProject(ctx, 'placement', [['placement-api']], 'Placement before any nova service');
}

/** `why`, when given, says why this procedure upgrades neutron offline (the outage it accepts). */
export function neutronOffline(ctx: Ctx, why?: string): void {
  const rename = ctx.topo.nodes.some((n) => n.services.includes('quantum-server'));
  const label = rename
    ? 'Quantum becomes Neutron: quantum-server is upgraded to the neutron server (the plan keeps its old service name), db upgraded, then the agents'
    : 'Neutron server before the agents: the server handles older agents, agents have no compat code';
  if (agentsMayTrail(ctx.from, ctx.to)) {
    offlineProject(ctx, 'neutron', [NEUTRON_SERVERS], why ? `${why}. ${label}` : label);
    neutronAgents(ctx);
  } else {
    const reason = why ?? `${shown(ctx.from)} agents cannot run under a ${shown(ctx.to)} server`;
    offlineProject(ctx, 'neutron', [NEUTRON_SERVERS, NEUTRON_AGENTS], `${reason}: the agents stop with the servers and start after them`);
  }
}

/** Every agent upgraded, then restarted, once no neutron server runs old code. */
export function neutronAgents(ctx: Ctx): void {
  const nodes = nodesWith(ctx.topo, NEUTRON_AGENTS);
  ctx.b.parallel(nodes.map((n) => A.upgrade(n.name, on(n, NEUTRON_AGENTS))), 'Neutron agents, after every server');
  ctx.b.parallel(nodes.map((n) => A.restart(n.name, on(n, NEUTRON_AGENTS))));
}

export function cinderOffline(ctx: Ctx, why?: string): void {
  offlineProject(ctx, 'cinder', [CINDER_ORDER.slice(0, 3), ['cinder-api']], `${why ? `${why}. ` : ''}Cinder: scheduler, volume and backup started before the api (the documented order)`);
}

export function horizon(ctx: Ctx): void {
  const nodes = nodesWith(ctx.topo, ['horizon']);
  ctx.b.parallel(nodes.map((n) => A.upgrade(n.name, ['horizon'])), 'Horizon last: a dashboard only talks to the APIs');
  // One node at a time: restarted at once, every dashboard would be down together.
  ctx.b.steps(nodes.map((n) => A.restart(n.name, ['horizon'])));
}

/** Nova stopped everywhere, computes included: conductors come back first, computes next, then scheduler and api. */
export function novaOffline(ctx: Ctx): void {
  offlineProject(ctx, 'nova', [['nova-conductor'], ['nova-compute', 'nova-network'], NOVA_CONTROL.slice(1, -1), ['nova-api']],
    'Nova: apis, control services and computes stopped together (the outage of this procedure), upgraded, db sync');
}

/** Every project but nova, one at a time, in the documented order. */
export function everythingButNova(ctx: Ctx): void {
  keystoneOffline(ctx);
  glanceOffline(ctx);
  placementOffline(ctx);
  neutronOffline(ctx);
  cinderOffline(ctx);
}
