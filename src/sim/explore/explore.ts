/**
 * `explore`: search orderings, faults and timings of a plan with fast-check for a run that breaks
 * something the straight check does not, and shrink it to the smallest such run. Deterministic
 * for a seed. The outcome is data: ok, or a counterexample with its seed, path and replay file.
 */
import fc from 'fast-check';
import type { Plan } from '../../scenarios/plan.ts';
import type { Violation } from '../result.ts';
import { scheduleArb } from './arbitrary.ts';
import { buildRun, planShape, type AppliedFault, type PlanShape } from './build.ts';
import type { BudgetBreach, Budgets } from './budget.ts';
import type { Coverage } from './coverage.ts';
import type { FaultKind } from './faults.ts';
import { baseline, judge, type Baseline } from './judge.ts';
import { sameSequence, toReplay, type ReplayFile } from './replay.ts';
import type { Schedule } from './schedule.ts';
import { simplifyOrders } from './simplify.ts';
import { traceOf, type TraceLine } from './trace.ts';

export interface ExploreOptions {
  runs: number;
  seed: number;
  faults: readonly FaultKind[];
  /** At most this many faults in one run (default 3). */
  maxFaults?: number;
  coverage?: Coverage;
  /** Downtime budgets that slow steps (and faults) must not push the plan over. */
  budgets?: Budgets;
  /** Called after every simulated run (shrinking included), for a progress bar. */
  onRun?: (done: number, phase: 'search' | 'shrink') => void;
}

export interface Counterexample {
  /** The errors the plan's straight check does not have, in the order they happened. */
  violations: Violation[];
  /** Downtime budgets the run goes over (the written order keeps them). */
  over: BudgetBreach[];
  /** The steps that matter, in run order: reordered groups, injected faults, the failing step. */
  trace: TraceLine[];
  faults: AppliedFault[];
  schedule: Schedule;
}

interface Common {
  plan: { name: string; file: string };
  seed: number;
  faults: FaultKind[];
  /** The straight check's verdict, error count (what "new" is measured against) and downtime. */
  baseline: { verdict: 'pass' | 'fail'; errors: number; apiSeconds: number; instanceSeconds: number };
  /** The worst downtime the explored runs reached (what a budget would have to allow). */
  worst: { apiSeconds: number; instanceSeconds: number };
  elapsedMs: number;
}

export type ExploreResult =
  | (Common & { status: 'ok'; runs: number })
  | (Common & { status: 'counterexample'; runs: number; shrinks: number; path: string; counterexample: Counterexample; replay: ReplayFile })
  /** A replay whose plan no longer produces the recorded sequence. */
  | (Common & { status: 'stale-replay'; message: string });

function common(plan: Plan, seed: number, faults: readonly FaultKind[], b: Baseline, started: number, worst: Common['worst']): Common {
  const d = b.result.downtime;
  return {
    plan: { name: plan.name, file: plan.file },
    seed,
    faults: [...faults],
    baseline: { verdict: b.result.verdict, errors: b.errors.length, apiSeconds: d.api.seconds, instanceSeconds: d.instances.maxSeconds },
    worst,
    elapsedMs: Math.round(performance.now() - started),
  };
}

export function explore(plan: Plan, options: ExploreOptions): ExploreResult {
  const started = performance.now();
  const shape = planShape(plan);
  const b = baseline(plan, options.budgets);
  const maxFaults = options.maxFaults ?? 3;
  let done = 0;
  let shrinking = false;
  const worst = { apiSeconds: b.result.downtime.api.seconds, instanceSeconds: b.result.downtime.instances.maxSeconds };
  const property = fc.property(scheduleArb(shape, options.faults, maxFaults), (schedule) => {
    const run = buildRun(plan, shape, schedule, options.coverage);
    const out = judge(plan, b, run);
    worst.apiSeconds = Math.max(worst.apiSeconds, out.result.downtime.api.seconds);
    worst.instanceSeconds = Math.max(worst.instanceSeconds, out.result.downtime.instances.maxSeconds);
    options.onRun?.(++done, shrinking ? 'shrink' : 'search');
    const broken = out.fresh.length > 0 || out.over.length > 0;
    if (broken) shrinking = true;
    return !broken;
  });
  const details = fc.check(property, { numRuns: options.runs, seed: options.seed, verbose: fc.VerbosityLevel.None });
  const base = common(plan, options.seed, options.faults, b, started, worst);
  if (!details.failed || !details.counterexample) return { ...base, status: 'ok', runs: details.numRuns };
  const schedule = simplifyOrders(shape, details.counterexample[0], (candidate) => {
    const out = judge(plan, b, buildRun(plan, shape, candidate));
    options.onRun?.(++done, 'shrink');
    return out.fresh.length > 0 || out.over.length > 0;
  });
  const path = details.counterexamplePath ?? '';
  const { counterexample, replay } = describe(plan, shape, b, schedule, options, path);
  return { ...base, status: 'counterexample', runs: details.numRuns, shrinks: details.numShrinks, path, counterexample, replay };
}

function describe(plan: Plan, shape: PlanShape, b: Baseline, schedule: Schedule, options: Pick<ExploreOptions, 'seed' | 'faults' | 'budgets'>, path: string) {
  const run = buildRun(plan, shape, schedule);
  const out = judge(plan, b, run);
  const counterexample: Counterexample = {
    violations: out.fresh,
    over: out.over,
    trace: traceOf(shape, run, out.fresh),
    faults: run.faults,
    schedule,
  };
  const worst = { apiSeconds: out.result.downtime.api.seconds, instanceSeconds: out.result.downtime.instances.maxSeconds };
  return { counterexample, replay: toReplay(plan, options.seed, path, options.faults, schedule, run, options.budgets), broken: out.fresh.length > 0 || out.over.length > 0, worst };
}

/** Re-run exactly the run a replay file records. */
export function replayExplore(plan: Plan, replay: ReplayFile): ExploreResult {
  const started = performance.now();
  const shape = planShape(plan);
  const b = baseline(plan, replay.budgets);
  const run = buildRun(plan, shape, replay.schedule);
  if (!sameSequence(replay, run)) {
    const none = { apiSeconds: 0, instanceSeconds: 0 };
    return { ...common(plan, replay.seed, replay.faults, b, started, none), status: 'stale-replay', message: 'the plan no longer produces the recorded sequence of steps (was it edited since?)' };
  }
  const { counterexample, broken, worst } = describe(plan, shape, b, replay.schedule, replay, replay.path);
  const base = common(plan, replay.seed, replay.faults, b, started, worst);
  if (!broken) return { ...base, status: 'ok', runs: 1 };
  return { ...base, status: 'counterexample', runs: 1, shrinks: 0, path: replay.path, counterexample, replay };
}
