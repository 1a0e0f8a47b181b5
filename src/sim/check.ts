/**
 * `checkPlan`: simulate a plan step by step over the models and check every invariant after every
 * step. Conditions of the state (an incompatible version mix, a schema mismatch) are reported once,
 * at the step where they appear; events (an undrained stop, a refused start) at every step they happen.
 */
import type { NodeName, Plan, ServiceName, Step } from '../scenarios/plan.ts';
import { applyStep } from './apply/index.ts';
import { apiAvailableIn, apiServices } from './availability.ts';
import { stepDuration } from './durations.ts';
import { finding, listNames, type Finding } from './finding.ts';
import { pathFindings } from './hops.ts';
import { CensusIndex, finalInvariants, stateInvariants } from './invariants/index.ts';
import { together } from './together.ts';
import { touchedNodes } from './touched.ts';
import { apiDowntimeAllowed, instanceDowntimeAllowed } from './policy.ts';
import type { CheckResult, Downtime, StepRecord, Violation } from './result.ts';
import { writtenOrder, type LeafStep } from './sequence.ts';
import { startService } from './start.ts';
import { timelineRecord } from './timeline.ts';
import { bootWorld, createWorld, type World } from './world.ts';

export interface CheckOptions {
  /** Record the state after every step (for reports). */
  timeline?: boolean;
  /** Run these leaf steps instead of the written order (exploration). */
  sequence?: LeafStep[];
  /** Stop at the first error (exploration only needs one). */
  stopAtFirstError?: boolean;
}

const PLAN_STEP: Pick<Violation, 'step' | 'stepId'> = { step: 0, stepId: '0' };

export function checkPlan(plan: Plan, options: CheckOptions = {}): CheckResult {
  const world = createWorld(plan);
  bootWorld(world, (node, service) => startService(world, node, service, [], { initial: true }));
  const violations: Violation[] = [];
  const timeline: StepRecord[] = [];
  /** At a leaf; without one, in the initial state, or (`wide`) about the plan as a whole. */
  const place = (f: Finding, leaf?: LeafStep, wide = false): Violation => {
    const { key: _key, ...rest } = f;
    const v: Violation = leaf
      ? { step: leaf.step.number, stepId: leaf.injected ? `${leaf.step.id}${leaf.injected}` : leaf.step.id, ...(leaf.step.label ? { stepLabel: leaf.step.label } : {}), ...rest, ...(leaf.step.at ? { at: leaf.step.at } : {}) }
      : { ...PLAN_STEP, ...(wide ? {} : { stepLabel: 'initial state' }), ...rest };
    violations.push(v);
    return v;
  };

  for (const f of pathFindings(plan)) place(f, undefined, true);

  // State conditions persist: report a key when it appears. Their keys follow from the census's
  // shape and the schemas, so while those stay the same there is nothing new to report.
  const census = new CensusIndex(world);
  let active = new Set<string>();
  let lastShape: string | undefined;
  const reportState = (leaf?: LeafStep) => {
    const shape = census.census().shape + schemaShape(world);
    if (shape === lastShape) return;
    lastShape = shape;
    const now = new Set<string>();
    for (const f of stateInvariants(world, census.census())) {
      const key = f.key ?? `${f.code}|${f.message}`;
      now.add(key);
      if (!active.has(key)) place(f, leaf);
    }
    active = now;
  };
  reportState();
  if (options.timeline) timeline.push(timelineRecord(world, undefined, 0, 0, [], [], []));

  const api = new Downtimes();
  const inst = new Downtimes();
  let clock = 0;
  const sequence = options.sequence ?? writtenOrder(plan);
  let i = 0;
  while (i < sequence.length) {
    // One top-level step (a parallel group is several leaves) at a time.
    const top = sequence[i]!.top;
    const bouncing = together(top);
    const duration = stepDuration(top, plan.durations);
    const apisDown = new Set<ServiceName>(downApis(world, census));
    const instancesDown = new Set<string>();
    for (; i < sequence.length && sequence[i]!.top === top; i++) {
      const leaf = sequence[i]!;
      const before = violations.length;
      const effects = applyStep(world, leaf.step, bouncing);
      const touched = touchedNodes(leaf.step.action);
      census.update(world, touched);
      for (const f of effects.findings) place(f, leaf);
      // Drains and instance moves leave services and schemas as they were: the state conditions stand.
      if (touched === 'all' || touched.length > 0 || leaf.step.action.verb === 'db') reportState(leaf);
      const downNow = [...downApis(world, census), ...effects.transientApiDown];
      for (const s of downNow) {
        if (!apisDown.has(s) && !api.isOpen(s) && !apiDowntimeAllowed(plan.policy, s)) {
          const atOnce = effects.transientApiDown.has(s) && (bouncing.restarts.get(s)?.size ?? 0) + bouncing.reboots.size > 1
            ? ' while the steps of this parallel group, which may run at once, take its backends down together' : '';
          api.attach(s, place(finding('API_DOWNTIME', `${s} is unavailable: no running backend ${world.frontends.size ? 'in rotation ' : ''}answers${atOnce}`,
            [s], 'Keep one backend of every API running and in rotation, or accept API downtime in the policy.', []), leaf));
        }
        apisDown.add(s);
      }
      const newlyDown = [...effects.instancesDown].filter((x) => !instancesDown.has(x));
      if (newlyDown.length > 0 && !instanceDowntimeAllowed(plan.policy)) {
        place(finding('INSTANCE_DOWNTIME', `${newlyDown.length} instance(s) stop during this step: ${listNames(newlyDown)}`,
          newlyDown.map((x) => `instance:${x}`), 'Instances keep running through the upgrade: live-migrate them, or accept instance downtime in the policy.', []), leaf);
      }
      for (const x of newlyDown) instancesDown.add(x);
      if (options.timeline) {
        const codes = violations.slice(before).map((v) => v.code);
        timeline.push(timelineRecord(world, leaf, clock, duration, [...apisDown], [...instancesDown], codes));
      }
      if (options.stopAtFirstError && violations.some((v) => v.severity === 'error')) break;
    }
    api.step(apisDown, top.number, duration);
    inst.step(instancesDown, top.number, duration);
    clock += duration;
    if (options.stopAtFirstError && violations.some((v) => v.severity === 'error')) break;
  }
  for (const f of finalInvariants(world)) {
    const last = sequence[sequence.length - 1];
    place(f, last);
  }
  api.close();
  inst.close();

  const downtime: Downtime = {
    api: { steps: api.stepsAny, seconds: api.secondsAny, byService: api.bySubject() },
    instances: { affected: inst.subjects(), instanceSeconds: inst.totalSeconds(), maxSeconds: inst.maxWindow() },
    totalSeconds: clock,
  };
  return {
    schemaVersion: 1,
    plan: { name: plan.name, file: plan.file, from: plan.from, to: plan.to },
    verdict: violations.some((v) => v.severity === 'error') ? 'fail' : 'pass',
    violations,
    downtime,
    ...(options.timeline ? { timeline } : {}),
  };
}

