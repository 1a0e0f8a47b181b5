/**
 * The running version mix, grouped by (service, database, release, cap), so the invariants compare
 * a handful of version groups instead of thousands of nodes. Kept incrementally: after a step only
 * the nodes it touched are counted again, which keeps a 1,000-compute plan fast.
 */
import { release } from '../../models/catalogue/releases.ts';
import { projectOf } from '../../models/catalogue/services.ts';
import type { NodeName, ReleaseName, ServiceName } from '../../scenarios/plan.ts';
import { computeRecordsFor, databaseFor, isRunning, nodeUp, type World } from '../world.ts';

export class Group {
  readonly set = new Set<string>();
  constructor(
    readonly service: ServiceName,
    /** The nova database (environment) of nova services; the project's database otherwise. */
    readonly db: string,
    readonly code: ReleaseName,
    readonly computeCap: string | null,
  ) {}
  /** "node/service" of each member. */
  get members(): string[] {
    return [...this.set];
  }
}

export interface Census {
  running: Map<ServiceName, Group[]>;
  /** Services that exist somewhere in the cloud, running or not. */
  present: Set<ServiceName>;
  /** Enabled, registered nova-computes that are not running (or whose node is down). */
  enabledButDown: string[];
}

interface Entry {
  groupKey: string;
  member: string;
}

/** The census, updated node by node. */
export class CensusIndex {
  private groups = new Map<string, Group>();
  private byNode = new Map<NodeName, { entries: Entry[]; present: ServiceName[]; down: string[] }>();
  private presentCount = new Map<ServiceName, number>();
  private down = new Set<string>();
  private cached: Census | undefined;

  constructor(world: World) {
    for (const name of world.nodes.keys()) this.recount(world, name);
  }

  /** Count these nodes again (all of them when `nodes` is 'all'). Removed nodes drop out. */
  update(world: World, nodes: Iterable<NodeName> | 'all'): void {
    const names = nodes === 'all' ? new Set([...world.nodes.keys(), ...this.byNode.keys()]) : nodes;
    for (const n of names) {
      this.recount(world, n);
      this.cached = undefined;
    }
  }

  private recount(world: World, name: NodeName): void {
    const old = this.byNode.get(name);
    if (old) {
      for (const e of old.entries) this.groups.get(e.groupKey)?.set.delete(e.member);
      for (const s of old.present) this.presentCount.set(s, (this.presentCount.get(s) ?? 1) - 1);
      for (const d of old.down) this.down.delete(d);
      this.byNode.delete(name);
    }
    const node = world.nodes.get(name);
    if (!node) return;
    const rec = { entries: [] as Entry[], present: [] as ServiceName[], down: [] as string[] };
    const up = nodeUp(node);
    for (const [service, snap] of node.services) {
      rec.present.push(service);
      this.presentCount.set(service, (this.presentCount.get(service) ?? 0) + 1);
      const member = `${node.name}/${service}`;
      const ok = up && isRunning(snap);
      // A compute nova refused never registered: the scheduler does not know it.
      if (service === 'nova-compute' && snap.context.enabled && !ok && computeRecordsFor(world, node).has(node.name)) {
        rec.down.push(member);
        this.down.add(member);
      }
      if (!ok) continue;
      const db = databaseFor(world, node, projectOf(service));
      const key = `${service}|${db}|${snap.context.code}|${snap.context.computeCap ?? ''}`;
      let g = this.groups.get(key);
      if (!g) this.groups.set(key, (g = new Group(service, db, snap.context.code, snap.context.computeCap)));
      g.set.add(member);
      rec.entries.push({ groupKey: key, member });
    }
    this.byNode.set(name, rec);
  }

  /** The census as it stands (rebuilt only after a node was counted again). */
  census(): Census {
    this.cached ??= this.build();
    return this.cached;
  }

  private build(): Census {
    const running = new Map<ServiceName, Group[]>();
    for (const g of this.groups.values()) {
      if (g.set.size === 0) continue;
      const list = running.get(g.service);
      if (list) list.push(g);
      else running.set(g.service, [g]);
    }
    const present = new Set<ServiceName>();
    for (const [s, n] of this.presentCount) if (n > 0) present.add(s);
    return { running, present, enabledButDown: [...this.down] };
  }
}

const NONE: Group[] = [];
export function groups(c: Census, ...services: ServiceName[]): Group[] {
  if (services.length === 1) return c.running.get(services[0]!) ?? NONE;
  const out: Group[] = [];
  for (const s of services) {
    const gs = c.running.get(s);
    if (gs) out.push(...gs);
  }
  return out;
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
