/**
 * The lab's pure pieces, checked without Docker: the nova.conf editor, the probe's downtime
 * windows, release resolution from package versions, evidence parsing of real log lines, the
 * compute RPC pin comparison and the boot checks' limit.
 */
import { describe, expect, it } from 'vitest';
import { setIniKey } from '../../src/lab/cloud/ini.ts';
import { novaConf } from '../../src/lab/cloud/nova-conf.ts';
import { REFUSAL_KINDS, scanLog } from '../../src/lab/evidence.ts';
import { BuildSlots } from '../../src/lab/images/build.ts';
import { releaseOfNovaVersion } from '../../src/lab/images/describe.ts';
import { summarize } from '../../src/lab/probes/api-probe.ts';
import { linesSince } from '../../src/lab/docker.ts';
import type { Evidence } from '../../src/lab/evidence.ts';
import type { Observed } from '../../src/lab/report.ts';
import { bootLimit } from '../../src/lab/run.ts';
import { compareStep, findingsOf, predictedFor } from '../../src/lab/verdict/compare.ts';
import { pinStates } from '../../src/lab/verdict/pins.ts';
import { checkPlan } from '../../src/sim/check.ts';
import { examplePlan } from './helpers.ts';

describe('nova.conf edits', () => {
  const conf = '[DEFAULT]\nhost = ctl1\n\n[upgrade_levels]\n\n[vnc]\nenabled = false\n';
  it('sets a key inside its section, replaces it, and removes it', () => {
    const set = setIniKey(conf, 'upgrade_levels', 'compute', 'auto');
    expect(set).toBe('[DEFAULT]\nhost = ctl1\n\n[upgrade_levels]\ncompute = auto\n\n[vnc]\nenabled = false\n');
    expect(setIniKey(set, 'upgrade_levels', 'compute', '6.4')).toContain('[upgrade_levels]\ncompute = 6.4\n');
    expect(setIniKey(set, 'upgrade_levels', 'compute', null)).not.toContain('compute =');
  });
  it('adds a missing section at the end', () => {
    expect(setIniKey(conf, 'workarounds', 'disable_compute_service_check_for_ffu', 'true')).toMatch(/\[workarounds\]\ndisable_compute_service_check_for_ffu = true\n$/);
  });
});

describe('nova.conf per node', () => {
  it('gives compute-only nodes no database connection, so nova-compute asks the conductor for its auto pin', () => {
    const compute = novaConf({ host: 'compute1', fakeDriver: 'fake.FakeDriverWithoutFakeNodes', computeOnly: true });
    const control = novaConf({ host: 'ctl1', fakeDriver: 'fake.FakeDriverWithoutFakeNodes' });
    expect(compute).not.toMatch(/^connection = /m);
    expect(compute).toContain('[api_database]\n\n[database]\n\n');
    expect(control).toContain('[api_database]\nconnection = mysql+pymysql://os:os@infra/nova_api\n');
    expect(control).toContain('[database]\nconnection = mysql+pymysql://os:os@infra/nova\n');
  });
});

describe('log windows', () => {
  it('keeps the lines of a timestamped Docker log written at or after a millisecond, without stamps', () => {
    const log = '2026-11-24T06:52:35.229123456Z INFO picked 6.4\n2026-11-24T06:52:36.910000000Z INFO picked 6.5\n';
    expect(linesSince(log, Date.parse('2026-11-24T06:52:36.000Z'))).toBe('INFO picked 6.5');
    expect(linesSince(log, Date.parse('2026-11-24T06:52:35.229Z')).split('\n')).toHaveLength(2);
  });
});

describe('probe downtime windows', () => {
  it('groups consecutive failures into one window ending at the next success', () => {
    const ok = (at: number) => ({ at, ms: 20, status: 200 });
    const bad = (at: number) => ({ at, ms: 20, status: 503, error: 'HTTP 503' });
    const s = summarize([ok(0), bad(200), bad(400), ok(1400), bad(2000), ok(2200)]);
    expect(s.failures).toBe(3);
    expect(s.windows.map((w) => w.seconds)).toEqual([1.2, 0.2]);
    expect(s.errors).toEqual({ 'HTTP 503': 3 });
  });
});

