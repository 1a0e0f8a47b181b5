/**
 * Best-first search (A* with deferred evaluation) over the order of service groups and the
 * procedure of each. A node is a partial plan; a successor appends one group's procedure. A
 * successor is queued on an estimate (its parent's cost plus what the procedure costs on its own,
 * see probe.ts) and checked with the real simulator only when it reaches the front of the queue:
 * `checkPlan` stops at the first error, and a partial plan that breaks an error-level invariant is
 * never extended. Every cost measure adds up along a plan; the bound on what is left is each
 * remaining group's cheapest procedure not known to fail here.
 *
 * What is known to fail: a check that failed naming some services fails again as long as no group
 * placed since touches one of them. The probes seed this memo (glance alone breaks ORDER naming
 * keystone: glance waits until keystone is placed), and every failed check adds to it. Bounds are
 * recomputed when a node is popped, so what is learnt reorders the queue.
 *
 * Ties go to deeper plans (greedy on the measures after the objective's own), then to the
 * documented group order: the search runs nearly straight down unless the simulator pushes back.
 */
import type { Policy, ReleaseName, Topology } from '../scenarios/plan.ts';
import { checkPlan } from '../sim/check.ts';
import type { Violation } from '../sim/result.ts';
import { blocksToPlan, blocksToSteps, type Block, type PlanMeta } from './blocks.ts';
import { add, compare, costOf, predictedOf, type Cost } from './cost.ts';
import { hopGroups, type Group, type Procedure, type SearchState } from './groups/index.ts';
import { namedServices, Probes, touched } from './probe.ts';
import type { Objective } from './types.ts';

export interface SearchInput {
  topo: Topology;
  from: ReleaseName;
  to: ReleaseName;
  policy: Policy;
  objective: Objective;
  name: string;
  maxChecks: number;
  /** "group/procedure" keys not to use. */
  banned?: ReadonlySet<string>;
}

export interface Choice {
  group: string;
  procedure: string;
}

export interface Rejection {
  group: string;
  procedure: string;
  /** Groups placed before the attempt. */
  after: string[];
  violation: Violation;
}

export type SearchOutcome =
  | { ok: true; choices: Choice[]; checked: number; pruned: number }
  /** `rejections`: what blocked the deepest partial plan (or the groups that can never pass). */
  | { ok: false; reason: string; rejections: Rejection[]; checked: number; pruned: number };

interface Node {
  choices: Choice[];
  done: Set<string>;
  state: SearchState;
  blocks: Block[];
  /** Real cost once checked, the estimate before; the last component counts groups out of order. */
  cost: Cost;
  f: Cost;
  checked: boolean;
  seq: number;
  /** Unchecked nodes: the procedure that made them and the state before it. */
  last?: { group: Group; procedure: Procedure; before: SearchState };
}

interface Failure {
  /** Groups placed when it failed. */
  done: Set<string>;
  services: Set<string>;
  violation: Violation;
}

const procKey = (g: string, p: string, s: SearchState) => `${g}/${p}|${String(s.cap)}`;

