/** Questions the procedures ask of a topology, beyond the generators' view helpers. */
import { SERVICE_INFO } from '../models/catalogue/services.ts';
import { frontendsFor, nodesWith, on } from '../scenarios/generators/view.ts';
import type { DatabaseName, FrontendSpec, NodeSpec, Project, ServiceName, Topology } from '../scenarios/plan.ts';

export { activeNode, frontendsFor, nodesWith, on } from '../scenarios/generators/view.ts';

/** Frontends in front of any of `services` on `node`. */
export function frontendsOn(topo: Topology, node: NodeSpec, services: readonly ServiceName[]): FrontendSpec[] {
  return services.flatMap((s) => frontendsFor(topo, s, node));
}

/**
 * Can `services` roll one node at a time with one always answering? Behind a frontend with two or
 * more backends; or, with no frontend at all, running on two or more nodes (the simulator counts
 * an unfronted service available while any node runs it).
 */
export function canRoll(topo: Topology, services: readonly ServiceName[]): boolean {
  if (topo.loadBalancers.some((f) => services.includes(f.service) && f.backends.length >= 2)) return true;
  const fronted = topo.loadBalancers.some((f) => services.includes(f.service));
  return !fronted && nodesWith(topo, services).length >= 2;
}

/** The present services among `wanted`, in the order of `wanted`. */
export function present(topo: Topology, wanted: readonly ServiceName[]): ServiceName[] {
  const all = new Set(topo.nodes.flatMap((n) => n.services));
  return wanted.filter((s) => all.has(s));
}

/**
 * The databases holding `project`'s schema, as the simulator picks them: a node's own database
 * when it names one, else the first database listing the project, else the first one.
 * Undefined entries mean "the default database" (no `database:` in the step).
 */
export function projectDatabases(topo: Topology, project: Project): (DatabaseName | undefined)[] {
  const fallback = topo.databases.find((d) => d.projects.includes(project))?.name ?? topo.databases[0]?.name;
  const users = topo.nodes.filter((n) => n.services.some((s) => SERVICE_INFO[s].project === project && SERVICE_INFO[s].usesDatabase));
  const names = [...new Set(users.map((n) => n.database ?? fallback))];
  if (names.length <= 1) return users.length > 0 ? [undefined] : [];
  return names;
}

