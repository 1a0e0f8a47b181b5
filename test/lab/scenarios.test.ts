/**
 * The four lab scenarios of issue 6 on real nova. They share one lab session: the undrained stop,
 * the Zed compute and the rolling upgrade all start from the same 2025.1 cloud, which the session
 * reuses while its state equals the next plan's start (a fresh boot costs minutes on two cores).
 * The too-old-compute restart needs a Zed compute registered first, so it gets a fresh cloud.
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
    ], join(session.runDir, 'logs')).then((images) => {
      for (const b of images.built) sayAs('images')(`built ${b.tag} in ${b.seconds} s`);
    }));
  allImages.catch(() => {}); // each scenario reports its own build failure
});

afterAll(async () => {
  await allImages.catch(() => {});
  const removed = await session.close();
  process.stdout.write(`[lab] session ${session.runId} removed: ${JSON.stringify(removed)}\n`);
});

const run = async (name: string) =>
  runLab(await examplePlan(name), { session, say: sayAs(name), bootChecks: 'after-changes', timeoutSeconds: 900 });

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

  it('2025.1 → 2026.1 rolling upgrade with compute=auto: predicted pass, observed pass, pin 6.4 while mixed, 6.5 after', async () => {
    const report = await run('rolling-upgrade');
    expect(report.outcome, explain(report)).toEqual({ status: 'completed', agree: true });
    expect(report.predictedVerdict).toBe('pass');
    expect(report.observedVerdict, explain(report)).toBe('pass');
    expect(report.findings).toEqual([]);
    expect(report.releases.gazpacho?.[0]?.packages['python3-nova']).toMatch(/^2:33\./);
    // Steps 5–20: 2026.1 control services while a 2025.1 compute (v68) remains pin compute RPC
    // to 6.4. (From step 21 every compute runs 2026.1. Real nova computes the pin lazily, once per
    // process, at its first compute RPC: a uwsgi worker of a restarted nova-api that had not yet
    // sent one picked 6.5 at step 21 without a restart. LAB-NOTES and the model tie the pin to
    // restarts only; the comparison does not judge pins yet.)
    const mixed = evidence(report, 'rpc-pin', 5, 20);
    expect(mixed.length, explain(report)).toBeGreaterThan(0);
    expect(new Set(mixed.map((e) => e.pin?.version))).toEqual(new Set(['6.4']));
    expect(mixed.every((e) => e.pin?.minServiceVersion === 68)).toBe(true);
    // Step 23 on: every compute runs 2026.1 (v72); the control restarts lift the pin to 6.5.
    const after = evidence(report, 'rpc-pin', 23);
    expect(after.length).toBeGreaterThan(0);
    expect(new Set(after.map((e) => e.pin?.version))).toEqual(new Set(['6.5']));
  });

  it('control restarted while a too-old compute is registered: conductor and scheduler refuse, as predicted', async () => {
    const report = await run('too-old-compute-restart');
    expect(report.outcome, explain(report)).toMatchObject({ status: 'completed' });
    for (const [id, node] of [['1', 'ctl1'], ['2', 'ctl2']] as const) {
      const s = step(report, id);
      expect(s.predicted?.codes).toContain('SERVICE_TOO_OLD');
      expect(s.predicted?.refusals.sort()).toEqual([`${node}/nova-conductor`, `${node}/nova-scheduler`]);
      expect(s.observed.refusals).toEqual([`${node}/nova-conductor`, `${node}/nova-scheduler`]);
    }
    expect(evidence(report, 'too-old-compute').length).toBeGreaterThan(0);
    // With no conductor left, boots fail everywhere, as the model predicts.
    const noConductor = step(report, '2');
    expect(noConductor.observed.boots.every((b) => !b.ok)).toBe(true);
    expect(noConductor.aspects.find((a) => a.aspect === 'boots')?.agree, explain(report)).toBe(true);
    // Each restarted nova-api refuses too; once the other is drained, the API answers errors.
    expect(step(report, '4').observed.refusals).toEqual(['ctl1/nova-api']);
    expect(step(report, '4').predicted?.refusals).toEqual(['ctl1/nova-api']);
    const apiGone = step(report, '6');
    expect(apiGone.predicted?.codes).toContain('API_DOWNTIME');
    expect(apiGone.observed.api.failures, JSON.stringify(apiGone.observed.api)).toBeGreaterThan(0);
    expect(step(report, '7').observed.refusals).toEqual(['ctl2/nova-api']);
  });
});
