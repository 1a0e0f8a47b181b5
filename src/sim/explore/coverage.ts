/**
 * Coverage of the models: `xstate/graph` enumerates each machine's states and transitions; the
 * explore layer records which ones the runs took, by comparing entity snapshots before and after
 * every leaf (the simulator core is not instrumented). A transition is (machine, state, event):
 * handlers on the machine root count once per state they apply in.
 */
import { getStateNodes, toDirectedGraph } from 'xstate/graph';
import type { AnyStateMachine } from 'xstate';
import { MACHINES, type MachineName } from '../../models/machines/index.ts';
import type { Action } from '../../scenarios/plan.ts';
import type { LeafStep } from '../sequence.ts';
import type { World } from '../world.ts';
import type { LeafObserver } from './build.ts';

export interface MachineGraph {
  states: string[];
  /** "state EVENT" keys. */
  transitions: string[];
}

interface Edge { source: string; event: string }

/** Every state and (state, event) transition of a machine, from its definition. */
export function machineGraph(machine: AnyStateMachine): MachineGraph {
  const nodes = getStateNodes(machine.root);
  const atomic = nodes.filter((n) => n.type === 'atomic');
  const edges: Edge[] = [];
  const walk = (g: ReturnType<typeof toDirectedGraph>) => {
    for (const e of g.edges) edges.push({ source: e.source.id, event: e.label.text });
    for (const c of g.children) walk(c);
  };
  walk(toDirectedGraph(machine));
  const transitions: string[] = [];
  for (const s of atomic) {
    const name = s.key;
    for (const e of edges) {
      // The state's own handlers and its ancestors' (the root's apply everywhere).
      if (e.source === s.id || s.id.startsWith(`${e.source}.`)) transitions.push(`${name} ${e.event}`);
    }
  }
  return { states: nodes.map((n) => n.key), transitions: [...new Set(transitions)] };
}

export const GRAPHS: Record<MachineName, MachineGraph> = Object.fromEntries(
  Object.entries(MACHINES).map(([name, m]) => [name, machineGraph(m as unknown as AnyStateMachine)]),
) as Record<MachineName, MachineGraph>;

export interface MachineCoverage {
  machine: MachineName;
  states: { visited: number; total: number; missed: string[] };
  transitions: { visited: number; total: number; missed: string[] };
}

/** Visited states and transitions, accumulated over runs. */
export class Coverage implements LeafObserver {
  private readonly states = new Map<MachineName, Set<string>>();
  private readonly transitions = new Map<MachineName, Set<string>>();
  private snap = new Map<string, { machine: MachineName; value: string; context: unknown; ref: object }>();

  visitState(m: MachineName, state: string): void {
    let s = this.states.get(m);
    if (!s) this.states.set(m, (s = new Set()));
    s.add(state);
  }

  visit(m: MachineName, from: string, event: string, to: string): void {
    let t = this.transitions.get(m);
    if (!t) this.transitions.set(m, (t = new Set()));
    t.add(`${from} ${event}`);
    this.visitState(m, from);
    this.visitState(m, to);
  }

  before(world: World): void {
    this.snap = entities(world);
    for (const e of this.snap.values()) this.visitState(e.machine, e.value);
  }

  after(world: World, leaf: LeafStep): void {
    const now = entities(world);
    for (const [key, was] of this.snap) {
      const is = now.get(key);
      if (is && is.ref === was.ref) continue;
      for (const [from, event, to] of infer(was.machine, was, is, leaf.step.action)) this.visit(was.machine, from, event, to);
    }
    for (const [key, is] of now) if (!this.snap.has(key)) this.visitState(is.machine, is.value);
  }

  report(): MachineCoverage[] {
    return (Object.keys(GRAPHS) as MachineName[]).map((machine) => {
      const g = GRAPHS[machine];
      const vs = this.states.get(machine) ?? new Set();
      const vt = this.transitions.get(machine) ?? new Set();
      return {
        machine,
        states: { visited: g.states.filter((s) => vs.has(s)).length, total: g.states.length, missed: g.states.filter((s) => !vs.has(s)) },
        transitions: { visited: g.transitions.filter((t) => vt.has(t)).length, total: g.transitions.length, missed: g.transitions.filter((t) => !vt.has(t)) },
      };
    });
  }