function schemaShape(world: World): string {
  let out = '';
  for (const [key, s] of world.schemas) out += `|${key}:${String(s.value)}:${s.context.level}:${s.context.expandedTo ?? ''}`;
  return out;
}

function downApis(world: World, census: CensusIndex): ServiceName[] {
  const c = census.census();
  return apiServices(c.present).filter((s) => !apiAvailableIn(world, c, s));
}

/** Downtime windows per subject (an API service or an instance), in steps and seconds. */
class Downtimes {
  private open = new Map<string, { from: number; seconds: number; steps: number; violation?: Violation }>();
  private totals = new Map<string, { steps: number; seconds: number; max: number }>();
  stepsAny = 0;
  secondsAny = 0;

  isOpen(subject: string): boolean {
    return this.open.has(subject);
  }

  attach(subject: string, v: Violation): void {
    this.open.set(subject, { from: v.step, seconds: 0, steps: 0, violation: v });
  }

  step(down: Set<string>, stepNumber: number, seconds: number): void {
    if (down.size > 0) {
      this.stepsAny += 1;
      this.secondsAny += seconds;
    }
    for (const s of down) {
      const w = this.open.get(s) ?? { from: stepNumber, seconds: 0, steps: 0 };
      w.seconds += seconds;
      w.steps += 1;
      this.open.set(s, w);
    }
    for (const [s, w] of this.open) if (!down.has(s) && w.steps > 0) this.finish(s, w, stepNumber - 1);
  }

  close(): void {
    for (const [s, w] of this.open) this.finish(s, w, w.from + w.steps - 1);
  }

  private finish(subject: string, w: { from: number; seconds: number; steps: number; violation?: Violation }, to: number): void {
    this.open.delete(subject);
    const t = this.totals.get(subject) ?? { steps: 0, seconds: 0, max: 0 };
    t.steps += w.steps;
    t.seconds += w.seconds;
    t.max = Math.max(t.max, w.seconds);
    this.totals.set(subject, t);
    if (w.violation) w.violation.message += ` (${w.from === to ? `step ${to}` : `steps ${w.from}–${to}`}, about ${w.seconds} s)`;
  }

  bySubject(): Record<string, { steps: number; seconds: number }> {
    return Object.fromEntries([...this.totals].map(([s, t]) => [s, { steps: t.steps, seconds: t.seconds }]));
  }
  subjects(): number {
    return this.totals.size;
  }
  totalSeconds(): number {
    let n = 0;
    for (const t of this.totals.values()) n += t.seconds;
    return n;
  }
  maxWindow(): number {
    let m = 0;
    for (const t of this.totals.values()) m = Math.max(m, t.max);
    return m;
  }
}

export type { NodeName, Step };