describe('release resolution', () => {
  it('reads the release from the nova package version, not from the suite', () => {
    expect(releaseOfNovaVersion('2:31.0.0-6+deb13u3')).toBe('epoxy');
    expect(releaseOfNovaVersion('2:33.0.2-1')).toBe('gazpacho');
    expect(releaseOfNovaVersion('2:26.2.2-1~deb12u4')).toBe('zed');
    // 2026.2: the catalogue's correction from the lab (facts.ts), as LAB-NOTES records sid's nova 34.
    expect(releaseOfNovaVersion('2:34.0.0-4')).toBe('hibiscus');
    expect(releaseOfNovaVersion('2:99.0.0-1')).toBeUndefined();
  });
});

describe('evidence', () => {
  it('extracts the compute RPC pin and refusals from nova log lines', () => {
    const log = [
      '2026-11-24 03:23:01.665 8 INFO nova.compute.rpcapi [None req-1 - - - - - -] Automatically selected compute RPC version 6.4 from minimum service version 68',
      '2026-11-24 03:23:02.000 8 INFO nova.compute.rpcapi [None req-2 - - - - - -] Automatically selected compute RPC version 6.4 from minimum service version 68',
      '2026-11-24 03:24:00.000 9 ERROR oslo_service.service     raise exception.ServiceTooOld(thisver=self.version,',
      '2026-11-24 03:24:00.000 9 ERROR oslo_service.service nova.exception.ServiceTooOld: This service is older (v64) than the minimum (v68) version of the rest of the deployment. Unable to continue.',
      '2026-11-24 03:24:00.000 9 ERROR nova nova.exception.ServiceTooOld: This service is older (v64) than the minimum (v68) version of the rest of the deployment. Unable to continue.',
    ].join('\n');
    const ev = scanLog('ctl1/nova-conductor', log);
    expect(ev.filter((e) => e.kind === 'rpc-pin')).toHaveLength(1);
    expect(ev[0]?.pin).toEqual({ version: '6.4', minServiceVersion: 68 });
    const refusals = ev.filter((e) => e.kind === 'service-too-old');
    expect(refusals).toHaveLength(1);
    expect(refusals[0]?.line).toMatch(/^ServiceTooOld: This service is older \(v64\)/);
  });

  it('recognizes a control service refusing a too-old compute as a refusal', () => {
    const line = '2026-11-24 04:20:01.000 7 ERROR nova nova.exception.TooOldComputeService: Current Nova version does not support computes older than Caracal but the minimum compute service level in your system is 64 and the oldest supported service level is 66.';
    const [e] = scanLog('ctl1/nova-conductor', line);
    expect(e?.kind).toBe('too-old-compute');
    expect(REFUSAL_KINDS.has(e!.kind)).toBe(true);
    expect(scanLog('ctl1/nova-conductor', 'INFO Automatically selected compute RPC version 6.5 from minimum service version 72').every((x) => !REFUSAL_KINDS.has(x.kind))).toBe(true);
  });
});

