/**
 * Accumulates a procedure's steps and numbers them into a Plan. A label opens a block (what is
 * done and why); steps without one belong to the block above, as in the hand-written examples.
 */
import type { Action, Plan, Policy, ReleaseName, Step, Topology } from '../plan.ts';

interface Draft {
  label?: string;
  actions: Action[];
}

export class PlanBuilder {
  private readonly drafts: Draft[] = [];

  /** One step; `label` says what and why. */
  step(action: Action, label?: string): this {
    this.drafts.push({ actions: [action], ...(label ? { label } : {}) });
    return this;
  }

  /** Steps run at the same time (one step when there is only one); nothing when empty. */
  parallel(actions: readonly Action[], label?: string): this {
    if (actions.length > 0) this.drafts.push({ actions: [...actions], ...(label ? { label } : {}) });
    return this;
  }

  /** Several steps in sequence, the first one labelled. */
  steps(actions: readonly Action[], label?: string): this {
    actions.forEach((a, i) => this.step(a, i === 0 ? label : undefined));
    return this;
  }

  get length(): number {
    return this.drafts.length;
  }

  build(meta: { name: string; from: ReleaseName; to: ReleaseName; policy: Policy; topology: Topology }): Plan {
    return {
      apiVersion: 'preflight/v1',
      name: meta.name,
      from: meta.from,
      to: meta.to,
      policy: meta.policy,
      topology: meta.topology,
      steps: numberSteps(this.drafts.map(toStep)),
      durations: {},
      file: '<generated>',
    };
  }
}

function toStep(d: Draft): Step {
  const base = d.label ? { label: d.label } : {};
  if (d.actions.length === 1) return { id: '', number: 0, ...base, action: d.actions[0]! };
  return { id: '', number: 0, ...base, action: { verb: 'parallel', steps: d.actions.map((action) => ({ id: '', number: 0, action })) } };
}

/** Ids and numbers as the parser gives them: "N" for a top-level step, "N.k" inside a group. */
export function numberSteps(steps: readonly Step[]): Step[] {
  return steps.map((s, i) => {
    const number = i + 1;
    const action = s.action.verb === 'parallel'
      ? { verb: 'parallel' as const, steps: s.action.steps.map((c, k) => ({ ...c, id: `${number}.${k + 1}`, number })) }
      : s.action;
    return { ...s, id: String(number), number, action };
  });
}