export function search(input: SearchInput): SearchOutcome {
  const groups = hopGroups(input.topo, input.from, input.to);
  const index = new Map(groups.map((g, i) => [g.id, i]));
  const meta: PlanMeta = { name: input.name, from: input.from, to: input.to, policy: input.policy, topology: input.topo };
  const probes = new Probes(groups, meta, input.objective);
  const moves = new Map(groups.map((g) => [g.id, new Set(g.procedures({ cap: null }).flatMap((p) => [...touched(p.render({ cap: null }))]))]));
  const failures = new Map<string, Failure[]>();
  const remember = (k: string, done: Set<string>, v: Violation) => {
    const services = namedServices(v);
    if (services.size > 0) failures.set(k, [...(failures.get(k) ?? []), { done, services, violation: v }]);
  };
  const stillFails = (k: string, done: Set<string>): Failure | undefined => (failures.get(k) ?? []).find((f) =>
    [...f.done].every((d) => done.has(d)) && [...done].every((d) => f.done.has(d) || ![...moves.get(d)!].some((s) => f.services.has(s))));
  // Seed: what each procedure breaks alone, from the initial state.
  for (const g of groups) {
    for (const state of [{ cap: undefined }, { cap: null }, { cap: 'auto' }] as SearchState[]) {
      for (const p of g.procedures(state)) {
        const a = probes.alone(g, p, state);
        if (!a.bad && a.first) remember(procKey(g.id, p.id, state), new Set(), a.first);
      }
    }
  }
  // Groups none of whose procedures can ever pass make the request impossible: say so at once.
  const impossible = groups.flatMap((g) => {
    if (g.readsState) return [];
    const all = [{ cap: undefined }, { cap: null }, { cap: 'auto' }].flatMap((state) => g.procedures(state as SearchState).map((p) => ({
      p, bad: input.banned?.has(`${g.id}/${p.id}`) ? bannedViolation(g.id, p.id) : probes.ruledOut(g, p, state as SearchState),
    })));
    if (all.length === 0 || all.some((x) => !x.bad)) return [];
    return [{ g, why: new Map(all.map((x) => [x.p.id, x.bad!])) }];
  });
  if (impossible.length > 0) {
    const reason = impossible.map(({ g, why }) => `${g.id} cannot be upgraded under this policy: ${[...why].map(([id, v]) => `${id} breaks ${v.code} (${v.message})`).join('; ')}`).join('. ');
    const rejections = impossible.flatMap(({ g, why }) => [...why].map(([procedure, violation]) => ({ group: g.id, procedure, after: [], violation })));
    return { ok: false, reason, rejections, checked: 0, pruned: 0 };
  }
  /** Cost of appending `p` at a node, or why it cannot be. */
  const estimate = (g: Group, p: Procedure, state: SearchState, done: Set<string>, forBound = false): Cost | Violation => {
    if (input.banned?.has(`${g.id}/${p.id}`)) return bannedViolation(g.id, p.id);
    const known = stillFails(procKey(g.id, p.id, state), done);
    if (known) return known.violation;
    return (forBound ? probes.withDeferred(g, p, state, done) : probes.estimate(g, p, state)) ?? probes.ruledOut(g, p, state)!;
  };
  const bound = (done: Set<string>, state: SearchState): Cost => {
    let b: Cost = probes.zero;
    for (const g of groups) {
      if (done.has(g.id)) continue;
      if (g.readsState && state.cap === undefined) continue;
      // Procedures known to fail here are left out, unless all are (the group waits for another):
      // then its cheapest procedure that can pass at all, since it will be placed later.
      let least: Cost | undefined;
      let waiting: Cost | undefined;
      for (const p of g.procedures(state)) {
        const e = estimate(g, p, state, done, true);
        if (Array.isArray(e) && (!least || compare(e, least) < 0)) least = e;
        const any = probes.withDeferred(g, p, state, done);
        if (any && (!waiting || compare(any, waiting) < 0)) waiting = any;
      }
      const floor = least ?? waiting;
      if (floor) b = add(b, floor);
    }
    return [...b, 0];
  };
  const inversionsOf = (done: Set<string>, g: string) => [...done].filter((d) => index.get(d)! > index.get(g)!).length;
  const primary = input.objective === 'downtime' ? 3 : 1;
  const keyOf = (n: Node) => `${[...n.done].sort().join(',')}|${String(n.state.cap)}`;

  let seq = 0;
  const root: Node = { choices: [], done: new Set(), state: {}, blocks: [], cost: [...probes.zero, 0], f: [], checked: true, seq: seq++ };
  root.f = add(root.cost, bound(root.done, root.state));
  const open: Node[] = [root];
  const seen = new Set<string>();
  const rejections: Rejection[] = [];
  let checked = 0;
  let pruned = 0;
  let deepest: Node = root;
  let fallback: { node: Node; warnings: number } | undefined;

  while (open.length > 0 && checked < input.maxChecks) {
    const node = popMin(open, primary);
    if (seen.has(keyOf(node))) continue;
    if (!node.checked) {
      const { group, procedure, before } = node.last!;
      const placed = node.choices.slice(0, -1).map((c) => c.group);
      const parentDone = new Set([...node.done].filter((d) => d !== group.id && !(procedure.covers ?? []).includes(d)));
      const known = stillFails(procKey(group.id, procedure.id, before), parentDone);
      if (known) {
        rejections.push({ group: group.id, procedure: procedure.id, after: placed, violation: known.violation });
        continue;
      }
      const r = checkPlan(blocksToPlan(node.blocks, meta), { stopAtFirstError: true });
      checked++;
      const err = r.violations.find((v) => v.severity === 'error');
      if (err) {
        pruned++;
        rejections.push({ group: group.id, procedure: procedure.id, after: placed, violation: err });
        remember(procKey(group.id, procedure.id, before), parentDone, err);
        continue;
      }
      node.cost = [...costOf(predictedOf(r, blocksToSteps(node.blocks).steps.length), input.objective), node.cost[node.cost.length - 1]!];
      node.checked = true;
    }
    // What was learnt since this node was queued may raise its bound.
    const f = add(node.cost, bound(node.done, node.state));
    if (compare(f, node.f) > 0) {
      node.f = f;
      open.push(node);
      continue;
    }
    seen.add(keyOf(node));
    if (node.done.size > deepest.done.size) deepest = node;
    if (node.done.size === groups.length) {
      const full = checkPlan(blocksToPlan(node.blocks, meta));
      checked++;
      const warnings = full.violations.filter((v) => v.severity === 'warning').length;
      if (full.verdict === 'pass' && warnings === 0) return { ok: true, choices: node.choices, checked, pruned };
      if (full.verdict === 'pass' && (!fallback || warnings < fallback.warnings)) fallback = { node, warnings };
      continue;
    }
    for (const g of groups) {
      if (node.done.has(g.id) || (g.after ?? []).some((a) => !node.done.has(a))) continue;
      for (const p of g.procedures(node.state)) {
        const own = estimate(g, p, node.state, node.done);
        if (!Array.isArray(own)) {
          rejections.push({ group: g.id, procedure: p.id, after: node.choices.map((c) => c.group), violation: own });
          continue;
        }
        const done = new Set([...node.done, g.id, ...(p.covers ?? [])]);
        const state = { ...node.state, ...(p.sets ?? {}) };
        const est = [...add(node.cost.slice(0, -1), own), node.cost[node.cost.length - 1]! + inversionsOf(node.done, g.id)];
        open.push({
          choices: [...node.choices, { group: g.id, procedure: p.id }],
          done,
          state,
          blocks: [...node.blocks, ...p.render(node.state)],
          cost: est,
          f: add(est, bound(done, state)),
          checked: false,
          seq: seq++,
          last: { group: g, procedure: p, before: node.state },
        });
      }
    }
  }
  if (fallback) return { ok: true, choices: fallback.node.choices, checked, pruned };
  const placed = deepest.choices.map((c) => c.group);
  const blocking = rejections.filter((r) => !deepest.done.has(r.group) && r.after.length === placed.length && r.after.every((x, i) => x === placed[i]));
  return { ok: false, reason: failureReason(groups, deepest, blocking, checked >= input.maxChecks), rejections: blocking, checked, pruned };
}

