/**
 * `runLab`: the whole experiment for one plan. Refuse what the lab cannot do before anything
 * starts; predict with the simulator; build or find images; boot the starting topology; run each
 * step while probes measure; compare per step; and always remove what the run created (on
 * success, failure, time-out and Ctrl-C), unless asked to keep it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plan } from '../scenarios/plan.ts';
import { checkPlan } from '../sim/check.ts';
import type { CheckResult } from '../sim/result.ts';
import type { Booted } from './bootstrap.ts';
import type { LabCloud } from './cloud/cloud.ts';
import { collectEvidence } from './evidence.ts';
import { LabError } from './errors.ts';
import { prepareImages } from './images/prepare.ts';
import { planLayout } from './layout.ts';
import { hostMemoryInUseMiB, phase, type PhaseRecord, type Say } from './phase.ts';
import { ApiProbe } from './probes/api-probe.ts';
import { bootOn, type BootResult } from './probes/boot-check.ts';
import type { OpenStackClient } from './openstack/client.ts';
import { InstancePoll } from './probes/instance-poll.ts';
import type { LabReport, Observed, StepReport, StepTiming } from './report.ts';
import { compareStep, findingsOf, predictedFor } from './verdict/compare.ts';
import { pinStates, type PinState } from './verdict/pins.ts';
import { LabSession } from './session.ts';
import { performStep, type StepOutcome } from './verbs.ts';

export interface LabOptions {
  /** Keep containers, network and volumes after the run (for inspection). */
  keep?: boolean;
  /** Hard limit for the whole run, image builds included. */
  timeoutSeconds?: number;
  say?: Say;
  /** Where run directories go (default .lab-runs/). */
  runsDir?: string;
  /**
   * Run on this session's cloud when its state is the plan's start (tests chain plans this way);
   * the caller closes the session. Without one, the run has its own and removes it at the end.
   */
  session?: LabSession;
  /**
   * 'every-step' (default) boots on every enabled compute after each step; 'after-changes' skips
   * steps that change no running process (`upgrade` only installs, `config` only edits a file).
   */
  bootChecks?: 'every-step' | 'after-changes';
}

/** Verbs that only write files (installed code, nova.conf): the model loads them only on start. */
const FILE_ONLY_VERBS = new Set(['upgrade', 'config']);
/**
 * Verbs that change no nova process: the files above, and HAProxy's routing (drain, undrain),
 * whose effect on the API the probe measures on its own. Boot checks after them would test
 * computes and control services that did not change.
 */
const INERT_VERBS = new Set([...FILE_ONLY_VERBS, 'drain', 'undrain']);

/** After a step without boot checks, the probes keep watching this long (HAProxy checks every second). */
const SETTLE_MS = 1000;

/**
 * A boot check's limit: three times the slowest boot this cloud has completed (its starting
 * instances included), between 20 and 30 s. A boot still in BUILD past it is a failed boot; a
 * fixed 30 s made every step with a dead control plane cost half a minute, and 12 s failed boots
 * that a just-restarted conductor served a little later (2026.2 rolling upgrade, steps 29-30).
 */
