/** Questions a procedure asks of the topology: who runs what, behind which frontend, in what order. */
import { SERVICE_INFO } from '../../models/catalogue/services.ts';
import type { FrontendSpec, NodeSpec, Project, ServiceName, Topology } from '../plan.ts';

/** Nodes running any of `services`, in topology order. */
export function nodesWith(topo: Topology, services: readonly ServiceName[]): NodeSpec[] {
  return topo.nodes.filter((n) => n.services.some((s) => services.includes(s)));
}

/** The services of `wanted` a node runs, in the order of `wanted` (the order they are started in). */
export function on(node: NodeSpec, wanted: readonly ServiceName[]): ServiceName[] {
  return wanted.filter((s) => node.services.includes(s));
}

/** Every service of a project present in the topology, in the catalogue's order. */
export function projectServices(topo: Topology, project: Project, filter: (s: ServiceName) => boolean = () => true): ServiceName[] {
  const present = new Set(topo.nodes.flatMap((n) => n.services));
  return (Object.keys(SERVICE_INFO) as ServiceName[]).filter((s) => SERVICE_INFO[s].project === project && present.has(s) && filter(s));
}

export function frontendsFor(topo: Topology, service: ServiceName, node: NodeSpec): FrontendSpec[] {
  return topo.loadBalancers.filter((f) => f.service === service && f.backends.includes(node.name));
}

export const NEUTRON_SERVERS: readonly ServiceName[] = ['quantum-server', 'neutron-server'];
export const NEUTRON_AGENTS: readonly ServiceName[] = ['neutron-l2-agent', 'neutron-l3-agent', 'neutron-dhcp-agent', 'neutron-metadata-agent'];
/** Cinder's documented order: scheduler, volume, backup, api last. */
export const CINDER_ORDER: readonly ServiceName[] = ['cinder-scheduler', 'cinder-volume', 'cinder-backup', 'cinder-api'];
/** Nova control services in start order: conductors first (computes and apis talk to them), api last. */
export const NOVA_CONTROL: readonly ServiceName[] = ['nova-conductor', 'nova-scheduler', 'nova-cert', 'nova-consoleauth', 'nova-novncproxy', 'nova-api'];
export const GLANCE: readonly ServiceName[] = ['glance-registry', 'glance-api'];

/** The node where an active/passive service runs at the start: the first listing it (as the simulator boots it). */
export function activeNode(topo: Topology, service: ServiceName): NodeSpec | undefined {
  return topo.nodes.find((n) => n.services.includes(service));
}

export function computes(topo: Topology): NodeSpec[] {
  return nodesWith(topo, ['nova-compute']);
}

export function novaControllers(topo: Topology): NodeSpec[] {
  return nodesWith(topo, NOVA_CONTROL);
}
