/**
 * The lab's report: per step, what the simulator predicted and what the real cloud did, with
 * the evidence, and every disagreement kept as a finding. JSON is its first format (written to
 * the run directory and printed on request).
 */
import type { InvariantCode } from '../sim/result.ts';
import type { Evidence } from './evidence.ts';
import type { PhaseRecord } from './phase.ts';
import type { BootResult } from './probes/boot-check.ts';
import type { ProbeSummary } from './probes/api-probe.ts';
import type { StatusChange } from './probes/instance-poll.ts';
import type { StartOutcome } from './verbs.ts';

export interface Predicted {
  codes: InvariantCode[];
  /** Messages of the violations placed at this step. */
  messages: string[];
  apiDown: boolean;
  /** Services the model says refuse to start at this step ("node/service"). */
  refusals: string[];
  /** Per compute host: does a real boot there fail after this step? */
  bootFails: Record<string, boolean>;
}

export interface Observed {
  api: ProbeSummary;
  starts: StartOutcome[];
  refusals: string[];
  boots: BootResult[];
  bootsFail: boolean;
  instances: StatusChange[];
  evidence: Evidence[];
  /** The lab could not carry the step out (an API call failed, a wait ran out). */
  error?: string;
}

export type Aspect = 'api' | 'refusals' | 'boots';

export interface AspectVerdict {
  aspect: Aspect;
  predicted: string;
  observed: string;
  agree: boolean;
}

export interface StepReport {
  step: number;
  stepId: string;
  verb: string;
  summary: string;
  seconds: number;
  predicted: Predicted | null;
  observed: Observed;
  aspects: AspectVerdict[];
  agree: boolean;
  /** Epoch milliseconds the step started and its observation window ended. */
  startMs: number;
  endMs: number;
}

export interface Finding {
  stepId: string;
  aspect: Aspect;
  message: string;
  evidence: string[];
}

export type LabOutcome =
  | { status: 'refused'; refusals: { stepId: string; message: string; instead: string }[] }
  | { status: 'error'; code: string; message: string }
  | { status: 'completed'; agree: boolean };

export interface LabReport {
  schemaVersion: 1;
  runId: string;
  plan: { name: string; file: string; from: string; to: string };
  outcome: LabOutcome;
  /** The simulator's verdict for the plan, when it ran. */
  predictedVerdict: 'pass' | 'fail' | null;
  /** pass when every probe, start and boot succeeded. */
  observedVerdict: 'pass' | 'fail' | null;
  /** Package versions of each release's images (the release is resolved from them). */
  releases: Record<string, { image: string; packages: Record<string, string> }[]>;
  images: { built: { tag: string; seconds: number }[] };
  phases: PhaseRecord[];
  /** Seconds to boot the starting topology (0 when a session's cloud was reused). */
  bootSeconds: number | null;
  reusedCloud?: boolean;
  steps: StepReport[];
  findings: Finding[];
  /** Observed API downtime windows over the whole run. */
  apiDowntime: { seconds: number; windows: { fromStep: string; seconds: number; failures: number }[] };
  /** Observed seconds each of the plan's instances spent in a status other than ACTIVE. */
  instanceDowntime: { instance: string; seconds: number; statuses: string[] }[];
  peakMemoryMiB: number;
}