export function bootLimit(slowestOkSeconds: number | undefined): number {
  return Math.min(30, Math.max(20, Math.ceil(3 * (slowestOkSeconds ?? 10))));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One boot on `host`, tried a second time when the first is still in BUILD at the limit (never
 * after ERROR). Right after conductors restart, a build whose RPC the dying conductor had taken
 * can stall until oslo.messaging's 60 s timeout (seen in the rolling upgrades, steps 29-30): that
 * is a request lost in flight, not a compute that cannot take work. The retry is recorded.
 */
async function bootChecked(booted: { client: OpenStackClient; imageId: string; flavorId: string; slowestBoot?: number }, host: string, name: string): Promise<BootResult> {
  const spec = { imageId: booted.imageId, flavorId: booted.flavorId };
  const first = await bootOn(booted.client, spec, host, name, bootLimit(booted.slowestBoot));
  if (first.ok || first.status !== 'BUILD') return first;
  const second = await bootOn(booted.client, spec, host, `${name}-retry`, bootLimit(booted.slowestBoot));
  return { ...second, detail: `first boot still BUILD after ${first.seconds} s, retried${second.detail ? `; ${second.detail}` : ''}` };
}

export async function runLab(plan: Plan, options: LabOptions = {}): Promise<LabReport> {
  const say = options.say ?? ((l: string) => console.log(l));
  const session = options.session ?? new LabSession(options.runsDir);
  const runId = session.runId;
  const runDir = join(session.runDir, `plan-${planSlug(plan.name)}`);
  mkdirSync(runDir, { recursive: true });
  const report: LabReport = {
    schemaVersion: 1, runId, plan: { name: plan.name, file: plan.file, from: plan.from, to: plan.to },
    outcome: { status: 'error', code: 'LAB-INCOMPLETE', message: 'the run did not finish' },
    predictedVerdict: null, observedVerdict: null, releases: {}, images: { built: [] }, phases: [],
    bootSeconds: null, steps: [], findings: [], apiDowntime: { seconds: 0, windows: [] }, instanceDowntime: [], peakMemoryMiB: hostMemoryInUseMiB(),
  };
  const save = () => writeFileSync(join(runDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);

  const layout = planLayout(plan);
  if (layout.refusals.length) {
    report.outcome = { status: 'refused', refusals: layout.refusals };
    for (const r of layout.refusals) say(`✗ refused step ${r.stepId}: ${r.message}. Instead: ${r.instead}`);
    save();
    return report;
  }
  const check = checkPlan(plan, { timeline: true });
  report.predictedVerdict = check.verdict;
  say(`simulator: ${check.verdict} (${check.violations.map((v) => `step ${v.stepId} ${v.code}`).join(', ') || 'no violations'})`);

  let interrupted = false;
  const onSigint = () => {
    interrupted = true;
    say('Ctrl-C: removing the run\'s containers, network and volumes');
    void session.close().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSigint);
  const memTimer = setInterval(() => (report.peakMemoryMiB = Math.max(report.peakMemoryMiB, hostMemoryInUseMiB())), 2000);
  const work = execute(plan, check, layout, session, runDir, report, say, options.bootChecks ?? 'every-step');
  try {
    const limit = options.timeoutSeconds ?? 1200;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([work, new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new LabError('LAB-TIMEOUT', `the run exceeded its ${limit} s limit`)), limit * 1000);
    })]).finally(() => clearTimeout(timer));
  } catch (err) {
    const code = err instanceof LabError ? err.code : 'LAB-ERROR';
    report.outcome = { status: 'error', code, message: (err as Error).message };
    say(`✗ ${(err as Error).message}`);
    // Out of time: remove the cloud now, so that the step still running fails at once instead of
    // finishing its own (shorter, but many) waits.
    if (code === 'LAB-TIMEOUT' && !interrupted) await session.close();
  } finally {
    clearInterval(memTimer);
    process.removeListener('SIGINT', onSigint);
    await work.then(() => undefined, () => undefined);
    if (!interrupted && !options.session) {
      if (options.keep) say(`kept: containers labelled preflight.lab.run=${runId} (remove with: docker rm -f $(docker ps -aq --filter label=preflight.lab.run=${runId}))`);
      else {
        const removed = await session.close();
        say(`cleanup: removed ${removed.containers} containers, ${removed.networks} network, ${removed.volumes} volumes of run ${runId}`);
      }
    }
    save();
    say(`report: ${join(runDir, 'report.json')}`);
  }
  return report;
}