  merge(other: Coverage): void {
    for (const [m, s] of other.states) for (const x of s) this.visitState(m, x);
    for (const [m, t] of other.transitions) {
      let mine = this.transitions.get(m);
      if (!mine) this.transitions.set(m, (mine = new Set()));
      for (const x of t) mine.add(x);
    }
  }
}

type Seen = { machine: MachineName; value: string; context: unknown; ref: object };

function entities(world: World): Map<string, Seen> {
  const out = new Map<string, Seen>();
  for (const [name, n] of world.nodes) {
    out.set(`node:${name}`, { machine: 'node', value: String(n.snap.value), context: undefined, ref: n.snap });
    for (const [s, snap] of n.services) out.set(`service:${name}/${s}`, { machine: 'service', value: String(snap.value), context: snap.context, ref: snap });
  }
  for (const [k, snap] of world.schemas) out.set(`schema:${k}`, { machine: 'schema', value: String(snap.value), context: snap.context, ref: snap });
  for (const [fe, f] of world.frontends) for (const [n, b] of f.backends) out.set(`backend:${fe}/${n}`, { machine: 'backend', value: String(b.value), context: undefined, ref: b });
  for (const [i, snap] of world.instances) out.set(`instance:${i}`, { machine: 'instance', value: String(snap.value), context: snap.context, ref: snap });
  return out;
}

type Step3 = [from: string, event: string, to: string];

/** The events that took an entity from `was` to `is` during one leaf, told apart by the leaf's verb. */
function infer(m: MachineName, was: Seen, is: Seen | undefined, a: Action): Step3[] {
  const from = was.value;
  if (!is) return m === 'node' ? [[from, 'REMOVE', 'removed']] : [];
  const to = is.value;
  switch (m) {
    case 'node':
      return from === to ? [[from, 'POWER_OFF', 'down'], ['down', 'POWER_ON', to]] : [[from, to === 'removed' ? 'REMOVE' : to === 'down' ? 'POWER_OFF' : 'POWER_ON', to]];
    case 'backend':
      return [[from, to === 'drained' ? 'DRAIN' : 'UNDRAIN', to]];
    case 'schema': {
      if (a.verb !== 'db') return [];
      const event = { sync: 'SYNC', expand: 'EXPAND', migrate: 'MIGRATE', contract: 'CONTRACT', 'online-migrations': 'ONLINE_MIGRATIONS' }[a.phase];
      return [[from, event, to]];
    }
    case 'instance': {
      if (to === 'deleted') return [[from, 'DELETE', to]];
      if (a.verb === 'reboot') return [[from, 'HOST_DOWN', 'stopped'], ['stopped', 'HOST_UP', to]];
      if (a.verb === 'live-migrate') return [[from, 'MOVE', to]];
      if (from === 'running' && to === 'running') return [[from, 'STOP', 'stopped'], ['stopped', 'MOVE', 'stopped'], ['stopped', 'START', to]];
      return [[from, 'MOVE', to]];
    }
    case 'service': {
      if (a.verb === 'upgrade') return [[from, 'INSTALL', to]];
      if (a.verb === 'disable') return [[from, 'DISABLE', to]];
      if (a.verb === 'enable') return [[from, 'ENABLE', to]];
      const direct: Record<string, string> = {
        'stopped running': 'START', 'failed running': 'START', 'stopped failed': 'START_REFUSED', 'failed failed': 'START_REFUSED',
        'running stopped': 'STOP', 'failed stopped': 'STOP',
      };
      const key = `${from} ${to}`;
      if (direct[key]) return [[from, direct[key], to]];
      if (from === 'running' && to === 'running') return [[from, 'STOP', 'stopped'], ['stopped', 'START', to]];
      if (from === 'running' && to === 'failed') return [[from, 'STOP', 'stopped'], ['stopped', 'START_REFUSED', to]];
      return [];
    }
  }
}
