/**
 * Predicted vs observed, per step. Four aspects are observable in the lab and compared:
 * whether the compute API failed requests, which services refused to start, whether real
 * boots failed, and which compute RPC pins nova chose under `auto` (see pins.ts). A code the lab cannot observe directly (a stale cap, an incomplete upgrade) is
 * reported as predicted, never as agreed or disagreed.
 */
import type { Plan } from '../../scenarios/plan.ts';
import type { CheckResult, InvariantCode, StepRecord } from '../../sim/result.ts';
import { writtenOrder } from '../../sim/sequence.ts';
import type { AspectVerdict, Finding, Observed, Predicted, StepReport } from '../report.ts';
import { allowPins, pinDisagreement, type PinState } from './pins.ts';

const API_BREAKERS: readonly InvariantCode[] = ['UNDRAINED_STOP', 'API_DOWNTIME'];
const NEEDED_FOR_BOOT = ['nova-api', 'nova-conductor', 'nova-scheduler'] as const;

/**
 * What the simulator's timeline says about step `stepId`, relative to the state before it.
 * Conditions are reported once, where they appear; an RPC incompatibility with a compute
 * therefore still counts at later steps while that compute runs the same release.
 */
export interface PredictionInputs {
  /** The plan, for what its steps ask of instances (migrations). */
  plan?: Plan;
  /** Pin states per timeline record (pinStates), for the pins aspect. */
  pins?: ReadonlyMap<string, PinState[]>;
}

export function predictedFor(check: CheckResult, stepId: string, inputs: PredictionInputs = {}): Predicted | null {
  const { plan, pins } = inputs;
  const timeline = check.timeline ?? [];
  // A parallel group is recorded leaf by leaf ("3.1", "3.2"): it is judged by its last leaf.
  const mine = timeline.map((r, k) => ({ r, k })).filter(({ r }) => r.stepId === stepId || r.stepId.startsWith(`${stepId}.`));
  const first = mine[0];
  const last = mine[mine.length - 1];
  if (!first || !last) return null;
  const i = last.k;
  const rec = { ...last.r, codes: [...new Set(mine.flatMap(({ r }) => r.codes))] };
  const before: StepRecord | undefined = timeline[first.k - 1];
  const failedBefore = new Set((before?.services ?? []).filter((s) => s.status === 'failed').map((s) => `${s.node}/${s.service}`));
  const refusals = rec.services.filter((s) => s.status === 'failed' && !failedBefore.has(`${s.node}/${s.service}`)).map((s) => `${s.node}/${s.service}`);
  const running = (svc: string) => rec.services.some((s) => s.service === svc && s.status === 'running');
  const controlDown = NEEDED_FOR_BOOT.some((s) => !running(s)) || rec.codes.includes('NO_ACTIVE_SERVICE');
  const bootFails: Record<string, boolean> = {};
  for (const c of rec.services.filter((s) => s.service === 'nova-compute')) {
    bootFails[c.node] = controlDown || c.status !== 'running' || rpcIncompatible(check, timeline.slice(0, i + 1), c.node, c.running);
  }
  return {
    codes: rec.codes,
    messages: check.violations.filter((v) => v.stepId === stepId || v.stepId.startsWith(`${stepId}.`)).map((v) => `${v.code}: ${v.message}`),
    apiDown: rec.apisDown.includes('nova-api') || rec.codes.some((c) => API_BREAKERS.includes(c)),
    refusals,
    bootFails,
    instancesDown: [...new Set(mine.flatMap(({ r }) => r.instancesDown))].sort(),
    moves: movesOf(check, plan, mine.map(({ r }) => r.stepId)),
    ...(pins ? { pins: allowPins([before, ...mine.map(({ r }) => r)].map((r) => (r ? (pins.get(r.stepId) ?? []) : []))) } : {}),
  };
}