describe('compute RPC pins: predicted against nova\'s log lines', async () => {
  // The lab's rolling upgrade: config auto (1), control restarts from step 5 while 2025.1 computes
  // remain, compute1 restarted on 2026.1 at 18, compute2 at 26, control restarted again from 29.
  const plan = await examplePlan('rolling-upgrade');
  const check = checkPlan(plan, { timeline: true });
  const pins = pinStates(plan, check.timeline ?? []);
  const pinLine = (entity: string, version: string, min: number): Evidence => ({
    entity, kind: 'rpc-pin', line: `INFO nova.compute.rpcapi [-] Automatically selected compute RPC version ${version} from minimum service version ${min}`,
    pin: { version, minServiceVersion: min },
  });
  const observed = (evidence: Evidence[]): Observed => ({
    api: summarize([]), starts: [], refusals: [], boots: [], bootsFail: false, instances: [], moves: [], evidence,
  });
  const pinAspect = (stepId: string, evidence: Evidence[]) => {
    const aspect = compareStep(predictedFor(check, stepId, { pins }), observed(evidence)).find((a) => a.aspect === 'pins');
    if (!aspect) throw new Error(`no pins aspect at step ${stepId}`);
    return aspect;
  };

  it('follows the auto setting from the config step to each sender\'s restart', () => {
    // Step 1 writes auto; nothing restarted yet, so no sender runs under auto.
    expect((pins.get('1') ?? []).filter((p) => p.auto)).toEqual([]);
    const ctl1 = pins.get('5')?.find((p) => p.entity === 'ctl1/nova-conductor');
    expect(pins.get('26')?.find((p) => p.entity === 'ctl1/nova-conductor')).toMatchObject({ atStart: '6.4', lazy: '6.5', minServiceVersion: 72 });
    expect(ctl1).toMatchObject({ auto: true, atStart: '6.4', lazy: '6.4', minServiceVersion: 68 });
    expect(pins.get('5')?.find((p) => p.entity === 'ctl2/nova-conductor')?.auto).toBe(false);
  });

  it('accepts the pin at the last restart while a 2025.1 compute remains', () => {
    const a = pinAspect('10', [pinLine('ctl1/nova-api', '6.4', 68), pinLine('ctl1/nova-conductor', '6.4', 68)]);
    expect(a.agree).toBe(true);
    expect(a.observed).toContain('ctl1/nova-api 6.4 (v68)');
  });

  it('flags a pin above what the oldest compute allows, a sender not under auto, and a wrong minimum', () => {
    const tooNew = pinAspect('10', [pinLine('ctl1/nova-api', '6.5', 72)]);
    expect(tooNew.agree).toBe(false);
    expect(tooNew.detail?.[0]).toMatch(/ctl1\/nova-api picked 6\.5; the model allows 6\.4/);
    // ctl2's API was not restarted since auto was written: it sends uncapped and logs no pin.
    const notAuto = pinAspect('10', [pinLine('ctl2/nova-api', '6.4', 68)]);
    expect(notAuto.agree).toBe(false);
    expect(notAuto.detail?.[0]).toMatch(/without \[upgrade_levels\] compute = auto/);
    expect(pinAspect('10', [pinLine('ctl1/nova-api', '6.4', 64)]).agree).toBe(false);
    expect(pinAspect('10', [pinLine('compute9/nova-compute', '6.4', 68)]).detail?.[0]).toMatch(/no running compute9/);
  });

  it('tolerates nova\'s lazy pick: once every compute runs 2026.1, an unrestarted sender may pick 6.5', () => {
    // Step 26 restarts the last 2025.1 compute: a process that had sent no compute RPC yet picks 6.5.
    expect(pinAspect('26', [pinLine('ctl1/nova-api', '6.5', 72)]).agree).toBe(true);
    expect(pinAspect('27', [pinLine('ctl2/nova-scheduler', '6.5', 72), pinLine('ctl2/nova-scheduler', '6.4', 68)]).agree).toBe(true);
    // Before that step, 6.5 is not yet possible.
    expect(pinAspect('25', [pinLine('ctl1/nova-api', '6.5', 72)]).agree).toBe(false);
    // After the final restarts, 6.4 is no longer allowed for a restarted sender.
    const stale = pinAspect('33', [pinLine('ctl1/nova-conductor', '6.4', 68)]);
    expect(stale.agree).toBe(false);
    expect(stale.predicted).toContain('ctl1/nova-conductor 6.5');
  });

  it('reports a disagreeing pin as a finding quoting the log line', () => {
    const predicted = predictedFor(check, '10', { pins });
    const obs = observed([pinLine('ctl1/nova-api', '6.5', 72)]);
    const aspects = compareStep(predicted, obs);
    const findings = findingsOf({ step: 10, stepId: '10', verb: 'undrain', summary: 'undrain', seconds: 1, predicted, observed: obs, aspects, agree: false, startMs: 0, endMs: 1, timings: [] });
    expect(findings.map((f) => f.aspect)).toEqual(['pins']);
    expect(findings[0]?.evidence[0]).toMatch(/picked 6\.5/);
    expect(findings[0]?.evidence[1]).toMatch(/^ctl1\/nova-api: .*Automatically selected compute RPC version 6\.5/);
  });

  it('has no pins aspect where no sender runs under auto and none logged a pin', () => {
    expect(compareStep(predictedFor(check, '2', { pins }), observed([])).map((a) => a.aspect)).toEqual(['api', 'refusals', 'boots']);
  });
});

