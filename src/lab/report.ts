/**
 * The lab's report: per step, what the simulator predicted and what the real cloud did, with
 * the evidence, and every disagreement kept as a finding. JSON is its first format (written to
 * the run directory and printed on request).
 */
import type { InvariantCode } from '../sim/result.ts';
import type { PinAllowance } from './verdict/pins.ts';
import type { Evidence } from './evidence.ts';
import type { PhaseRecord } from './phase.ts';
import type { BootResult } from './probes/boot-check.ts';
import type { ProbeSummary } from './probes/api-probe.ts';
import type { StatusChange } from './probes/instance-poll.ts';
import type { MoveOutcome, StartOutcome } from './verbs.ts';

export interface Predicted {
  codes: InvariantCode[];
  /** Messages of the violations placed at this step. */
  messages: string[];
  apiDown: boolean;
  /** Services the model says refuse to start at this step ("node/service"). */
  refusals: string[];
  /** Per compute host: does a real boot there fail after this step? */
  bootFails: Record<string, boolean>;
  /** Per compute RPC sender: the pins it may log during this step (at its last start, or picked lazily now). */
  pins?: PinAllowance[];
  /** The plan's instances the model stops during this step (cold migration, reboot, removal). */
  instancesDown: string[];
  /** Migrations of this step, and whether the model has them fail (LIVE_MIGRATION_INCOMPATIBLE, RPC_INCOMPATIBLE). */
  moves: { instance: string; to: string; fails: boolean }[];
}

export interface Observed {
  api: ProbeSummary;
  starts: StartOutcome[];
  refusals: string[];
  boots: BootResult[];
  bootsFail: boolean;
  instances: StatusChange[];
  /** Migrations the step asked nova for, as nova carried them out. */
  moves: MoveOutcome[];
  evidence: Evidence[];
  /** The lab could not carry the step out (an API call failed, a wait ran out). */
  error?: string;
}

export type Aspect = 'api' | 'refusals' | 'boots' | 'pins' | 'instances';

export interface AspectVerdict {
  aspect: Aspect;
  predicted: string;
  observed: string;
  agree: boolean;
  /** Why the aspect disagrees, one line per cause (pins). */
  detail?: string[];
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
  /** Where the step's seconds went (perform and its parts, settle, boot checks, evidence). */
  timings: StepTiming[];
}

export interface StepTiming {
  what: string;
  seconds: number;
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
  releases: Record<string, { image: string; packages: Record<string, string>; patches: string[] }[]>;
  images: { built: { tag: string; seconds: number; memoryMiB: number }[] };
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
