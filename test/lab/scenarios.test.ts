/**
 * The lab scenarios of issue 6 on real nova. They share one lab session: the undrained stop, the
 * Zed compute, the migrations and the rolling upgrade all start from the same 2025.1 cloud, which
 * the session reuses while its state equals the next plan's start (a fresh boot costs a minute
 * or more on two cores). The too-old-compute restart needs a Zed compute registered first, so it
 * gets a fresh cloud. Each scenario prints its time and memory; the last lines sum them up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { prepareImages } from '../../src/lab/images/prepare.ts';
import { phase, type PhaseRecord } from '../../src/lab/phase.ts';
import { runLab } from '../../src/lab/run.ts';
import type { ReleaseName } from '../../src/scenarios/plan.ts';
import { LabSession } from '../../src/lab/session.ts';
import { evidence, examplePlan, explain, sayAs, step } from './helpers.ts';

const session = new LabSession();

// Every image the four plans need, started at once and not awaited: the first scenario needs
// only the 2025.1 images and boots its cloud while the other releases still build (each run
// waits for its own images; builds of one tag are shared within the process).
let allImages: Promise<unknown> = Promise.resolve();
beforeAll(() => {
  const phases: PhaseRecord[] = [];
  allImages = phase(phases, sayAs('images'), 'build or reuse every lab image', () =>
    prepareImages([
      { release: 'epoxy' as ReleaseName, control: true, compute: true },
      { release: 'gazpacho' as ReleaseName, control: true, compute: true },
      { release: 'zed' as ReleaseName, control: false, compute: true },
    ], join(session.runDir, 'logs'), sayAs('images')).then((images) => {
      sayAs('images')(`built ${images.built.length} image(s): ${images.built.map((b) => `${b.tag} ${b.seconds} s`).join(', ') || 'all cached'}`);
    }));
  allImages.catch(() => {}); // each scenario reports its own build failure
});

const scenarios: PhaseRecord[] = [];

afterAll(async () => {
  await allImages.catch(() => {});
  const removed = await session.close();
  process.stdout.write(`[lab] session ${session.runId} removed: ${JSON.stringify(removed)}\n`);
  for (const p of scenarios) process.stdout.write(`[lab] scenario ${p.name}: ${p.seconds} s, host memory in use ${p.memoryMiB} MiB\n`);
});

const run = async (name: string) =>
  phase(scenarios, sayAs(name), `scenario ${name}`, async () =>
    runLab(await examplePlan(name), { session, say: sayAs(name), bootChecks: 'after-changes', timeoutSeconds: 900 }));

describe('lab scenarios', () => {
  it('an undrained stop of a control API behind HAProxy: predicted UNDRAINED_STOP, observed failed requests', async () => {
    const report = await run('undrained-stop');
    expect(report.outcome, explain(report)).toMatchObject({ status: 'completed' });
    const stop = step(report, '1');
    expect(stop.predicted?.codes).toContain('UNDRAINED_STOP');
    expect(stop.predicted?.apiDown).toBe(true);
    expect(stop.observed.api.failures, JSON.stringify(stop.observed.api)).toBeGreaterThan(0);
    expect(stop.aspects.find((a) => a.aspect === 'api')?.agree).toBe(true);
    expect(step(report, '2').observed.api.failures).toBe(0);
  });

  it('a Zed compute joining a 2025.1 deployment: predicted SERVICE_TOO_OLD, observed refusal', async () => {
    const report = await run('zed-compute-joins');
    expect(report.outcome, explain(report)).toMatchObject({ status: 'completed' });
    const join = step(report, '1');
    expect(join.predicted?.codes).toContain('SERVICE_TOO_OLD');
    expect(join.predicted?.refusals).toEqual(['compute3/nova-compute']);
    expect(join.observed.refusals).toEqual(['compute3/nova-compute']);
    expect(report.releases.zed?.[0]?.packages['python3-nova']).toMatch(/^2:26\./);
    const lines = evidence(report, 'service-too-old');
    expect(lines.map((e) => e.entity)).toContain('compute3/nova-compute');
    expect(lines[0]?.line).toMatch(/older \(v64\) than the minimum \(v68\)/);
  });

  it('live and cold migration, a compute joining, rebooting and leaving on 2025.1: as predicted, through the compute API', async () => {
    const report = await run('migrations');
    expect(report.outcome, explain(report)).toEqual({ status: 'completed', agree: true });
    for (const id of ['1', '2', '3', '4', '6', '8']) {
      const s = step(report, id);
      expect(s.observed.moves.map((m) => m.ok), JSON.stringify(s.observed.moves)).toEqual([true]);
      expect(s.aspects.find((a) => a.aspect === 'instances')?.agree, explain(report)).toBe(true);
    }
    // Live: the instance stays running (MIGRATING only); cold: RESIZE, the stop the model predicts.
    expect(step(report, '1').observed.moves[0]?.statuses).toContain('MIGRATING');
    expect(step(report, '1').predicted?.instancesDown).toEqual([]);
    expect(step(report, '3').predicted?.instancesDown).toEqual(['vm2']);
    expect(step(report, '3').observed.moves[0]?.statuses).toContain('RESIZE');
    // A node's life: compute3 joins (and takes work), reboots while disabled and empty, and leaves.
    expect(step(report, '5').observed.starts.map((x) => [x.entity, x.readiness.ok])).toEqual([['compute3/nova-compute', true]]);
    expect(step(report, '5').observed.boots.map((b) => b.host).sort()).toEqual(['compute1', 'compute2', 'compute3']);
    expect(step(report, '9').observed.starts.map((x) => [x.entity, x.readiness.ok])).toEqual([['compute3/nova-compute', true]]);
    expect(step(report, '10').observed.boots.map((b) => b.host).sort()).toEqual(['compute1', 'compute2']);
  });

  it('2025.1 → 2026.1 rolling upgrade with compute=auto: predicted pass, observed pass, pin 6.4 while mixed, 6.5 after', async () => {
    const report = await run('rolling-upgrade');
    expect(report.outcome, explain(report)).toEqual({ status: 'completed', agree: true });
    expect(report.predictedVerdict).toBe('pass');
    expect(report.observedVerdict, explain(report)).toBe('pass');
    expect(report.findings).toEqual([]);
    expect(report.releases.gazpacho?.[0]?.packages['python3-nova']).toMatch(/^2:33\./);
    // Every pin nova logged is one the model allows at its step (the pins aspect; findings are
    // empty above): at the sender's last restart, or picked lazily from the computes then.
    const judged = report.steps.filter((s) => s.observed.evidence.some((e) => e.kind === 'rpc-pin'));
    expect(judged.length, explain(report)).toBeGreaterThan(0);
    expect(judged.every((s) => s.aspects.find((a) => a.aspect === 'pins')?.agree)).toBe(true);
    // Steps 5–25: 2026.1 control services while a 2025.1 compute (v68) remains pin compute RPC
    // to 6.4; the last 2025.1 compute restarts on 2026.1 at step 26.
    const mixed = evidence(report, 'rpc-pin', 5, 25);
    expect(mixed.length, explain(report)).toBeGreaterThan(0);
    expect(new Set(mixed.map((e) => e.pin?.version))).toEqual(new Set(['6.4']));
    expect(mixed.every((e) => e.pin?.minServiceVersion === 68)).toBe(true);
    // Step 29 on: every compute runs 2026.1 (v72); the control restarts lift the pin to 6.5.
    // (A nova-compute asks a conductor for the minimum version, and conductors cache it until
    // they restart: compute2, restarted on 2026.1 at step 26, picked 6.4 "from 68" at step 28.
    // The model gives it 6.4 at that start too, so the pins aspect agrees.)
    const after = evidence(report, 'rpc-pin', 29).filter((e) => e.entity.startsWith('ctl'));
    expect(after.length).toBeGreaterThan(0);
    expect(new Set(after.map((e) => e.pin?.version))).toEqual(new Set(['6.5']));
    // Instances cross the release boundary by live migration while the computes are mixed:
    // 2025.1 → 2026.1 (20, 23, 24) and 2026.1 → 2025.1 (21), as the model allows.
    for (const id of ['16', '20', '21', '23', '24', '28']) {
      const s = step(report, id);
      expect(s.observed.moves.every((m) => m.ok) && s.observed.moves.length === 1, `step ${id}: ${JSON.stringify(s.observed.moves)}`).toBe(true);
      expect(s.aspects.find((a) => a.aspect === 'instances')?.agree).toBe(true);
    }
  });

  it('a too-old compute registered: a joining 2025.1 compute, then conductor and scheduler refuse, as predicted', async () => {
    const report = await run('too-old-compute-restart');
    expect(report.outcome, explain(report)).toMatchObject({ status: 'completed' });
    // Real 2025.1 nova-compute runs the same TooOldComputeService check at start as the control
    // services (nova.service.Service.create → utils.raise_if_old_compute). The lab found it while
    // the model refused control services only; the refusals aspect agrees exactly when the model
    // predicts this refusal.
    const join = step(report, '1');
    expect(join.observed.refusals).toEqual(['compute1/nova-compute']);
    expect(join.observed.evidence.filter((e) => e.kind === 'too-old-compute').map((e) => e.entity)).toContain('compute1/nova-compute');
    expect(join.aspects.find((a) => a.aspect === 'refusals')?.agree).toBe(join.predicted?.refusals.includes('compute1/nova-compute'));
    for (const [id, node] of [['2', 'ctl1'], ['3', 'ctl2']] as const) {
      const s = step(report, id);
      expect(s.predicted?.codes).toContain('SERVICE_TOO_OLD');
      expect(s.predicted?.refusals.sort()).toEqual([`${node}/nova-conductor`, `${node}/nova-scheduler`]);
      expect(s.observed.refusals).toEqual([`${node}/nova-conductor`, `${node}/nova-scheduler`]);
    }
    expect(evidence(report, 'too-old-compute', 2).length).toBeGreaterThan(0);
    // With no conductor left, boots fail everywhere, as the model predicts.
    const noConductor = step(report, '3');
    expect(noConductor.observed.boots.length).toBeGreaterThan(0);
    expect(noConductor.observed.boots.every((b) => !b.ok)).toBe(true);
    expect(noConductor.aspects.find((a) => a.aspect === 'boots')?.agree, explain(report)).toBe(true);
    // Each restarted nova-api refuses too; once the other is drained, the API answers errors.
    expect(step(report, '5').observed.refusals).toEqual(['ctl1/nova-api']);
    expect(step(report, '5').predicted?.refusals).toEqual(['ctl1/nova-api']);
    const apiGone = step(report, '7');
    expect(apiGone.predicted?.codes).toContain('API_DOWNTIME');
    expect(apiGone.observed.api.failures, JSON.stringify(apiGone.observed.api)).toBeGreaterThan(0);
    expect(step(report, '8').observed.refusals).toEqual(['ctl2/nova-api']);
  });
});