describe('boot check limit', () => {
  it('is three times the slowest completed boot, kept between 20 and 30 s', () => {
    expect(bootLimit(undefined)).toBe(30);
    expect(bootLimit(1.2)).toBe(20);
    expect(bootLimit(8.5)).toBe(26);
    expect(bootLimit(25)).toBe(30);
  });
});

describe('image build slots', () => {
  const tick = () => new Promise((r) => setTimeout(r, 5));
  it('runs at most `slots` builds and hands a freed slot to the waiting build of lowest priority number', async () => {
    const slots = new BuildSlots(1);
    const order: string[] = [];
    let release!: () => void;
    const first = slots.run(0, () => new Promise<void>((r) => { order.push('base'); release = r; }));
    const low = slots.run(1, async () => { order.push('other suite'); });
    const high = slots.run(0, async () => { order.push('infra chain'); });
    await tick();
    expect(order).toEqual(['base']);
    release();
    await Promise.all([first, low, high]);
    expect(order).toEqual(['base', 'infra chain', 'other suite']);
  });

  it('gives a finished build\'s slot to a child it enqueues on completion, before earlier waiters', async () => {
    const slots = new BuildSlots(1);
    const order: string[] = [];
    const parent = slots.run(0, async () => { await tick(); order.push('trixie base'); return 'tag'; });
    const other = slots.run(1, async () => { order.push('forky base'); });
    // Like ImageBuilder.fromDir: the child asks for a slot only once its parent image exists.
    const child = parent.then(() => slots.run(0, async () => { order.push('trixie nova'); }));
    await Promise.all([child, other]);
    expect(order).toEqual(['trixie base', 'trixie nova', 'forky base']);
  });
});

describe('instances: predicted downtime and moves against what nova did', async () => {
  const plan = await examplePlan('migrations');
  const check = checkPlan(plan, { timeline: true });
  const observed = (moves: Observed['moves'], instances: Observed['instances'] = []): Observed => ({
    api: summarize([]), starts: [], refusals: [], boots: [], bootsFail: false, instances, moves, evidence: [],
  });
  const aspect = (stepId: string, obs: Observed) => compareStep(predictedFor(check, stepId, { plan }), obs).find((a) => a.aspect === 'instances');

  it('agrees when a live migration moves the instance through MIGRATING only', () => {
    const a = aspect('1', observed([{ instance: 'vm1', kind: 'live', from: 'compute1', to: 'compute2', ok: true, host: 'compute2', statuses: ['ACTIVE', 'MIGRATING', 'ACTIVE'] }]));
    expect(a?.agree).toBe(true);
    expect(a?.predicted).toBe('vm1 → compute2 moves; down: none');
  });

  it('counts RESIZE as the cold migration\'s downtime the model predicts, and its absence as a finding', () => {
    const resize = ['ACTIVE', 'RESIZE', 'VERIFY_RESIZE', 'ACTIVE'];
    expect(aspect('3', observed([{ instance: 'vm2', kind: 'cold', from: 'compute2', to: 'compute1', ok: true, host: 'compute1', statuses: resize }]))?.agree).toBe(true);
    const unseen = aspect('3', observed([{ instance: 'vm2', kind: 'cold', from: 'compute2', to: 'compute1', ok: true, host: 'compute1', statuses: ['ACTIVE', 'VERIFY_RESIZE', 'ACTIVE'] }]));
    expect(unseen?.agree).toBe(false);
    expect(unseen?.detail).toEqual(['instances down: predicted vm2, observed none']);
  });

  it('flags a migration the model lets through that nova did not carry out', () => {
    const a = aspect('2', observed([{ instance: 'vm1', kind: 'live', from: 'compute2', to: 'compute1', ok: false, host: 'compute2', statuses: ['ACTIVE', 'MIGRATING', 'ERROR'], detail: 'ERROR on compute2' }]));
    expect(a?.agree).toBe(false);
    expect(a?.detail?.join('\n')).toMatch(/vm1 → compute1: predicted to move, did not \(ERROR on compute2\)/);
    expect(a?.detail?.join('\n')).toMatch(/instances down: predicted none, observed vm1/);
  });

  it('has no instances aspect where nothing moves and nothing stops', () => {
    const rolling = checkPlan(plan, { timeline: true });
    expect(compareStep(predictedFor(rolling, '1', {}), observed([])).map((x) => x.aspect)).not.toContain('instances');
  });
});
