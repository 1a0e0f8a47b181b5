/**
 * Synthesis with its proof in the loop: the plan found is explored; when explore breaks a hop, the
 * procedure owning the failing step is banned and the search runs again. The simulator's check
 * cannot see faults (a reboot loading code installed early, an agent started on old code), so this
 * is how the search learns which procedures are fragile. Ends when explore finds nothing, or when
 * the broken step belongs to no procedure it may ban.
 */
import type { FaultKind } from '../sim/explore/index.ts';
import type { Policy, ReleaseName, Topology } from '../scenarios/plan.ts';
import { synthesizePlan } from './index.ts';
import { prove, proven, type Proof } from './prove.ts';
import type { Objective, SynthesisOptions, SynthesisResult } from './types.ts';

export interface ProvenOptions extends SynthesisOptions {
  runs: number;
  seed: number;
  faults: readonly FaultKind[];
  /** Re-searches after a counterexample (default 6). */
  rounds?: number;
}

export interface ProvenResult {
  result: SynthesisResult;
  proofs: Proof[];
  /** Procedures explore broke, "group/procedure", in the order they were banned. */
  banned: string[];
}

/**
 * A broken variant ("neutron-server/rolling+agents-paused") is broken by its variant part (agents
 * stopped on old code under a new server), whatever loads the servers: ban it with every base.
 */
function family(origin: string): string[] {
  const [group, procedure] = origin.split('/') as [string, string];
  const plus = procedure.indexOf('+');
  if (plus < 0) return [origin];
  const variant = procedure.slice(plus);
  return [origin, ...['rolling', 'restart-all', 'offline'].map((base) => `${group}/${base}${variant}`)];
}

export function synthesizeProven(topology: Topology, from: ReleaseName, to: ReleaseName, policy: Policy, objective: Objective, options: ProvenOptions): ProvenResult {
  const banned = new Set(options.banned ?? []);
  for (let round = 0; ; round++) {
    const result = synthesizePlan(topology, from, to, policy, objective, { ...options, banned });
    const hops = result.ok ? result.hops : result.alternative?.hops ?? [];
    const proofs = prove(hops, options.runs, options.seed, options.faults);
    if (proven(proofs) || round >= (options.rounds ?? 6)) return { result, proofs, banned: [...banned] };
    const i = proofs.findIndex((p) => p.explore?.status === 'counterexample');
    const e = proofs[i]?.explore;
    const step = e?.status === 'counterexample' ? e.counterexample.violations[0]?.step : undefined;
    const origin = step !== undefined && step > 0 ? hops[i]!.stepOrigins[step - 1] : undefined;
    if (!origin || banned.has(origin)) return { result, proofs, banned: [...banned] };
    for (const b of family(origin)) banned.add(b);
  }
}
