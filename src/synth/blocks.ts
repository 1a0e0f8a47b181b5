/**
 * A block is the unit procedures emit and labels attach to: a few steps in sequence, or one
 * parallel step. A block's label says why it is there; `annotate` later adds its predicted cost.
 */
import { numberSteps } from '../scenarios/generators/builder.ts';
import type { Action, Plan, Policy, ReleaseName, Step, Topology } from '../scenarios/plan.ts';

export interface Block {
  /** Which search group emitted it (keystone, nova-control, ...). */
  group: string;
  label: string;
  /** 'seq': each action is a top-level step; 'par': one parallel step (or one step when single). */
  kind: 'seq' | 'par';
  actions: Action[];
}

export function seq(group: string, label: string, actions: Action[]): Block[] {
  return actions.length > 0 ? [{ group, label, kind: 'seq', actions }] : [];
}

export function par(group: string, label: string, actions: Action[]): Block[] {
  return actions.length > 0 ? [{ group, label, kind: 'par', actions }] : [];
}

/** Top-level steps a block becomes. */
export function blockSteps(b: Block): number {
  return b.kind === 'par' ? 1 : b.actions.length;
}

/** Steps in plan order, the first step of each block carrying its label; `starts[i]` is block i's first step index. */
export function blocksToSteps(blocks: readonly Block[]): { steps: Step[]; starts: number[] } {
  const steps: Step[] = [];
  const starts: number[] = [];
  for (const b of blocks) {
    starts.push(steps.length);
    const label = b.label;
    if (b.kind === 'par' && b.actions.length > 1) {
      steps.push({ id: '', number: 0, label, action: { verb: 'parallel', steps: b.actions.map((action) => ({ id: '', number: 0, action })) } });
    } else {
      b.actions.forEach((action, i) => steps.push({ id: '', number: 0, ...(i === 0 ? { label } : {}), action }));
    }
  }
  return { steps: numberSteps(steps), starts };
}

export interface PlanMeta {
  name: string;
  from: ReleaseName;
  to: ReleaseName;
  policy: Policy;
  topology: Topology;
}

export function blocksToPlan(blocks: readonly Block[], meta: PlanMeta): Plan {
  return {
    apiVersion: 'preflight/v1',
    name: meta.name,
    from: meta.from,
    to: meta.to,
    policy: meta.policy,
    topology: meta.topology,
    steps: blocksToSteps(blocks).steps,
    durations: {},
    file: '<synthesized>',
  };
}
