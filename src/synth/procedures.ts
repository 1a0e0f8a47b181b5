/**
 * Procedure pieces over a set of services, all on the skeleton of skeleton.ts (install while the
 * old code serves, then restart). The install of a service comes right before its restart, in the
 * same wave: a node that reboots in between loads only code that wave is about to load anyway
 * (explore's reboot fault found installs made early, then loaded out of order). Three ways to load
 * the new code: node by node out of haproxy rotation, every node at once, or stopped for an
 * offline schema sync. Which one a group uses is the search's choice, checked by the simulator.
 */
import { SERVICE_INFO } from '../models/catalogue/services.ts';
import * as A from '../scenarios/generators/actions.ts';
import type { Action, DbPhase, NodeSpec, Project, ServiceName, Topology } from '../scenarios/plan.ts';
import { par, seq, type Block } from './blocks.ts';
import { activeNode, frontendsOn, nodesWith, on, projectDatabases } from './topo.ts';

export interface Unit {
  group: string;
  topo: Topology;
  /** Services in start order. */
  services: readonly ServiceName[];
}

/** Active/passive services start only where they are active. */
function startable(topo: Topology, node: NodeSpec, s: ServiceName): boolean {
  return !SERVICE_INFO[s].activePassive || activeNode(topo, s)?.name === node.name;
}

function perNode(u: Unit, make: (node: NodeSpec, services: ServiceName[]) => Action | null): Action[] {
  return nodesWith(u.topo, u.services)
    .map((n) => make(n, on(n, u.services)))
    .filter((a): a is Action => a !== null);
}

/** The new packages installed on every node; running code is untouched until a restart. */
export function install(u: Unit, label: string): Block[] {
  return par(u.group, label, perNode(u, (n, s) => (s.length > 0 ? A.upgrade(n.name, s) : null)));
}

/** The `db` actions of some phases, on every database holding the project's schema. */
export function dbActions(topo: Topology, project: Project, phases: readonly DbPhase[]): Action[] {
  const dbs = projectDatabases(topo, project);
  if (project === 'horizon' || dbs.length === 0) return [];
  return phases.flatMap((p) => dbs.map((d) => A.db(project, p, d)));
}

export function dbPhases(group: string, topo: Topology, project: Project, phases: readonly DbPhase[], label: string): Block[] {
  return seq(group, label, dbActions(topo, project, phases));
}

/** One wave on every node at once: packages, the schema phases the new code needs, a restart. */
export function wave(u: Unit, labels: { install: string; restart: string }, pre: Block[] = []): Block[] {
  return [...install(u, labels.install), ...pre, ...restartAll(u, labels.restart)];
}

/**
 * Each node in turn: drained from its frontends, its packages upgraded (`upgrade` on the first
 * node also runs `first`, the schema phases the new code needs), restarted, put back. With
 * `install: false` the packages are already there (a restart to recompute caps).
 */
export function restartRolling(u: Unit, label: (node: NodeSpec, first: boolean) => string, opts: { install?: boolean; first?: Action[] } = {}): Block[] {
  let first = true;
  return nodesWith(u.topo, u.services).flatMap((n) => {
    const all = on(n, u.services);
    const s = all.filter((x) => startable(u.topo, n, x));
    if (s.length === 0) return [];
    const fes = frontendsOn(u.topo, n, s);
    const pre = [...(opts.install ? [A.upgrade(n.name, all)] : []), ...(first ? opts.first ?? [] : [])];
    const block = seq(u.group, label(n, first), [...fes.map((f) => A.drain(f.name, n.name)), ...pre, A.restart(n.name, s), ...fes.map((f) => A.undrain(f.name, n.name))]);
    first = false;
    return block;
  });
}

/** Every node restarted in one parallel step. */
export function restartAll(u: Unit, label: string): Block[] {
  return par(u.group, label, perNode(u, (n, s) => {
    const mine = s.filter((x) => startable(u.topo, n, x));
    return mine.length > 0 ? A.restart(n.name, mine) : null;
  }));
}

export function stopAll(u: Unit, label: string): Block[] {
  return par(u.group, label, perNode(u, (n, s) => (s.length > 0 ? A.stop(n.name, [...s].reverse()) : null)));
}

export function startAll(u: Unit, label: string): Block[] {
  return par(u.group, label, perNode(u, (n, s) => {
    const mine = s.filter((x) => startable(u.topo, n, x));
    return mine.length > 0 ? A.start(n.name, mine) : null;
  }));
}

/** Nodes where any of `services` runs (for config steps). */
export function nodeNames(topo: Topology, services: readonly ServiceName[]) {
  return nodesWith(topo, services).map((n) => n.name);
}
