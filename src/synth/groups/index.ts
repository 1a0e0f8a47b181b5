/**
 * The search's building blocks: the cloud cut into service groups (a project's services, nova's
 * control plane, the computes, the neutron agents, each project's finishing schema work), each
 * with the procedures that could upgrade it. Nothing here decides an order: the search tries
 * groups in every order the simulator accepts.
 */
import { CINDER_ORDER, GLANCE } from '../../scenarios/generators/view.ts';
import type { ReleaseName, Topology } from '../../scenarios/plan.ts';
import { cinder } from './cinder.ts';
import { finish } from './finish.ts';
import { neutron } from './neutron.ts';
import { nova } from './nova.ts';
import { simple } from './project.ts';
import type { Group, HopCtx } from './types.ts';

export { capCandidates } from './caps.ts';
export type { Group, Procedure, SearchState } from './types.ts';

/** The groups of one hop, in the documented order (the search breaks ties toward it). */
export function hopGroups(topo: Topology, from: ReleaseName, to: ReleaseName): Group[] {
  const h: HopCtx = { topo, from, to };
  return [
    ...simple(h, 'keystone', 'keystone', ['keystone']),
    ...simple(h, 'glance', 'glance', GLANCE),
    ...simple(h, 'placement', 'placement', ['placement-api']),
    ...neutron(h),
    ...cinder(h),
    ...nova(h),
    ...simple(h, 'horizon', 'horizon', ['horizon']),
    ...finish(h, 'keystone', ['keystone'], ['keystone']),
    ...finish(h, 'glance', GLANCE, ['glance']),
    ...finish(h, 'placement', ['placement-api'], ['placement']),
    ...finish(h, 'cinder', CINDER_ORDER, ['cinder']),
  ];
}