/** A procedure explore broke, as a rejection the failure reason can quote. */
function bannedViolation(group: string, procedure: string): Violation {
  return {
    step: 0, stepId: '0', code: 'ORDER', severity: 'error', entities: [],
    message: `${group} ${procedure} was broken by explore (a fault in its window)`, rule: 'A plan explore breaks is not offered.', source: [],
  };
}

/**
 * Lowest f on the objective's own measures; then the deeper node (greedy on the secondary
 * measures, which keeps the search from widening over orders that only differ in length); then
 * the fewest groups out of the documented order; then the rest of f, then the earlier node.
 */
function popMin(open: Node[], primary: number): Node {
  let bi = 0;
  for (let i = 1; i < open.length; i++) {
    const a = open[i]!;
    const b = open[bi]!;
    const c = compare(a.f.slice(0, primary), b.f.slice(0, primary)) || b.choices.length - a.choices.length
      || a.f[a.f.length - 1]! - b.f[b.f.length - 1]! || compare(a.f.slice(primary), b.f.slice(primary)) || a.seq - b.seq;
    if (c < 0) bi = i;
  }
  const last = open.pop()!;
  if (bi === open.length) return last;
  const out = open[bi]!;
  open[bi] = last;
  return out;
}

function failureReason(groups: Group[], deepest: Node, here: Rejection[], exhausted: boolean): string {
  const placed = deepest.choices.map((c) => c.group);
  const left = groups.filter((g) => !deepest.done.has(g.id)).map((g) => g.id);
  const why = left.flatMap((g) => {
    const mine = here.filter((r) => r.group === g);
    if (mine.length === 0) return [];
    const procs = [...new Set(mine.map((m) => m.procedure))];
    return [`${g} breaks ${[...new Set(mine.map((m) => m.violation.code))].join('/')} with every procedure (${procs.join(', ')}); e.g. ${mine[0]!.violation.message}`];
  });
  const at = placed.length > 0 ? `after ${deepest.choices.map((c) => `${c.group} (${c.procedure})`).join(', ')}` : 'from the start';
  return `${exhausted ? 'search budget exhausted; ' : ''}no plan keeps every invariant ${at}: ${why.length > 0 ? why.join('; ') : `nothing fits among ${left.join(', ')}`}`;
}

/** Re-render a found choice sequence over a (full-size) topology. */
export function render(topo: Topology, from: ReleaseName, to: ReleaseName, choices: readonly Choice[]): Block[] {
  const groups = new Map(hopGroups(topo, from, to).map((g) => [g.id, g]));
  let state: SearchState = {};
  const out: Block[] = [];
  for (const c of choices) {
    const p = groups.get(c.group)?.procedures(state).find((x) => x.id === c.procedure);
    if (!p) throw new Error(`synthesis: procedure ${c.group}/${c.procedure} does not exist on this topology`);
    out.push(...p.render(state));
    state = { ...state, ...(p.sets ?? {}) };
  }
  return out;
}
