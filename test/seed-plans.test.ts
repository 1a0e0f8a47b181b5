/**
 * The seed procedures as plans check as operators expect, and copies broken the way operators
 * break them fail with the right code.
 */
import { describe, expect, it } from 'vitest';
import { check, dropLines, edit, errorCodes, example, moveBlock, warningCodes } from './helpers/plans.ts';

describe('Icehouse → Juno, live compute upgrade (scenario 4)', () => {
  const text = example('icehouse-juno-live-compute.yaml');

  it('passes, with no instance downtime and the API outages of a single controller totalled', () => {
    const r = check(text);
    expect(r.violations).toEqual([]);
    expect(r.verdict).toBe('pass');
    expect(r.downtime.instances.affected).toBe(0);
    expect(r.downtime.api.byService['nova-api']?.steps).toBeGreaterThan(0);
  });

  it('without the 3.23.1 cap, Juno controllers send RPC Icehouse computes refuse', () => {
    const r = check(dropLines(text, 'value: "3.23.1"'));
    expect(errorCodes(r)).toEqual(['RPC_INCOMPATIBLE']);
    const v = r.violations[0]!;
    expect(v.message).toContain('3.35');
    expect(v.entities).toContain('compute1/nova-compute');
    expect(v.source[0]!.url).toContain('nova/compute/rpcapi.py');
  });

  it('computes upgraded before the controllers are unsupported', () => {
    const broken = moveBlock(text, '  - name: compute1, disabled', '  - name: Remove the cap', '  - name: Nova controllers');
    expect(errorCodes(check(broken))).toContain('COMPUTE_NEWER_THAN_CONTROL');
  });

  it('a compute stopped while enabled gets new instances scheduled to it', () => {
    const broken = edit(text, '  - name: compute1, disabled while it is upgraded\n    disable: { node: compute1, service: nova-compute }\n', '');
    expect(errorCodes(check(broken))).toEqual(['SCHEDULING_ON_STOPPED']);
  });

  it('a cap left after the last compute is a warning, not an error', () => {
    const broken = text.slice(0, text.indexOf('  - name: Remove the cap'));
    const r = check(broken);
    expect(r.verdict).toBe('pass');
    expect(warningCodes(r)).toEqual(['STALE_VERSION_CAP']);
  });

  it('keystone upgraded after nova breaks the documented order', () => {
    const broken = moveBlock(text, '  - name: Keystone first', '  - name: Glance', '  - name: compute1, disabled');
    expect(errorCodes(check(broken))).toContain('ORDER');
  });

  it('rebooting a compute stops its instances', () => {
    const broken = edit(text, '  - start: { node: compute1, service: nova-compute }', '  - reboot: { node: compute1 }');
    const r = check(broken);
    expect(errorCodes(r)).toContain('INSTANCE_DOWNTIME');
    expect(r.downtime.instances.affected).toBe(1);
  });
});

describe('Newton → Ocata, HA rolling (workflow 004)', () => {
  const text = example('newton-ocata-ha-rolling.yaml');

  it('passes, with a nova API outage only', () => {
    const r = check(text);
    expect(r.violations.filter((v) => v.severity === 'error')).toEqual([]);
    expect(Object.keys(r.downtime.api.byService)).toEqual(['nova-api']);
  });

  it("the workflow's own cinder order (api first) breaks cinder's documented order", () => {
    const broken = moveBlock(text, '  - name: cinder-api on controller1, last', '  - name: Restart the cinder schedulers', '  - name: "cinder-scheduler on controller1');
    const r = check(broken);
    expect(errorCodes(r)).toEqual(['ORDER']);
    expect(r.violations[0]!.rule).toContain('cinder-api last');
  });

  it('a keystone contract before the last node breaks the node still on Newton', () => {
    const broken = moveBlock(text, '  - name: Contract once every keystone runs Ocata', '  - name: Glance on controller1', '  - name: "Keystone on controller3: out of haproxy"');
    const r = check(broken);
    expect(errorCodes(r)).toEqual(['SCHEMA_MISMATCH']);
    expect(r.violations[0]!.entities).toContain('controller3/keystone');
  });

  it('stopping a backend without draining it drops requests', () => {
    const broken = edit(text, '  - name: "Keystone on controller2: out of haproxy"\n    drain: { frontend: keystone, node: controller2 }\n', '');
    expect(errorCodes(check(broken))).toEqual(['UNDRAINED_STOP']);
  });

  it('stopping cinder-volume before failing it over leaves no volume service', () => {
    const broken = edit(text, '  - failover: { service: cinder-volume, to: controller2 }', '  - stop: { node: controller1, service: cinder-volume }\n  - failover: { service: cinder-volume, to: controller2 }');
    expect(errorCodes(check(broken))).toEqual(['NO_ACTIVE_SERVICE']);
  });

  it('neutron agents upgraded before the servers break the order', () => {
    const broken = moveBlock(text, '  - name: L2 agents, after every neutron-server', '  - name: L3 agents', '  - name: neutron-server on controller1');
    expect(errorCodes(check(broken))).toContain('ORDER');
  });
});

describe('Havana → Icehouse, parallel compute (scenario 3)', () => {
  const text = example('havana-icehouse-parallel-compute.yaml');

  it('passes, with the redeploy downtime totalled', () => {
    const r = check(text);
    expect(r.violations).toEqual([]);
    expect(r.downtime.instances.affected).toBe(3);
  });

  it('the new environment on the old database is refused', () => {
    const broken = edit(text, 'release: icehouse, database: nova-icehouse-db }\n  - add-node: { node: compute3', 'release: icehouse, database: nova-havana-db }\n  - add-node: { node: compute3');
    expect(errorCodes(check(broken))).toContain('SHARED_DATABASE');
  });

  it('instances cannot be live-migrated across nova environments', () => {
    const broken = edit(text, '  - redeploy: { instance: vm2, to: compute3 }', '  - live-migrate: { instance: vm2, to: compute3 }');
    const r = check(broken);
    expect(errorCodes(r)).toContain('LIVE_MIGRATION_INCOMPATIBLE');
    expect(r.violations.find((v) => v.code === 'LIVE_MIGRATION_INCOMPATIBLE')!.message).toContain('different nova environments');
  });

  it('removing a compute that still hosts instances destroys them, whatever the policy', () => {
    const broken = edit(text, '  - redeploy: { instance: vm2, to: compute3 }\n', '');
    expect(errorCodes(check(broken))).toContain('INSTANCE_DOWNTIME');
  });
});
