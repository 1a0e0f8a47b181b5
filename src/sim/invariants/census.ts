/**
 * One pass over the cloud per step, grouping running services by (service, release, cap), so the
 * invariants compare a handful of version groups instead of thousands of nodes.
 */
import { release } from '../../models/catalogue/releases.ts';
import type { ReleaseName, ServiceName } from '../../scenarios/plan.ts';
import { projectOf } from '../../models/catalogue/services.ts';
import { computeRecordsFor, databaseFor, isRunning, nodeUp, type World } from '../world.ts';

export interface Group {
  service: ServiceName;
  /** The nova database (environment) of nova services; the project's database otherwise. */
  db: string;
  code: ReleaseName;
  computeCap: string | null;
  /** "node/service" of each member. */
  members: string[];
}

export interface Census {
  running: Map<ServiceName, Group[]>;
  /** Services that exist somewhere in the cloud, running or not. */
  present: Set<ServiceName>;
  /** Enabled, registered nova-computes that are not running (or whose node is down). */
  enabledButDown: string[];
}

export function takeCensus(world: World): Census {
  const running = new Map<ServiceName, Map<string, Group>>();
  const present = new Set<ServiceName>();
  const enabledButDown: string[] = [];
  for (const node of world.nodes.values()) {
    const up = nodeUp(node);
    for (const [service, snap] of node.services) {
      present.add(service);
      const ok = up && isRunning(snap);
      // A compute nova refused never registered: the scheduler does not know it.
      if (service === 'nova-compute' && snap.context.enabled && !ok && computeRecordsFor(world, node).has(node.name)) {
        enabledButDown.push(`${node.name}/${service}`);
      }
      if (!ok) continue;
      let byKey = running.get(service);
      if (!byKey) running.set(service, (byKey = new Map()));
      const db = databaseFor(world, node, projectOf(service));
      const key = `${db}|${snap.context.code}|${snap.context.computeCap ?? ''}`;
      let g = byKey.get(key);
      if (!g) byKey.set(key, (g = { service, db, code: snap.context.code, computeCap: snap.context.computeCap, members: [] }));
      g.members.push(`${node.name}/${service}`);
    }
  }
  const out = new Map<ServiceName, Group[]>();
  for (const [s, m] of running) out.set(s, [...m.values()]);
  return { running: out, present, enabledButDown };
}

export function groups(c: Census, ...services: ServiceName[]): Group[] {
  return services.flatMap((s) => c.running.get(s) ?? []);
}

export function members(gs: readonly Group[]): string[] {
  return gs.flatMap((g) => g.members);
}

/** Distinct releases of the groups, oldest first. */
export function releasesOf(gs: readonly Group[]): ReleaseName[] {
  return [...new Set(gs.map((g) => g.code))].sort((a, b) => release(a).index - release(b).index);
}

export function byRelease(gs: readonly Group[], r: ReleaseName): Group[] {
  return gs.filter((g) => g.code === r);
}

/** The census split per database: nova environments on distinct databases never talk to each other. */
export function perDatabase(c: Census): Census[] {
  const dbs = new Set<string>();
  for (const gs of c.running.values()) for (const g of gs) dbs.add(g.db);
  if (dbs.size <= 1) return [c];
  return [...dbs].map((db) => ({
    present: c.present,
    enabledButDown: c.enabledButDown,
    running: new Map([...c.running].map(([s, gs]) => [s, gs.filter((g) => g.db === db)] as const)),
  }));
}
