/**
 * The lab's pure pieces, checked without Docker: the nova.conf editor, the probe's downtime
 * windows, release resolution from package versions, and evidence parsing of real log lines.
 */
import { describe, expect, it } from 'vitest';
import { setIniKey } from '../../src/lab/cloud/ini.ts';
import { REFUSAL_KINDS, scanLog } from '../../src/lab/evidence.ts';
import { releaseOfNovaVersion } from '../../src/lab/images/describe.ts';
import { summarize } from '../../src/lab/probes/api-probe.ts';

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
