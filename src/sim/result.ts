/**
 * What a check returns. Outcomes are data: a verdict, the violations with the fact each rests
 * on, downtime totals, and (on request) a per-step timeline that reports draw.
 * The JSON output of `preflight check --format json` is exactly this object.
 */
import type { ReleaseName, ServiceName } from '../scenarios/plan.ts';

/** Stable invariant codes: a public contract (see README "Invariant codes"). */
export const INVARIANT_CODES = [
  'UPGRADE_PATH',
  'INSTANCE_DOWNTIME',
  'API_DOWNTIME',
  'UNDRAINED_STOP',
  'RPC_INCOMPATIBLE',
  'COMPUTE_NEWER_THAN_CONTROL',
  'SERVICE_TOO_OLD',
  'SCHEMA_MISMATCH',
  'ONLINE_MIGRATIONS_PENDING',
  'ORDER',
  'SCHEDULING_ON_STOPPED',
  'LIVE_MIGRATION_INCOMPATIBLE',
  'STALE_VERSION_CAP',
  'SHARED_DATABASE',
  'NO_ACTIVE_SERVICE',
  'INCOMPLETE_UPGRADE',
] as const;
export type InvariantCode = (typeof INVARIANT_CODES)[number];

export type Severity = 'error' | 'warning';

/** A fact's origin, as the catalogue records it. */
export interface SourceRef {
  id: string;
  url: string;
  note?: string;
}

export interface Violation {
  /** Top-level step number (1-based); 0 for the plan as a whole (e.g. UPGRADE_PATH). */
  step: number;
  /** Step id ("3" or "3.2" inside a parallel group). */
  stepId: string;
  stepLabel?: string;
  code: InvariantCode;
  severity: Severity;
  message: string;
  /** The nodes, services, instances, frontends or databases involved ("compute1/nova-compute"). */
  entities: string[];
  /** The rule in one sentence. */
  rule: string;
  source: SourceRef[];
  /** Where the step was written. */
  at?: { file: string; line: number; column: number };
}

export interface DowntimeWindow {
  /** The API frontend / service, or the instance name. */
  subject: string;
  fromStep: number;
  toStep: number;
  seconds: number;
}

export interface Downtime {
  api: {
    /** Steps during which at least one API was unavailable. */
    steps: number;
    seconds: number;
    /** Per API service (e.g. "nova-api"): steps and seconds unavailable. */
    byService: Record<string, { steps: number; seconds: number }>;
  };
  instances: {
    /** Instances that were down at least once. */
    affected: number;
    /** Sum over instances of seconds down. */
    instanceSeconds: number;
    /** Longest single instance outage, in seconds. */
    maxSeconds: number;
  };
  /** The plan's estimated total duration, in seconds. */
  totalSeconds: number;
}

/** One service instance on one node, as it stands after a step (for timelines). */
export interface ServiceView {
  node: string;
  service: ServiceName;
  status: 'running' | 'stopped' | 'failed' | 'absent';
  installed: ReleaseName;
  /** Release of the code in memory, when running. */
  running?: ReleaseName;
  enabled?: boolean;
  /** The compute RPC version cap this service sends with, when it talks to computes. */
  computeCap?: string;
}

export interface FrontendView {
  name: string;
  service: ServiceName;
  backends: { node: string; state: 'active' | 'drained' | 'down' }[];
  available: boolean;
}

export interface StepRecord {
  step: number;
  stepId: string;
  label?: string;
  verb: string;
  /** Short human summary of what the step did ("upgrade nova-compute on compute1"). */
  summary: string;
  startSeconds: number;
  durationSeconds: number;
  services: ServiceView[];
  frontends: FrontendView[];
  /** APIs (by service) unavailable during this step. */
  apisDown: string[];
  instancesDown: string[];
  /** Codes violated at this step. */
  codes: InvariantCode[];
}

export type Verdict = 'pass' | 'fail';

export interface CheckResult {
  /** Schema version of this object (bumped on incompatible change). */
  schemaVersion: 1;
  plan: { name: string; file: string; from: ReleaseName; to: ReleaseName };
  verdict: Verdict;
  violations: Violation[];
  downtime: Downtime;
  /** Present when requested: the state after every step (step 0 = initial state). */
  timeline?: StepRecord[];
}
