/**
 * The replay file: enough to re-run one exploration path exactly, without fast-check. It keeps
 * the seed and fast-check path (to resume the search), the schedule (to rebuild the run), and the
 * resolved sequence of leaf ids and injected actions (to check that the plan has not changed).
 */
import type { Action, Plan } from '../../scenarios/plan.ts';
import { FAULT_KINDS, type FaultKind } from './faults.ts';
import type { AppliedFault, BuiltRun } from './build.ts';
import type { Budgets } from './budget.ts';
import type { Schedule } from './schedule.ts';

export const REPLAY_VERSION = 1;

export interface ReplayLeaf {
  /** The plan step id ("3.2"). */
  step: string;
  /** The fault label, for injected leaves. */
  injected?: string;
  /** The injected action (a plan leaf's action is the plan's). */
  action?: Action;
}

export interface ReplayFile {
  preflightExplore: typeof REPLAY_VERSION;
  plan: { name: string; file: string };
  seed: number;
  /** fast-check's replay path: `fc.check(..., { seed, path })` reaches its counterexample (before simplify.ts's last pass; the schedule is the final one). */
  path: string;
  faults: FaultKind[];
  /** The downtime budgets the run was judged against, if any. */
  budgets?: Budgets;
  schedule: Schedule;
  sequence: ReplayLeaf[];
  applied: AppliedFault[];
}

export function toReplay(plan: Plan, seed: number, path: string, faults: readonly FaultKind[], schedule: Schedule, run: BuiltRun, budgets?: Budgets): ReplayFile {
  return {
    preflightExplore: REPLAY_VERSION,
    plan: { name: plan.name, file: plan.file },
    seed,
    path,
    faults: [...faults],
    ...(budgets && Object.keys(budgets).length > 0 ? { budgets } : {}),
    schedule,
    sequence: run.sequence.map((l) => (l.injected ? { step: l.step.id, injected: l.injected, action: l.step.action } : { step: l.step.id })),
    applied: run.faults,
  };
}

/** Validate a parsed JSON value as a replay file; the message says what is wrong. */
export function readReplay(value: unknown): { ok: true; replay: ReplayFile } | { ok: false; message: string } {
  if (typeof value !== 'object' || value === null) return { ok: false, message: 'not a JSON object' };
  const r = value as Partial<ReplayFile>;
  if (r.preflightExplore !== REPLAY_VERSION) return { ok: false, message: `not a preflight explore replay file (version ${REPLAY_VERSION})` };
  if (typeof r.seed !== 'number' || typeof r.path !== 'string') return { ok: false, message: 'seed and path are required' };
  const s = r.schedule;
  if (!s || !Array.isArray(s.orders) || !Array.isArray(s.faults)) return { ok: false, message: 'schedule is missing or malformed' };
  for (const f of s.faults) {
    if (!(FAULT_KINDS as readonly string[]).includes(f.kind) || ![f.at, f.pick, f.delay].every((n) => Number.isInteger(n) && n >= 0)) {
      return { ok: false, message: `schedule has a malformed fault: ${JSON.stringify(f)}` };
    }
  }
  if (!Array.isArray(r.sequence)) return { ok: false, message: 'sequence is missing' };
  if (r.budgets !== undefined && (typeof r.budgets !== 'object' || r.budgets === null
    || !Object.values(r.budgets).every((n) => typeof n === 'number' && n >= 0))) return { ok: false, message: 'budgets must be numbers of seconds' };
  return { ok: true, replay: r as ReplayFile };
}

/** Does the rebuilt run execute exactly the recorded sequence? (It does not when the plan changed.) */
export function sameSequence(replay: ReplayFile, run: BuiltRun): boolean {
  if (replay.sequence.length !== run.sequence.length) return false;
  return run.sequence.every((l, i) => {
    const r = replay.sequence[i]!;
    return r.step === l.step.id && (r.injected ?? undefined) === (l.injected ?? undefined)
      && (!l.injected || JSON.stringify(r.action) === JSON.stringify(l.step.action));
  });
}
