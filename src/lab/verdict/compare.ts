/**
 * Predicted vs observed, per step. Three aspects are observable in the lab and compared:
 * whether the compute API failed requests, which services refused to start, and whether real
 * boots failed. A code the lab cannot observe directly (a stale cap, an incomplete upgrade) is
 * reported as predicted, never as agreed or disagreed.
 */
import type { CheckResult, InvariantCode, StepRecord } from '../../sim/result.ts';
import type { AspectVerdict, Finding, Observed, Predicted, StepReport } from '../report.ts';

const API_BREAKERS: readonly InvariantCode[] = ['UNDRAINED_STOP', 'API_DOWNTIME'];
const NEEDED_FOR_BOOT = ['nova-api', 'nova-conductor', 'nova-scheduler'] as const;

/**
 * What the simulator's timeline says about step `stepId`, relative to the state before it.
 * Conditions are reported once, where they appear; an RPC incompatibility with a compute
 * therefore still counts at later steps while that compute runs the same release.
 */
export function predictedFor(check: CheckResult, stepId: string): Predicted | null {
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
  };
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
  ];
}

/** Each aspect that disagrees, as a finding that quotes the evidence. */
export function findingsOf(step: StepReport): Finding[] {
  return step.aspects.filter((a) => !a.agree).map((a) => ({
    stepId: step.stepId,
    aspect: a.aspect,
    message: `step ${step.stepId} (${step.summary}): predicted ${a.predicted}, observed ${a.observed}`,
    evidence: [
      ...step.observed.evidence.map((e) => `${e.entity}: ${e.line}`),
      ...step.observed.starts.filter((s) => !s.readiness.ok).map((s) => `${s.entity}: ${s.readiness.ok ? '' : s.readiness.reason}`),
      ...(step.predicted?.messages ?? []),
    ].slice(0, 12),
  }));
}