/** The migrations among these leaf steps, and whether the model has each fail (its finding names the instance). */
function movesOf(check: CheckResult, plan: Plan | undefined, leafIds: string[]): Predicted['moves'] {
  const leaves = new Set(leafIds);
  const moves: Predicted['moves'] = [];
  for (const { step } of plan ? writtenOrder(plan) : []) {
    const a = step.action;
    if (!leaves.has(step.id) || (a.verb !== 'live-migrate' && a.verb !== 'cold-migrate')) continue;
    moves.push({
      instance: a.instance, to: a.to,
      fails: check.violations.some((v) => v.stepId === step.id && (v.code === 'LIVE_MIGRATION_INCOMPATIBLE' || v.code === 'RPC_INCOMPATIBLE') && v.entities.includes(`instance:${a.instance}`)),
    });
  }
  return moves;
}

/** An RPC_INCOMPATIBLE finding names this compute at or before this step, on the release it still runs. */
function rpcIncompatible(check: CheckResult, upTo: StepRecord[], host: string, running: string | undefined): boolean {
  const ids = new Set(upTo.map((r) => r.stepId));
  return check.violations.some((v) => v.code === 'RPC_INCOMPATIBLE' && ids.has(v.stepId) &&
    v.entities.includes(`${host}/nova-compute`) &&
    upTo.find((r) => r.stepId === v.stepId)?.services.find((s) => s.node === host && s.service === 'nova-compute')?.running === running);
}

export function compareStep(predicted: Predicted | null, observed: Observed): AspectVerdict[] {
  if (!predicted) return [];
  const apiObserved = observed.api.failures > 0;
  const refusedObserved = [...observed.refusals].sort();
  const refusedPredicted = [...predicted.refusals].sort();
  const pins = pinAspect(predicted, observed);
  const instances = instanceAspect(predicted, observed);
  return [
    {
      aspect: 'api',
      predicted: predicted.apiDown ? 'API errors' : 'API up',
      observed: apiObserved ? `${observed.api.failures}/${observed.api.requests} requests failed (${Object.entries(observed.api.errors).map(([k, n]) => `${k} ×${n}`).join(', ')})` : `${observed.api.requests} requests ok`,
      agree: predicted.apiDown === apiObserved,
    },
    {
      aspect: 'refusals',
      predicted: refusedPredicted.length ? `refused: ${refusedPredicted.join(', ')}` : 'no refusal',
      observed: refusedObserved.length ? `refused: ${refusedObserved.join(', ')}` : 'no refusal',
      agree: refusedPredicted.join() === refusedObserved.join(),
    },
    {
      aspect: 'boots',
      predicted: observed.boots.map((b) => `${b.host}: ${predicted.bootFails[b.host] ? 'fails' : 'boots'}`).join(', ') || 'no compute to boot on',
      observed: observed.boots.map((b) => `${b.host}: ${b.ok ? 'ACTIVE' : b.status} ${b.seconds} s`).join(', ') || 'no compute to boot on',
      agree: observed.boots.every((b) => (predicted.bootFails[b.host] ?? false) === !b.ok),
    },
    ...(pins ? [pins] : []),
    ...(instances ? [instances] : []),
  ];
}

/**
 * Statuses in which an instance's guest runs (or in which the API said nothing of it). Anything
 * else (RESIZE: powered off for a cold move; SHUTOFF, ERROR, REBOOT, MISSING...) is downtime.
 * Status, not power state: fake-driver power states are lost on a compute restart (LAB-NOTES).
 */
const RUNNING_STATUSES = new Set(['ACTIVE', 'MIGRATING', 'VERIFY_RESIZE', 'PASSWORD', 'UNKNOWN']);

/**
 * The plan's instances: which the model stops during the step against which left a running
 * status, and whether each migration ends where the model says. Present for steps that move an
 * instance or where either side has one down.
 */
