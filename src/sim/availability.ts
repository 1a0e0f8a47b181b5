/**
 * Is an API answering? Behind a frontend: some backend in rotation on an up node runs the service.
 * Without one: some up node runs it. Used for API downtime and for undrained stops.
 */
import { isApi } from '../models/catalogue/services.ts';
import type { NodeName, ServiceName } from '../scenarios/plan.ts';
import { runsOn, type Census } from './invariants/census.ts';
import { isRunning, nodeUp, type World } from './world.ts';

/** The API services among those present in the cloud. */
export function apiServices(present: Iterable<ServiceName>): ServiceName[] {
  return [...present].filter(isApi);
}

export function apiAvailable(world: World, service: ServiceName, excluding?: NodeName): boolean {
  const frontends = [...world.frontends.values()].filter((f) => f.spec.service === service);
  if (frontends.length > 0) {
    return frontends.some((f) =>
      [...f.backends].some(([nodeName, b]) => {
        if (b.value !== 'active' || nodeName === excluding) return false;
        const node = world.nodes.get(nodeName);
        return node !== undefined && nodeUp(node) && isRunning(node.services.get(service));
      }),
    );
  }
  for (const node of world.nodes.values()) {
    if (node.name !== excluding && nodeUp(node) && isRunning(node.services.get(service))) return true;
  }
  return false;
}

/**
 * `apiAvailable` over the census (which counts only running services on up nodes): the check asks
 * this after every step, and the census answers without walking every node.
 */
export function apiAvailableIn(world: World, c: Census, service: ServiceName): boolean {
  let fronted = false;
  for (const f of world.frontends.values()) {
    if (f.spec.service !== service) continue;
    fronted = true;
    for (const [nodeName, b] of f.backends) if (b.value === 'active' && runsOn(c, service, nodeName)) return true;
  }
  return !fronted && (c.running.get(service)?.length ?? 0) > 0;
}

/** Frontends that still send traffic to `service` on `node` (not drained). */
export function activeFrontendsFor(world: World, node: NodeName, service: ServiceName): string[] {
  const out: string[] = [];
  for (const [name, f] of world.frontends) {
    if (f.spec.service !== service) continue;
    const b = f.backends.get(node);
    if (b && b.value === 'active') out.push(name);
  }
  return out;
}
