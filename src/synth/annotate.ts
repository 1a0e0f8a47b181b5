/**
 * Labels that explain: each block's label gets the downtime the check predicts for it, per API
 * and per instance, and the first block of each group the rule that kept it from coming earlier.
 */
import type { CheckResult } from '../sim/result.ts';
import { blocksToSteps, type Block } from './blocks.ts';

export interface OrderNote {
  group: string;
  /** The group placed just before. */
  after: string;
  /** "CODE: rule" that broke when the two were swapped. */
  rule: string;
}

/** Per block, API seconds by service and the instances down, from the check's timeline. */
function blockDowntime(blocks: readonly Block[], result: CheckResult): { api: Map<string, number>; instances: Set<string> }[] {
  const { starts, steps } = blocksToSteps(blocks);
  const out = blocks.map(() => ({ api: new Map<string, number>(), instances: new Set<string>() }));
  const blockOfStep = new Map<number, number>();
  starts.forEach((start, i) => {
    const end = i + 1 < starts.length ? starts[i + 1]! : steps.length;
    for (let k = start; k < end; k++) blockOfStep.set(k + 1, i);
  });
  // A parallel step has one record per leaf: count each API once per step.
  const perStep = new Map<number, { apis: Set<string>; seconds: number; instances: Set<string> }>();
  for (const r of result.timeline ?? []) {
    if (r.step === 0) continue;
    const s = perStep.get(r.step) ?? { apis: new Set<string>(), seconds: r.durationSeconds, instances: new Set<string>() };
    for (const a of r.apisDown) s.apis.add(a);
    for (const x of r.instancesDown) s.instances.add(x);
    perStep.set(r.step, s);
  }
  for (const [step, s] of perStep) {
    const b = out[blockOfStep.get(step) ?? -1];
    if (!b) continue;
    for (const a of s.apis) b.api.set(a, (b.api.get(a) ?? 0) + s.seconds);
    for (const x of s.instances) b.instances.add(x);
  }
  return out;
}

export function annotate(blocks: readonly Block[], result: CheckResult, notes: readonly OrderNote[]): Block[] {
  const down = blockDowntime(blocks, result);
  const noted = new Set<string>();
  return blocks.map((b, i) => {
    const d = down[i]!;
    const parts: string[] = [];
    const apis = [...d.api].map(([s, sec]) => `${s} ${sec} s`);
    parts.push(`predicted downtime: ${apis.length > 0 ? apis.join(', ') : 'none'}${d.instances.size > 0 ? `; instances down: ${[...d.instances].join(', ')}` : ''}`);
    if (!noted.has(b.group)) {
      noted.add(b.group);
      for (const n of notes.filter((x) => x.group === b.group)) parts.push(`after ${n.after} because ${n.rule}`);
    }
    return { ...b, label: `${b.label} [${parts.join('; ')}]` };
  });
}