function instanceAspect(predicted: Predicted, observed: Observed): AspectVerdict | undefined {
  const downSeen = new Map<string, Set<string>>();
  const note = (instance: string, status: string) => {
    if (!RUNNING_STATUSES.has(status)) downSeen.set(instance, (downSeen.get(instance) ?? new Set()).add(status));
  };
  for (const c of observed.instances) note(c.instance, c.status);
  for (const m of observed.moves) for (const st of m.statuses) note(m.instance, st);
  if (!predicted.moves.length && !observed.moves.length && !predicted.instancesDown.length && !downSeen.size) return undefined;
  const problems: string[] = [];
  const down = [...downSeen.keys()].sort();
  if (down.join() !== predicted.instancesDown.join()) {
    problems.push(`instances down: predicted ${predicted.instancesDown.join(', ') || 'none'}, observed ${down.join(', ') || 'none'}`);
  }
  for (const p of predicted.moves) {
    const o = observed.moves.find((m) => m.instance === p.instance && m.to === p.to);
    if (!o) problems.push(`${p.instance} → ${p.to}: not attempted by the lab`);
    else if (o.ok === p.fails) problems.push(`${p.instance} → ${p.to}: predicted ${p.fails ? 'to fail' : 'to move'}, ${o.ok ? 'moved' : `did not (${o.detail ?? o.host})`}`);
  }
  const move = (m: { instance: string; to: string }) => `${m.instance} → ${m.to}`;
  return {
    aspect: 'instances',
    predicted: [...predicted.moves.map((m) => `${move(m)} ${m.fails ? 'fails' : 'moves'}`), `down: ${predicted.instancesDown.join(', ') || 'none'}`].join('; '),
    observed: [...observed.moves.map((m) => `${move(m)} ${m.ok ? 'moved' : 'did not move'} (${m.statuses.join(' → ')})`), `down: ${down.map((i) => `${i} (${[...downSeen.get(i)!].join(', ')})`).join(', ') || 'none'}`].join('; '),
    agree: problems.length === 0,
    ...(problems.length ? { detail: problems } : {}),
  };
}

/**
 * The compute RPC pins nova logged during the step against those the model allows. Present when
 * either side has one: a sender under `auto` in the model, or a logged pin. A sender that logs
 * nothing agrees (nova picks lazily, at a process's first compute RPC, which may not come).
 */
function pinAspect(predicted: Predicted, observed: Observed): AspectVerdict | undefined {
  const allowed = predicted.pins ?? [];
  const logged = observed.evidence.filter((e) => e.kind === 'rpc-pin' && e.pin);
  const auto = allowed.filter((a) => a.auto);
  if (!auto.length && !logged.length) return undefined;
  const problems = logged.map((e) => pinDisagreement(allowed, e.entity, e.pin!)).filter((p): p is string => p !== undefined);
  const seen = new Map<string, Set<string>>();
  for (const e of logged) seen.set(e.entity, (seen.get(e.entity) ?? new Set()).add(`${e.pin!.version} (v${e.pin!.minServiceVersion})`));
  return {
    aspect: 'pins',
    predicted: auto.map((a) => `${a.entity} ${a.pins.join('|') || 'none'}`).join(', ') || 'no sender under auto',
    observed: [...seen].map(([entity, v]) => `${entity} ${[...v].join(', ')}`).join(', ') || 'no pin logged',
    agree: problems.length === 0,
    ...(problems.length ? { detail: problems } : {}),
  };
}

/** Each aspect that disagrees, as a finding that quotes the evidence. */
export function findingsOf(step: StepReport): Finding[] {
  return step.aspects.filter((a) => !a.agree).map((a) => ({
    stepId: step.stepId,
    aspect: a.aspect,
    message: `step ${step.stepId} (${step.summary}): predicted ${a.predicted}, observed ${a.observed}`,
    evidence: [
      ...(a.detail ?? []),
      ...step.observed.evidence.filter((e) => a.aspect !== 'pins' || e.kind === 'rpc-pin').map((e) => `${e.entity}: ${e.line}`),
      ...step.observed.starts.filter((s) => !s.readiness.ok).map((s) => `${s.entity}: ${s.readiness.ok ? '' : s.readiness.reason}`),
      ...(step.predicted?.messages ?? []),
    ].slice(0, 12),
  }));
}
