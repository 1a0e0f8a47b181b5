/**
 * Turn a schedule into the exact leaf sequence a run executes. A shadow world is stepped along
 * (apply only, no invariants) because faults target what exists at that moment: a RabbitMQ restart
 * takes down the computes running then, a flap hits a backend in rotation then. The shadow run is
 * also where model coverage is observed. The verdict itself comes from `checkPlan` on the result.
 */
import type { Action, NodeName, Plan, ServiceName, Step } from '../../scenarios/plan.ts';
import { applyStep } from '../apply/index.ts';
import { stepDuration } from '../durations.ts';
import type { InvariantCode } from '../result.ts';
import type { LeafStep } from '../sequence.ts';
import { startService } from '../start.ts';
import { bootWorld, createWorld, isRunning, nodeUp, type World } from '../world.ts';
import { FAULTS, type FaultKind } from './faults.ts';
import { permutation, type FaultChoice, type Schedule } from './schedule.ts';
import { eligible, LEAF_FAULTS, type PlanShape } from './shape.ts';
import { activeBackends, configures, faithfulComputes, unitsOf } from './targets.ts';

export { planShape, type PlanShape } from './shape.ts';

/** How long computes report down after a RabbitMQ restart (LAB-NOTES: about 60 s, a message timeout). */
export const RABBITMQ_DOWN_SECONDS = 60;

/** One fault as it happened: what a counterexample and a replay file show. */
export interface AppliedFault {
  kind: FaultKind;
  /** The label its injected leaves carry (`!f1.reboot`). */
  label: string;
  /** What it did, in words ("compute2 reboots before step 7"). */
  summary: string;
}

export interface BuiltRun {
  sequence: LeafStep[];
  faults: AppliedFault[];
  /** Codes excused per violation step id (`leaf.step.id + leaf.injected`). */
  excused: Map<string, Set<InvariantCode>>;
  /**
   * Units ("node/service") per violation step id whose findings are excused whatever the code: the
   * masked units a reboot starts for an instant (the core's reboot starts every unit; they are
   * stopped again at once, so nothing the plan does sees them, but the check after the reboot does).
   */
  excusedUnits: Map<string, Set<string>>;
}

/** Something that watches every leaf applied to the shadow world (coverage). */
export interface LeafObserver {
  before(world: World): void;
  after(world: World, leaf: LeafStep): void;
}

/** Faults whose targets depend on the state at that moment (the others need no shadow world). */
const STATEFUL: readonly FaultKind[] = ['reboot', 'rabbitmq', 'flap'];

