/**
 * What each group's procedures cost on their own: every procedure is simulated alone from the
 * initial state. Its downtime and length do not depend on where it goes in the plan, so the search
 * uses these figures to estimate a successor before checking it, and the cheapest feasible
 * procedure of each group as the bound on what is left. A procedure that breaks the policy by
 * itself (an outage the policy forbids, an undrained stop) breaks it anywhere: it is ruled out
 * here, as is one whose services cannot run mixed among themselves. Order-dependent errors
 * (ORDER, RPC between groups) are the search's business, not the probe's.
 *
 * A group whose procedures depend on an earlier choice (nova's finish depends on the cap) is
 * charged to the procedure that makes the choice, so estimates stay exact along a path.
 */
import { checkPlan } from '../sim/check.ts';
import type { InvariantCode, Violation } from '../sim/result.ts';
import { blocksToPlan, blocksToSteps, type Block, type PlanMeta } from './blocks.ts';
import { add, compare, costOf, predictedOf, type Cost } from './cost.ts';
import type { Group, Procedure, SearchState } from './groups/index.ts';
import type { Objective } from './types.ts';

/** Codes a procedure breaks by itself, in any position: the policy's limits, not the order. */
const POLICY_CODES: readonly InvariantCode[] = ['API_DOWNTIME', 'INSTANCE_DOWNTIME', 'UNDRAINED_STOP', 'NO_ACTIVE_SERVICE'];

/** Services a procedure's steps act on. */
export function touched(blocks: readonly Block[]): Set<string> {
  const out = new Set<string>();
  for (const b of blocks) for (const a of b.actions) if ('services' in a) for (const s of a.services) out.add(s);
  return out;
}

/**
 * Does the error stand whatever comes before? Policy codes always do; any other code but ORDER
 * does when every service it names is one this procedure moves (cinder's own services that cannot
 * mix, say), since no other group changes them.
 */
function intrinsic(v: Violation, own: Set<string>): boolean {
  if (POLICY_CODES.includes(v.code)) return true;
  if (v.code === 'ORDER') return false;
  const services = namedServices(v);
  return services.size > 0 && [...services].every((s) => own.has(s));
}

/** The services a violation names ("controller1/keystone" → keystone). */
export function namedServices(v: Violation): Set<string> {
  return new Set(v.entities.filter((e) => /^[^:]+\/[a-z-]+$/.test(e)).map((e) => e.split('/')[1]!));
}

const stateKey = (s: SearchState) => String(s.cap);

export class Probes {
  readonly zero: Cost;
  private readonly runs = new Map<string, { cost: Cost; bad?: Violation; first?: Violation }>();
  private readonly floors = new Map<string, Cost>();

  constructor(private readonly groups: Group[], private readonly meta: PlanMeta, private readonly objective: Objective) {
    this.zero = this.run([]).cost;
  }

  private run(blocks: Block[]): { cost: Cost; bad?: Violation; first?: Violation } {
    const r = checkPlan(blocksToPlan(blocks, this.meta));
    const own = touched(blocks);
    const bad = r.violations.find((v) => v.severity === 'error' && intrinsic(v, own));
    const first = r.violations.find((v) => v.severity === 'error');
    return { cost: costOf(predictedOf(r, blocksToSteps(blocks).steps.length), this.objective), ...(bad ? { bad } : {}), ...(first ? { first } : {}) };
  }

  /** The procedure alone from the initial state (cached); `first` is its first error, if any. */
  alone(g: Group, p: Procedure, state: SearchState): { cost: Cost; bad?: Violation; first?: Violation } {
    const k = `${g.id}/${p.id}|${g.readsState ? stateKey(state) : ''}`;
    let hit = this.runs.get(k);
    if (!hit) this.runs.set(k, (hit = this.run(p.render(state))));
    return hit;
  }

  /** Groups whose procedures read the state, while the state they read is still open. */
  private deferred(g: Group, state: SearchState): boolean {
    return g.readsState === true && state.cap === undefined;
  }

  /** Cost of appending `p`: what it costs alone, or undefined when it can never pass. */
  estimate(g: Group, p: Procedure, state: SearchState): Cost | undefined {
    const own = this.alone(g, p, state);
    return own.bad ? undefined : own.cost;
  }

  /** For bounds: `p`'s cost plus, when it fixes the state, the cheapest finish of the groups reading it (charged here, once). */
  withDeferred(g: Group, p: Procedure, state: SearchState, done: ReadonlySet<string>): Cost | undefined {
    let c = this.estimate(g, p, state);
    if (!c || !p.sets) return c;
    const next = { ...state, ...p.sets };
    for (const r of this.groups) if (r.readsState && !done.has(r.id) && this.deferred(r, state)) c = add(c, this.floor(r, next));
    return c;
  }

  /** Least cost (lexicographic, so a sum of floors never exceeds a real plan in that order) over the feasible procedures; zero when charged elsewhere. */
  floor(g: Group, state: SearchState): Cost {
    if (this.deferred(g, state)) return this.zero;
    const k = `${g.id}|${stateKey(state)}`;
    let hit = this.floors.get(k);
    if (hit) return hit;
    let least: Cost | undefined;
    for (const p of g.procedures(state)) {
      const e = this.withDeferred(g, p, state, new Set());
      if (e && (!least || compare(e, least) < 0)) least = e;
    }
    hit = least ?? this.zero;
    this.floors.set(k, hit);
    return hit;
  }

  /** Why a procedure can never be used, if it cannot. */
  ruledOut(g: Group, p: Procedure, state: SearchState): Violation | undefined {
    return this.alone(g, p, state).bad;
  }
}
