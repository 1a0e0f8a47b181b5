/**
 * One plan for a multi-hop upgrade: the hops' steps in order, each `upgrade` and `db` step naming
 * the release of its hop (the plan format's multi-hop extension, which the parser and the
 * simulator honour). `check` still reports UPGRADE_PATH for it, since it looks at `from → to`
 * only; until it accepts a route spelled out by the steps, the per-hop plans are the ones to check.
 */
import { displayRelease } from '../models/catalogue/releases.ts';
import { numberSteps } from '../scenarios/generators/builder.ts';
import type { Plan, Step } from '../scenarios/plan.ts';
import type { Hop } from './types.ts';

function tag(s: Step, release: Plan['to']): Step {
  const a = s.action;
  if (a.verb === 'parallel') return { ...s, action: { verb: 'parallel', steps: a.steps.map((c) => tag(c, release)) } };
  if (a.verb === 'upgrade' || a.verb === 'db') return { ...s, action: { ...a, release } };
  return s;
}

export function combinedPlan(hops: readonly Hop[]): Plan {
  const first = hops[0]!.plan;
  const last = hops[hops.length - 1]!;
  return {
    ...first,
    name: `${displayRelease(first.from)} to ${displayRelease(last.to)}, synthesized in ${hops.length} hops (via ${hops.slice(0, -1).map((h) => displayRelease(h.to)).join(', ')})`,
    to: last.to,
    steps: numberSteps(hops.flatMap((h) => h.plan.steps.map((s) => tag(s, h.to)))),
  };
}