async function execute(plan: Plan, check: CheckResult, layout: ReturnType<typeof planLayout>, session: LabSession, runDir: string, report: LabReport, say: Say, bootChecks: 'every-step' | 'after-changes'): Promise<void> {
  const phases: PhaseRecord[] = report.phases;
  const needs = layout.releases.map((release) => ({
    release,
    control: layout.nodes.some((n) => n.release === release && n.services.some((s) => s !== 'nova-compute')) || release === plan.to,
    compute: true,
  }));
  const images = await phase(phases, say, 'images (build or reuse by content hash)', () => prepareImages(needs, join(runDir, 'logs'), say));
  report.images.built = images.built;
  for (const [release, imgs] of images.nova) {
    const distinct = [...new Map(Object.values(imgs).map((f) => [f.image, f])).values()];
    report.releases[release] = distinct.map((f) => ({ image: f.image, packages: f.packages, patches: f.patches }));
    say(`release ${release}: ${distinct.map((f) => `${f.image} (python3-nova ${f.novaVersion}${f.patches.length ? `; lab patch: ${f.patches.join('; ')}` : ''})`).join(', ')}`);
  }
  const { cloud, booted, reused } = await session.cloudFor(layout, images, phases, say);
  report.bootSeconds = reused ? 0 : booted.seconds;
  report.reusedCloud = reused;
  if (!reused) say(`cloud up in ${booted.seconds} s`);

  const probe = new ApiProbe(booted.client);
  const poll = new InstancePoll(booted.client, layout.instances.map((i) => i.name));
  probe.start();
  poll.start();
  try {
    await phase(phases, say, `plan (${plan.steps.length} steps)`, async () => {
      const ctx: StepContext = { plan, check, pins: pinStates(plan, check.timeline ?? []), cloud, booted, probe, poll, say, bootChecks };
      for (const step of plan.steps) report.steps.push(await runStep(ctx, step));
    });
  } finally {
    await probe.stop();
    poll.stop();
  }
  const whole = probe.summary(0, Date.now() + 1);
  report.apiDowntime = {
    seconds: whole.downSeconds,
    windows: whole.windows.map((w) => ({ fromStep: report.steps.find((s) => s.startMs <= w.fromMs && w.fromMs < s.endMs)?.stepId ?? '?', seconds: w.seconds, failures: w.failures })),
  };
  report.instanceDowntime = poll.downtime(Date.now());
  report.findings = report.steps.flatMap(findingsOf);
  const agree = report.steps.every((s) => s.agree);
  report.observedVerdict = report.steps.every((s) => s.observed.api.failures === 0 && s.observed.refusals.length === 0 && !s.observed.bootsFail &&
    s.observed.moves.every((m) => m.ok) && !s.observed.error) ? 'pass' : 'fail';
  report.outcome = { status: 'completed', agree };
  say(`predicted ${report.predictedVerdict}, observed ${report.observedVerdict}; ${agree ? 'every step agrees' : `${report.findings.length} FINDING(S)`}`);
}

interface StepContext {
  plan: Plan;
  check: CheckResult;
  pins: ReadonlyMap<string, PinState[]>;
  cloud: LabCloud;
  booted: Booted;
  probe: ApiProbe;
  poll: InstancePoll;
  say: Say;
  bootChecks: 'every-step' | 'after-changes';
}

/** Seconds since `t0` (performance.now()), to a tenth. */
const since = (t0: number) => Math.round((performance.now() - t0) / 100) / 10;

