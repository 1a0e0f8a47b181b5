/**
 * One supported hop: search on the reduced cloud, render the choices over the whole cloud, check
 * the result (with a timeline, for the labels), explain each group's place, and fall back to a
 * search on the whole cloud should the reduced one ever disagree.
 */
import { displayRelease } from '../models/catalogue/releases.ts';
import type { Plan, Policy, ReleaseName, Topology } from '../scenarios/plan.ts';
import { checkPlan } from '../sim/check.ts';
import type { CheckResult } from '../sim/result.ts';
import { annotate, type OrderNote } from './annotate.ts';
import { blocksToPlan, blockSteps, type PlanMeta } from './blocks.ts';
import { compareWithGenerators } from './compare.ts';
import { predictedOf } from './cost.ts';
import { reduceTopology } from './reduce.ts';
import { render, search, type Choice, type Rejection } from './search.ts';
import type { Hop, Objective } from './types.ts';

export interface HopInput {
  topo: Topology;
  /** The inventory as given, for the generators (they derive their own frontends). */
  inventory: Topology;
  from: ReleaseName;
  to: ReleaseName;
  policy: Policy;
  objective: Objective;
  compare: boolean;
  maxChecks: number;
  banned?: ReadonlySet<string>;
}

export type HopOutcome = { ok: true; hop: Hop } | { ok: false; reason: string; rejections: Rejection[] };

/** For each group, the rule that broke when it was swapped with the group before it. */
function orderNotes(meta: PlanMeta, topo: Topology, choices: readonly Choice[]): OrderNote[] {
  const notes: OrderNote[] = [];
  for (let k = 1; k < choices.length; k++) {
    const swapped = [...choices.slice(0, k - 1), choices[k]!, choices[k - 1]!];
    let blocks;
    try {
      blocks = render(topo, meta.from, meta.to, swapped);
    } catch {
      continue; // the procedure needs the earlier group's choice (nova's finish needs the cap)
    }
    const r = checkPlan(blocksToPlan(blocks, { ...meta, topology: topo }), { stopAtFirstError: true });
    const err = r.violations.find((v) => v.severity === 'error');
    if (err) notes.push({ group: choices[k]!.group, after: choices[k - 1]!.group, rule: `${err.code}: ${err.rule}` });
  }
  return notes;
}

export function synthesizeHop(input: HopInput): HopOutcome {
  const name = `${displayRelease(input.from)} to ${displayRelease(input.to)}, synthesized (${input.objective})`;
  const meta: PlanMeta = { name, from: input.from, to: input.to, policy: input.policy, topology: input.topo };
  const small = reduceTopology(input.topo);
  const banned = input.banned ?? new Set<string>();
  let found = search({ topo: small, from: input.from, to: input.to, policy: input.policy, objective: input.objective, name, maxChecks: input.maxChecks, banned });
  let checked = found.checked;
  let pruned = found.pruned;
  let full: { plan: Plan; check: CheckResult; notes: OrderNote[]; origins: string[] } | undefined;
  const build = (choices: Choice[], notesTopo: Topology) => {
    const blocks = render(input.topo, input.from, input.to, choices);
    const plain = blocksToPlan(blocks, meta);
    const check = checkPlan(plain, { timeline: true });
    const notes = orderNotes(meta, notesTopo, choices);
    const byGroup = new Map(choices.map((c) => [c.group, `${c.group}/${c.procedure}`]));
    const origins = blocks.flatMap((b) => new Array<string>(blockSteps(b)).fill(byGroup.get(b.group) ?? b.group));
    return { blocks, check, notes, origins };
  };
  if (found.ok) {
    const b = build(found.choices, small);
    if (b.check.verdict === 'pass') full = { plan: blocksToPlan(annotate(b.blocks, b.check, b.notes), meta), check: b.check, notes: b.notes, origins: b.origins };
  }
  if (!full && small !== input.topo) {
    found = search({ topo: input.topo, from: input.from, to: input.to, policy: input.policy, objective: input.objective, name, maxChecks: input.maxChecks, banned });
    checked += found.checked;
    pruned += found.pruned;
    if (found.ok) {
      const b = build(found.choices, input.topo);
      if (b.check.verdict === 'pass') full = { plan: blocksToPlan(annotate(b.blocks, b.check, b.notes), meta), check: b.check, notes: b.notes, origins: b.origins };
    }
  }
  if (!found.ok) return { ok: false, reason: found.reason, rejections: found.rejections };
  if (!full) return { ok: false, reason: 'the synthesized plan fails its own check on the whole cloud', rejections: [] };
  const predicted = predictedOf(full.check, full.plan.steps.length);
  return {
    ok: true,
    hop: {
      from: input.from,
      to: input.to,
      plan: full.plan,
      check: full.check,
      predicted,
      ...(input.compare ? { comparison: compareWithGenerators(input.inventory, input.from, input.to, predicted, input.objective) } : {}),
      checked,
      pruned,
      stepOrigins: full.origins,
    },
  };
}
