/**
 * A parallel group's steps may run at the same time. A restart or a reboot is one atomic step to
 * the simulator, so two of them in one group would never overlap; run at once, they do. This is
 * what bounces inside a group, so that availability during one of them discounts the others.
 */
import type { NodeName, ServiceName, Step } from '../scenarios/plan.ts';

export interface Together {
  /** Per service, the nodes that restart it in the group. */
  restarts: ReadonlyMap<ServiceName, ReadonlySet<NodeName>>;
  /** Nodes rebooted in the group (every service on them bounces). */
  reboots: ReadonlySet<NodeName>;
}

export const ALONE: Together = { restarts: new Map(), reboots: new Set() };

export function together(top: Step): Together {
  if (top.action.verb !== 'parallel') return ALONE;
  const restarts = new Map<ServiceName, Set<NodeName>>();
  const reboots = new Set<NodeName>();
  const visit = (s: Step) => {
    const a = s.action;
    if (a.verb === 'parallel') a.steps.forEach(visit);
    else if (a.verb === 'reboot') reboots.add(a.node);
    else if (a.verb === 'restart') {
      for (const service of a.services) {
        const nodes = restarts.get(service) ?? new Set<NodeName>();
        nodes.add(a.node);
        restarts.set(service, nodes);
      }
    }
  };
  visit(top);
  return { restarts, reboots };
}

/** The nodes on which `service` may be down while `node` bounces it: `node` and whatever bounces with it. */
export function downWith(t: Together, service: ServiceName, node: NodeName): Set<NodeName> {
  return new Set([node, ...(t.restarts.get(service) ?? []), ...t.reboots]);
}

/** Does anything bounce on another node than `node` in this group? */
export function overlaps(t: Together, service: ServiceName, node: NodeName): boolean {
  return downWith(t, service, node).size > 1;
}