async function runStep(ctx: StepContext, step: Plan['steps'][number]): Promise<StepReport> {
  const { plan, check, cloud, booted, probe, poll, say } = ctx;
  const startMs = Date.now();
  const summary = check.timeline?.filter((r) => r.stepId === step.id || r.stepId.startsWith(`${step.id}.`)).map((r) => r.summary).join(' ‖ ') || step.action.verb;
  say(`step ${step.id}: ${summary}`);
  let error: string | undefined;
  let outcome: StepOutcome = { starts: [], moves: [], notes: [], timings: [] };
  let t = performance.now();
  try {
    outcome = await performStep({ plan, cloud, client: booted.client, readyLimitSeconds: 90 }, step);
  } catch (err) {
    error = (err as Error).message;
  }
  const timings: StepTiming[] = [{ what: 'perform', seconds: since(t) }, ...outcome.timings];
  const skipBoots = ctx.bootChecks === 'after-changes' && INERT_VERBS.has(step.action.verb);
  const enabled = skipBoots ? [] : await enabledComputes(booted);
  // Boot checks keep the probes watching the step's aftermath; without them, the probes get a
  // settle of their own (except after file-only steps, which have no aftermath).
  if (!enabled.length && !FILE_ONLY_VERBS.has(step.action.verb)) {
    t = performance.now();
    await sleep(SETTLE_MS);
    timings.push({ what: 'settle', seconds: since(t) });
  }
  t = performance.now();
  const boots = await Promise.all(enabled.map((host) => bootChecked(booted, host, `probe-${step.id}-${host}`)));
  for (const b of boots) if (b.ok) booted.slowestBoot = Math.max(booted.slowestBoot ?? 0, b.seconds);
  if (!skipBoots) timings.push({ what: `boot checks (${boots.length}, concurrent)`, seconds: since(t) });
  // The step's window runs to the end of its boot checks: those requests are its aftermath too.
  const endMs = Date.now();
  t = performance.now();
  const evidence = await collectEvidence(cloud, startMs);
  timings.push({ what: 'evidence', seconds: since(t) });
  const observed: Observed = {
    api: probe.summary(startMs, endMs),
    starts: outcome.starts,
    refusals: outcome.starts.filter((s) => !s.readiness.ok).map((s) => s.entity).sort(),
    boots,
    bootsFail: boots.some((b) => !b.ok),
    instances: poll.troubled(startMs, Date.now()),
    moves: outcome.moves,
    evidence,
    ...(error ? { error } : {}),
  };
  const predicted = predictedFor(check, step.id, { plan, pins: ctx.pins });
  const aspects = compareStep(predicted, observed);
  const agree = aspects.every((a) => a.agree) && !error;
  const stepReport: StepReport = { step: step.number, stepId: step.id, verb: step.action.verb, summary, seconds: Math.round((endMs - startMs) / 100) / 10, predicted, observed, aspects, agree, startMs, endMs, timings };
  if (skipBoots) say('  (no boot check: this step changes no nova process)');
  for (const a of aspects) {
    say(`  ${a.agree ? '✓' : '✗ FINDING'} ${a.aspect}: predicted ${a.predicted}; observed ${a.observed}`);
    for (const d of a.agree ? [] : (a.detail ?? [])) say(`      ✗ ${d}`);
  }
  for (const s of outcome.starts) say(`  ${s.readiness.ok ? 'started' : 'REFUSED'} ${s.entity} (${s.release}) ${s.readiness.seconds} s${s.readiness.ok ? '' : `: ${s.readiness.reason}`}`);
  for (const m of outcome.moves) say(`  ${m.ok ? 'moved' : 'NOT MOVED'} ${m.instance} (${m.kind}) to ${m.to}: ${m.statuses.join(' → ')}${m.detail ? `; ${m.detail}` : ''}`);
  for (const e of observed.evidence) say(`  evidence ${e.entity}: ${e.line.slice(0, 200)}`);
  say(`  time ${stepReport.seconds} s: ${timings.map((x) => `${x.what} ${x.seconds}`).join(', ')}`);
  if (error) say(`  ✗ the lab could not perform this step: ${error}`);
  return stepReport;
}

/**
 * Hosts to boot on: enabled computes as the API lists them. When the API cannot answer, the
 * last list it gave is used, so an API outage shows as failed boots rather than as no boots.
 */
async function enabledComputes(booted: Booted): Promise<string[]> {
  try {
    const hosts = (await booted.client.services('nova-compute')).filter((c) => c.status === 'enabled').map((c) => c.host);
    lastEnabled.set(booted, hosts);
    return hosts;
  } catch {
    return lastEnabled.get(booted) ?? [];
  }
}
const lastEnabled = new WeakMap<Booted, string[]>();

function planSlug(name: string): string {
  return name.replace(/[^A-Za-z0-9_.-]+/g, '-').slice(0, 60) || 'plan';
}
