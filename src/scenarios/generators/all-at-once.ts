/**
 * Scenario 1 (all at once): every service stopped, every package upgraded, every schema synced,
 * everything started in the documented order. Simple, and every API is down throughout: the
 * policy accepts API and instance downtime, and the check totals them.
 */
import type { Plan, ServiceName } from '../plan.ts';
import { displayRelease as shown } from '../../models/catalogue/releases.ts';
import * as A from './actions.ts';
import { newCtx } from './context.ts';
import { offlinePhases, title } from './releases.ts';
import type { Generator } from './types.ts';
import { activeNode, CINDER_ORDER, GLANCE, NEUTRON_AGENTS, NEUTRON_SERVERS, NOVA_CONTROL, novaControllers, on, projectServices } from './view.ts';
import type { Project } from '../plan.ts';

/** Start order: each group starts everywhere before the next. */
const START_ORDER: readonly (readonly ServiceName[])[] = [
  ['keystone'], GLANCE, ['placement-api'], NEUTRON_SERVERS, NEUTRON_AGENTS,
  CINDER_ORDER.slice(0, 3), ['cinder-api'],
  ['nova-conductor'], ['nova-compute', 'nova-network'], NOVA_CONTROL.slice(1), ['horizon'],
];
const SCHEMA_ORDER: readonly Project[] = ['keystone', 'glance', 'placement', 'neutron', 'cinder', 'nova'];

export const allAtOnce: Generator = (topology, from, to, options): Plan => {
  const ctx = newCtx(topology, from, to);
  const { b } = ctx;
  // The nova control plane stops in a step of its own, before the group that stops the computes:
  // whatever order the group's stops run in, no scheduler is left to see a compute stopped while
  // it is still enabled (and no api accepts requests the stopped services would drop).
  const ctl = novaControllers(topology).map((n) => A.stop(n.name, on(n, NOVA_CONTROL).reverse()));
  b.parallel(ctl, 'Stop the nova control services first (api, then schedulers and conductors), so no scheduler outlives an enabled compute: the whole cloud is down from here');
  const rest = topology.nodes
    .map((n) => ({ n, s: n.services.filter((s) => !NOVA_CONTROL.includes(s)).reverse() }))
    .filter((x) => x.s.length > 0)
    .map((x) => A.stop(x.n.name, x.s));
  b.parallel(rest, 'Then every other service on every node, in any order');
  b.parallel(topology.nodes.map((n) => A.upgrade(n.name, n.services)), `Upgrade every package to ${shown(to)}`);
  const present = SCHEMA_ORDER.filter((p) => projectServices(topology, p).length > 0);
  present.forEach((p, i) => b.step(A.db(p, 'sync'), i === 0 ? 'Sync every schema offline, nothing runs' : undefined));
  const active = activeNode(topology, 'cinder-volume');
  START_ORDER.forEach((group, i) => {
    const starts = topology.nodes
      .map((n) => ({ n, s: on(n, group).filter((s) => s !== 'cinder-volume' || n.name === active?.name) }))
      .filter((x) => x.s.length > 0)
      .map((x) => A.start(x.n.name, x.s));
    b.parallel(starts, i === 0 ? 'Start in the documented order: keystone, glance, placement, neutron, cinder (api last), nova (conductors first, api last), horizon' : undefined);
  });
  for (const p of present) for (const phase of offlinePhases(p, to).afterStart) b.step(A.db(p, phase), `${p} online data migrations`);
  return b.build({
    name: options.name ?? title(from, to, 'all at once'),
    from, to,
    policy: { instanceDowntime: 'allow', apiDowntime: 'allow' },
    topology,
  });
};