export function buildRun(plan: Plan, shape: PlanShape, schedule: Schedule, observer?: LeafObserver): BuiltRun {
  // Stepping the models is the expensive part of a run: step the shadow world only as far as the
  // last fault that reads it (all the way when observed for coverage).
  let lastRead = observer !== undefined ? Infinity
    : Math.max(-1, ...schedule.faults.filter((f) => STATEFUL.includes(f.kind)).map((f) => f.at % (shape.tops.length + 1)));
  const shadow = lastRead >= 0;
  /** The top-level step being emitted. */
  let current = 0;
  const world = createWorld(plan);
  if (shadow) bootWorld(world, (node, service) => startService(world, node, service, [], { initial: true }));
  const sequence: LeafStep[] = [];
  const faults: AppliedFault[] = [];
  const excused = new Map<string, Set<InvariantCode>>();
  const excusedUnits = new Map<string, Set<string>>();
  /** Windows open now: their codes are excused at every leaf emitted. */
  const open = new Map<string, readonly InvariantCode[]>();
  /** Leaves to emit (as their own top) before top index t. */
  const later = new Map<number, { leaves: () => Action[]; label: string; kind: FaultKind; closes?: string; rerun?: LeafStep[] }[]>();
  /** RabbitMQ windows open now: the computes down, and the moves that failed for it (the operator re-runs them). */
  const rabbit = new Map<string, { down: Set<NodeName>; rerun: LeafStep[] }>();
  /** Sequence index of the last plan leaf that touched each unit (so a fault's recovery leaves the plan's work alone). */
  const touched = new Map<string, number>();
  const reportedSlow = new Set<number>();

  const emit = (leaf: LeafStep, ownCodes: readonly InvariantCode[] = []) => {
    const id = leaf.step.id + (leaf.injected ?? '');
    const codes = [...ownCodes, ...[...open.values()].flat()];
    if (codes.length > 0) {
      const set = excused.get(id) ?? new Set<InvariantCode>();
      for (const c of codes) set.add(c);
      excused.set(id, set);
    }
    if (!leaf.injected) for (const n of unitsOf(leaf.step.action)) touched.set(n, sequence.length);
    if (!leaf.injected && rabbit.size > 0) failsForRabbitMQ(leaf, id);
    if (current <= lastRead) {
      observer?.before(world);
      applyStep(world, leaf.step);
      observer?.after(world, leaf);
    }
    sequence.push(leaf);
  };
  /** A move to or from a compute the RabbitMQ restart took down fails (nova refuses it, the instance stays): excused here, re-run after the window. */
  const failsForRabbitMQ = (leaf: LeafStep, id: string) => {
    const a = leaf.step.action;
    if (a.verb !== 'live-migrate' && a.verb !== 'cold-migrate' && a.verb !== 'redeploy') return;
    const from = world.instances.get(a.instance)?.context.host;
    const ends = [from, a.to].filter((n): n is NodeName => n !== undefined);
    const stopped = (n: NodeName) => !isRunning(world.nodes.get(n)?.services.get('nova-compute'));
    for (const w of rabbit.values()) {
      if (!ends.some((n) => w.down.has(n) && stopped(n))) continue;
      const set = excused.get(id) ?? new Set<InvariantCode>();
      set.add('LIVE_MIGRATION_INCOMPATIBLE');
      set.add('RPC_INCOMPATIBLE');
      excused.set(id, set);
      w.rerun.push(leaf);
      return;
    }
  };
  /** Injected leaves before top index t are numbered as step t + 1 (the last step at the end). */
  const injectedId = (t: number) => String(Math.min(t + 1, shape.tops.length));
  const injectedTop = (t: number, label: string, action: Action, seconds: number): Step => ({
    id: injectedId(t), number: Math.min(t + 1, Math.max(1, shape.tops.length)),
    label: `fault ${label}`, action, durationSeconds: seconds,
  });
  const emitOwn = (t: number, label: string, kind: FaultKind, actions: Action[], seconds: number, own: boolean) => {
    if (actions.length === 0) return;
    const top = injectedTop(t, label, actions[0]!, seconds);
    for (const action of actions) emit({ step: { ...top, action }, top, injected: label }, own ? FAULTS[kind].excused : []);
  };

  // Leaf faults, by the written-order leaf they hit.
  const leafFaults = new Map<LeafStep, { choice: FaultChoice; index: number }[]>();
  const all = shape.leaves.flat();
  schedule.faults.forEach((choice, index) => {
    if (!LEAF_FAULTS.includes(choice.kind)) return;
    const pool = all.filter((l) => eligible(choice.kind, l));
    if (pool.length === 0) return;
    const leaf = pool[choice.at % pool.length]!;
    leafFaults.set(leaf, [...(leafFaults.get(leaf) ?? []), { choice, index }]);
  });
  const boundary = (t: number) => schedule.faults.map((choice, index) => ({ choice, index })).filter(({ choice }) =>
    !LEAF_FAULTS.includes(choice.kind) && choice.at % (shape.tops.length + 1) === t);
  const slow = new Map<number, number>();
  for (const f of schedule.faults) {
    const t = f.at % (shape.tops.length + 1);
    if (f.kind === 'slow' && t < shape.tops.length) slow.set(t, Math.max(slow.get(t) ?? 1, 2 + (f.delay % 4)));
  }

  const duration = (t: number) => {
    const top = shape.tops[t];
    return top ? stepDuration(top, plan.durations) * (slow.get(t) ?? 1) : 0;
  };

  for (let t = 0; t <= shape.tops.length; t++) {
    current = t;
    for (const due of later.get(t) ?? []) {
      emitOwn(t, due.label, due.kind, due.leaves(), 0, true);
      if (due.closes) {
        open.delete(due.closes);
        rabbit.delete(due.closes);
      }
      for (const leaf of due.rerun ?? []) {
        const top = injectedTop(t, `${due.closes}-rerun`, leaf.step.action, stepDuration(leaf.step, plan.durations));
        emit({ step: { ...top, id: leaf.step.id, ...(leaf.step.label ? { label: leaf.step.label } : {}) }, top, injected: `${due.closes}-rerun` });
      }
    }
    for (const { choice, index } of boundary(t)) {
      const label = `!f${index + 1}.${choice.kind}`;
      if (choice.kind === 'reboot') {
        const nodes = [...world.nodes.values()].filter(nodeUp);
        const n = nodes[choice.pick % Math.max(1, nodes.length)];
        if (!n) continue;
        // Units the plan stopped are taken as masked: they stay down after the reboot.
        const masked = [...n.services].filter(([, snap]) => !isRunning(snap)).map(([svc]) => svc);
        if (masked.length > 0) excusedUnits.set(`${injectedId(t)}${label}`, new Set(masked.map((svc) => `${n.name}/${svc}`)));
        const actions: Action[] = [{ verb: 'reboot', node: n.name }];
        if (masked.length > 0) actions.push({ verb: 'stop', node: n.name, services: masked });
        emitOwn(t, label, 'reboot', actions, stepDuration({ id: '', number: 0, action: actions[0]! }, plan.durations), true);
        faults.push({ kind: 'reboot', label, summary: `${n.name} reboots unexpectedly before step ${t + 1}` });
      } else if (choice.kind === 'rabbitmq') {
        const down = faithfulComputes(world);
        if (down.length === 0) continue;
        // The window spans the steps that fit in about 60 s, but closes before a config change to a
        // down compute: a real compute reconnects without re-reading its config, a start would.
        let end = t;
        for (let s = 0; s < RABBITMQ_DOWN_SECONDS && end < shape.tops.length && !configures(shape.leaves[end]!, down); end++) s += duration(end);
        open.set(label, FAULTS.rabbitmq.excused);
        emitOwn(t, `${label}-down`, 'rabbitmq', down.map((node) => ({ verb: 'stop', node, services: ['nova-compute' as ServiceName] })), 0, true);
        const since = sequence.length;
        // Computes the plan itself worked on meanwhile are the plan's again: only the others reconnect.
        const up = () => down.filter((node) => Math.max(touched.get(`${node}/nova-compute`) ?? -1, touched.get(`${node}/*`) ?? -1) < since)
          .map((node): Action => ({ verb: 'start', node, services: ['nova-compute' as ServiceName] }));
        const window = { down: new Set(down), rerun: [] as LeafStep[] };
        const recovery = { leaves: up, label: `${label}-up`, kind: 'rabbitmq' as const, closes: label, rerun: window.rerun };
        if (end === t) {
          emitOwn(t, recovery.label, 'rabbitmq', up(), 0, true);
          open.delete(label);
        } else {
          rabbit.set(label, window);
          // The shadow world must follow the window to tell which moves fail in it.
          lastRead = Math.max(lastRead, end);
          later.set(end, [...(later.get(end) ?? []), recovery]);
        }
        faults.push({ kind: 'rabbitmq', label, summary: `RabbitMQ restarts before step ${t + 1}: ${down.length} compute(s) report down until before step ${end + 1}` });
      } else if (choice.kind === 'flap') {
        const active = activeBackends(world);
        const b = active[choice.pick % Math.max(1, active.length)];
        if (!b) continue;
        emitOwn(t, label, 'flap', [{ verb: 'drain', frontend: b.frontend, node: b.node }, { verb: 'undrain', frontend: b.frontend, node: b.node }] as Action[], 0, true);
        faults.push({ kind: 'flap', label, summary: `haproxy backend ${b.node} of ${b.frontend} flaps before step ${t + 1}` });
      } else if (choice.kind === 'slow' && slow.has(t) && !reportedSlow.has(t)) {
        reportedSlow.add(t);
        faults.push({ kind: 'slow', label, summary: `step ${t + 1} takes ${slow.get(t)}× its estimate (${duration(t)} s)` });
      }
    }
    if (t === shape.tops.length) break;
    const factor = slow.get(t) ?? 1;
    const original = shape.tops[t]!;
    const top: Step = factor === 1 ? original : { ...original, durationSeconds: stepDuration(original, plan.durations) * factor };
    const gi = shape.groups.indexOf(t);
    const leaves = shape.leaves[t]!;
    const order = gi >= 0 ? permutation(leaves.length, schedule.orders[gi]) : leaves.map((_, i) => i);
    for (const k of order) {
      const written = leaves[k]!;
      const leaf: LeafStep = top === original ? written : { ...written, top };
      const hits = leafFaults.get(written) ?? [];
      const fail = hits.find((h) => h.choice.kind === 'start-fail');
      if (fail) {
        const label = `!f${fail.index + 1}.start-fail`;
        const a = written.step.action as Extract<Action, { verb: 'start' | 'restart' }>;
        const retryAt = Math.min(shape.tops.length, t + 1 + (fail.choice.delay % 3));
        open.set(label, FAULTS['start-fail'].excused);
        if (a.verb === 'restart') emit({ step: { ...written.step, action: { verb: 'stop', node: a.node, services: a.services } }, top, injected: label });
        const due = later.get(retryAt) ?? [];
        due.push({ leaves: () => [{ verb: 'start', node: a.node, services: a.services }], label: `${label}-retry`, kind: 'start-fail', closes: label });
        later.set(retryAt, due);
        faults.push({ kind: 'start-fail', label, summary: `${a.services.join(', ')} on ${a.node} fails to start at step ${written.step.id}; retried before step ${retryAt + 1}` });
      } else {
        emit(leaf);
      }
      for (const h of hits) {
        if (h.choice.kind === 'start-fail') continue;
        const label = `!f${h.index + 1}.${h.choice.kind}`;
        emit({ step: written.step, top, injected: label }, FAULTS[h.choice.kind].excused);
        faults.push({ kind: h.choice.kind, label, summary: h.choice.kind === 'retry'
          ? `step ${written.step.id} is run again after it reported failure`
          : `step ${written.step.id} (db) is interrupted and re-run` });
      }
    }
  }
  return { sequence, faults, excused, excusedUnits };
}
