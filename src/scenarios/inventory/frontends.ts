/**
 * haproxy frontends derived from where the APIs run: one per API found on two or more nodes,
 * named after its project, as kolla-ansible (and most HA deployments) put haproxy in front.
 */
import { isApi, projectOf } from '../../models/catalogue/services.ts';
import type { FrontendName, FrontendSpec, Topology } from '../plan.ts';

export function haproxyFrontends(topo: Topology): FrontendSpec[] {
  const apis = [...new Set(topo.nodes.flatMap((n) => n.services))].filter((s) => isApi(s) && s !== 'horizon');
  return apis
    .map((s) => ({ name: projectOf(s) as string as FrontendName, service: s, backends: topo.nodes.filter((n) => n.services.includes(s)).map((n) => n.name) }))
    .filter((f) => f.backends.length > 1);
}

/** The topology with derived frontends when it declares none. */
export function withFrontends(topo: Topology): Topology {
  return topo.loadBalancers.length > 0 ? topo : { ...topo, loadBalancers: haproxyFrontends(topo) };
}
