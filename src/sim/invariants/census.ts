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
  /**
   * The census without its members: the running groups' keys, the services present and the
   * enabled-but-down computes. Every state condition's key is a function of this (and of the
   * schemas), so an unchanged shape means unchanged conditions.
   */
  shape: string;
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

  /**
   * Count these nodes again (all of them when `nodes` is 'all'). Removed nodes drop out.
   * Groups are shared with the census handed out, so a moved member shows at once; the census is
   * rebuilt only when a group empties or fills, a service appears or goes, or a compute goes down.
   */
  update(world: World, nodes: Iterable<NodeName> | 'all'): void {
    const names = nodes === 'all' ? new Set([...world.nodes.keys(), ...this.byNode.keys()]) : nodes;
    for (const n of names) if (this.recount(world, n)) this.cached = undefined;
  }

  /** Count one node again; true when the census's structure (not only its members) changed. */
  private recount(world: World, name: NodeName): boolean {
    const emptied = new Set<Group>();
    let changed = false;
    const old = this.byNode.get(name);
    if (old) {
      for (const e of old.entries) {
        const g = this.groups.get(e.groupKey);
        if (g?.set.delete(e.member) && g.set.size === 0) emptied.add(g);
      }
      for (const s of old.present) {
        const n = (this.presentCount.get(s) ?? 1) - 1;
        this.presentCount.set(s, n);
        if (n === 0) changed = true;
      }
      for (const d of old.down) this.down.delete(d);
      this.byNode.delete(name);
    }
    const node = world.nodes.get(name);
    if (!node) return true;
    const rec = { entries: [] as Entry[], present: [] as ServiceName[], down: [] as string[] };
    const up = nodeUp(node);
    for (const [service, snap] of node.services) {
      rec.present.push(service);
      const n = (this.presentCount.get(service) ?? 0) + 1;
      this.presentCount.set(service, n);
      if (n === 1) changed = true;
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
      if (g.set.size === 0 && !emptied.delete(g)) changed = true;
      g.set.add(member);
      rec.entries.push({ groupKey: key, member });
    }
    this.byNode.set(name, rec);
    return changed || emptied.size > 0 || !sameList(old?.down, rec.down);
  }

  /** The census as it stands (rebuilt only after a node was counted again). */
  census(): Census {
    this.cached ??= this.build();
    return this.cached;
  }

  private build(): Census {
    const running = new Map<ServiceName, Group[]>();
    const keys: string[] = [];
    for (const [key, g] of this.groups) {
      if (g.set.size === 0) continue;
      keys.push(key);
      const list = running.get(g.service);
      if (list) list.push(g);
      else running.set(g.service, [g]);
    }
    const present = new Set<ServiceName>();
    for (const [s, n] of this.presentCount) if (n > 0) present.add(s);
    const enabledButDown = [...this.down];
    const shape = `${keys.sort().join(',')}#${[...present].sort().join(',')}#${[...enabledButDown].sort().join(',')}`;
    return { running, present, enabledButDown, shape };
  }
}

function sameList(a: readonly string[] | undefined, b: readonly string[]): boolean {
  return (a?.length ?? 0) === b.length && b.every((x, i) => a![i] === x);
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

/** Does `node` run `service` (up, running) in this census? */
export function runsOn(c: Census, service: ServiceName, node: NodeName): boolean {
  const gs = c.running.get(service);
  if (!gs) return false;
  const member = `${node}/${service}`;
  return gs.some((g) => g.set.has(member));
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
    shape: c.shape,
    running: new Map([...c.running].map(([s, gs]) => [s, gs.filter((g) => g.db === db)] as const)),
  }));
}
