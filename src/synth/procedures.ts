/**
 * Procedure pieces over a set of services, all on the skeleton of skeleton.ts (install while the
 * old code serves, then restart): install everywhere, schema phases, and the three ways to load
 * the new code — node by node out of haproxy rotation, every node at once, or stopped for an
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

export function dbPhases(group: string, topo: Topology, project: Project, phases: readonly DbPhase[], label: string): Block[] {
  const dbs = projectDatabases(topo, project);
  if (project === 'horizon' || dbs.length === 0) return [];
  return seq(group, label, phases.flatMap((p) => dbs.map((d) => A.db(project, p, d))));
}

/** Each node in turn: drained from its frontends, restarted on the new code, put back. */
export function restartRolling(u: Unit, label: (node: NodeSpec, first: boolean) => string): Block[] {
  return nodesWith(u.topo, u.services).flatMap((n, i) => {
    const s = on(n, u.services).filter((x) => startable(u.topo, n, x));
    if (s.length === 0) return [];
    const fes = frontendsOn(u.topo, n, s);
    return seq(u.group, label(n, i === 0), [...fes.map((f) => A.drain(f.name, n.name)), A.restart(n.name, s), ...fes.map((f) => A.undrain(f.name, n.name))]);
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
