/** The state a procedure threads through its blocks: the builder, the topology and where instances are. */
import { PlanBuilder } from './builder.ts';
import type { InstanceName, NodeName, ReleaseName, ServiceName, Topology } from '../plan.ts';

export interface Ctx {
  b: PlanBuilder;
  topo: Topology;
  from: ReleaseName;
  to: ReleaseName;
  /** Where each instance is, as the steps so far left it. */
  hosts: Map<InstanceName, NodeName>;
  /** Services or projects whose outage the procedure cannot avoid; they go into the policy. */
  outages: Set<string>;
}

export function newCtx(topo: Topology, from: ReleaseName, to: ReleaseName): Ctx {
  return { b: new PlanBuilder(), topo, from, to, hosts: new Map(topo.instances.map((i) => [i.name, i.host])), outages: new Set() };
}

/** Every node name existing at the start (for `config` on all nodes). */
export function allNodes(ctx: Ctx): NodeName[] {
  return ctx.topo.nodes.map((n) => n.name);
}

export function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function list(services: readonly ServiceName[]): string {
  return services.join(', ');
}
