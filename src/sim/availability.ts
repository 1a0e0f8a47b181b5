/**
 * Is an API answering? Behind a frontend: some backend in rotation on an up node runs the service.
 * Without one: some up node runs it. Used for API downtime and for undrained stops.
 */
import { isApi } from '../models/catalogue/services.ts';
import type { NodeName, ServiceName } from '../scenarios/plan.ts';
import { runsOn, type Census } from './invariants/census.ts';
import { isRunning, nodeUp, type FrontendEntity, type World } from './world.ts';

const API_SERVICES = new WeakMap<ReadonlySet<ServiceName>, ServiceName[]>();
/** The API services among those present in the cloud (the census keeps one set until services come or go). */
export function apiServices(present: ReadonlySet<ServiceName>): ServiceName[] {
  let apis = API_SERVICES.get(present);
  if (!apis) API_SERVICES.set(present, (apis = [...present].filter(isApi)));
  return apis;
}

const NO_NODES: ReadonlySet<NodeName> = new Set();

const FRONTENDS = new WeakMap<World, Map<ServiceName, FrontendEntity[]>>();
/** The frontends of `service` (a world's frontends are fixed at its creation). */
function frontendsOf(world: World, service: ServiceName): readonly FrontendEntity[] {
  let index = FRONTENDS.get(world);
  if (!index) {
    index = new Map();
    for (const f of world.frontends.values()) index.set(f.spec.service, [...(index.get(f.spec.service) ?? []), f]);
    FRONTENDS.set(world, index);
  }
  return index.get(service) ?? [];
}

/** Does some node answer for `service`, not counting the nodes in `excluding` (those going down now)? */
export function apiAvailable(world: World, service: ServiceName, excluding: ReadonlySet<NodeName> = NO_NODES): boolean {
  const frontends = frontendsOf(world, service);
  if (frontends.length > 0) {
    return frontends.some((f) =>
      [...f.backends].some(([nodeName, b]) => {
        if (b.value !== 'active' || excluding.has(nodeName)) return false;
        const node = world.nodes.get(nodeName);
        return node !== undefined && nodeUp(node) && isRunning(node.services.get(service));
      }),
    );
  }
  for (const node of world.nodes.values()) {
    if (!excluding.has(node.name) && nodeUp(node) && isRunning(node.services.get(service))) return true;
  }
  return false;
}

/**
 * `apiAvailable` over the census (which counts only running services on up nodes): the check asks
 * this after every step, and the census answers without walking every node.
 */
export function apiAvailableIn(world: World, c: Census, service: ServiceName): boolean {
  const frontends = frontendsOf(world, service);
  for (const f of frontends) {
    for (const [nodeName, b] of f.backends) if (b.value === 'active' && runsOn(c, service, nodeName)) return true;
  }
  return frontends.length === 0 && (c.running.get(service)?.length ?? 0) > 0;
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
