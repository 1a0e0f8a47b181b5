/** The synthesis contract: what `synthesizePlan` takes and returns. */
import type { Plan, Policy, ReleaseName } from '../scenarios/plan.ts';
import type { CheckResult } from '../sim/result.ts';

export const OBJECTIVES = ['downtime', 'steps', 'duration'] as const;
export type Objective = (typeof OBJECTIVES)[number];

/** What a plan is predicted to cost, from its check. */
export interface Predicted {
  /** Seconds each API service is unavailable (only those with some). */
  apiByService: Record<string, number>;
  /** Sum of `apiByService`: service-seconds of API outage. */
  apiServiceSeconds: number;
  /** Seconds during which at least one API is unavailable. */
  apiSeconds: number;
  instancesAffected: number;
  instanceSeconds: number;
  /** Top-level steps. */
  steps: number;
  /** Estimated duration, seconds. */
  durationSeconds: number;
  warnings: number;
}

/** How the synthesized plan compares with one hand-written scenario generator. */
export interface GeneratorFigure {
  scenario: string;
  verdict: 'pass' | 'fail' | 'refused';
  predicted?: Predicted;
  note?: string;
}

export interface Comparison {
  generators: GeneratorFigure[];
  /** The passing generator best on the objective, if any passes. */
  best?: string;
  /** True when the synthesized plan is no worse than `best` on the objective. */
  noWorse: boolean;
  /** One sentence per measure where the synthesized plan is better (or worse). */
  summary: string[];
}

/** One supported hop of a (possibly multi-hop) upgrade. */
export interface Hop {
  from: ReleaseName;
  to: ReleaseName;
  plan: Plan;
  check: CheckResult;
  predicted: Predicted;
  comparison?: Comparison;
  /** Candidate partial plans the simulator rejected during the search. */
  pruned: number;
  /** Partial plans checked. */
  checked: number;
  /** Per top-level step (index = step number - 1): the "group/procedure" it comes from. */
  stepOrigins: string[];
}

export type SynthesisResult =
  | {
      ok: true;
      /** The plan of a single hop; for a multi-hop upgrade, the first hop (see `hops`). */
      plan: Plan;
      predicted: Predicted;
      comparison?: Comparison;
      /** Every hop in order (one for a supported pair). */
      hops: Hop[];
    }
  | {
      ok: false;
      reason: string;
      /** The least-downtime plan under the weakest policy that admits it, when one exists. */
      alternative?: { plan: Plan; predicted: Predicted; policy: Policy; hops: Hop[] };
    };

export interface SynthesisOptions {
  /** Compare each hop with the scenario generators (default true). */
  compare?: boolean;
  /** Upper bound on partial plans checked per hop (default 5,000). */
  maxChecks?: number;
  /** "group/procedure" keys the search must not use (explore broke them). */
  banned?: ReadonlySet<string>;
}
