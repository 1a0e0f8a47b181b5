/**
 * Symmetry: computes with the same role, services and database are interchangeable, so the search
 * runs on a cloud with at most two of each kind (two, so that "one compute upgraded, another not"
 * is a state the simulator sees). The chosen procedures are then rendered over every compute.
 */
import type { NodeName, Topology } from '../scenarios/plan.ts';

const KEEP_PER_KIND = 2;

export function reduceTopology(topo: Topology): Topology {
  const kept = new Set<NodeName>();
  const perKind = new Map<string, number>();
  for (const n of topo.nodes) {
    if (!n.services.includes('nova-compute')) {
      kept.add(n.name);
      continue;
    }
    const kind = `${n.role}|${[...n.services].sort().join(',')}|${n.database ?? ''}|${n.release ?? ''}`;
    const count = perKind.get(kind) ?? 0;
    if (count < KEEP_PER_KIND) kept.add(n.name);
    perKind.set(kind, count + 1);
  }
  if (kept.size === topo.nodes.length) return topo;
  return {
    nodes: topo.nodes.filter((n) => kept.has(n.name)),
    loadBalancers: topo.loadBalancers.map((f) => ({ ...f, backends: f.backends.filter((b) => kept.has(b)) })).filter((f) => f.backends.length > 0),
    databases: topo.databases,
    instances: topo.instances.filter((i) => kept.has(i.host)),
  };
}
