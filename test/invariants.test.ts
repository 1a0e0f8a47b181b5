/**
 * Every invariant code, with one small plan that breaks it and one that keeps it. The seed-plan
 * tests cover the same codes on the real procedures; these pin each rule on its own.
 */
import { describe, expect, it } from 'vitest';
import { checkPlan } from '../src/sim/check.ts';
import { check, errorCodes, plan, warningCodes } from './helpers/plans.ts';

/** A 2025.1 cloud: one controller, two computes, one instance each. */
function epoxy(steps: string, extra: { to?: string; from?: string; topology?: string; policy?: string } = {}): string {
  return `apiVersion: preflight/v1
name: test
from: ${extra.from ?? 'epoxy'}
to: ${extra.to ?? 'gazpacho'}
policy: ${extra.policy ?? '{ instanceDowntime: forbid, apiDowntime: allow }'}
topology:
  nodes:
    ctl1: { role: controller, services: [keystone, placement-api, nova-api, nova-conductor, nova-scheduler] }
    cmp1: { role: compute, services: [nova-compute] }
    cmp2: { role: compute, services: [nova-compute] }
${extra.topology ?? ''}
  instances:
    vm1: { host: cmp1 }
    vm2: { host: cmp2 }
steps:
${steps}`;
}

/** Control plane to the target with compute=auto, then one compute. */
const CONTROL_AUTO = `  - stop: { node: ctl1, service: "*" }
  - upgrade: { node: ctl1, service: "*" }
  - db: { service: keystone, phase: sync }
  - db: { service: placement, phase: sync }
  - db: { service: nova, phase: sync }
  - config: { nodes: all, file: nova.conf, section: upgrade_levels, key: compute, value: auto }
  - start: { node: ctl1, service: [keystone, placement-api] }
  - start: { node: ctl1, service: [nova-conductor, nova-scheduler, nova-api] }
`;
const COMPUTE = (n: string) => `  - disable: { node: ${n}, service: nova-compute }
  - stop: { node: ${n}, service: nova-compute }
  - upgrade: { node: ${n}, service: nova-compute }
  - start: { node: ${n}, service: nova-compute }
  - enable: { node: ${n}, service: nova-compute }
`;
const FINISH = `  - restart: { node: ctl1, service: [nova-conductor, nova-scheduler, nova-api] }
  - restart: { node: cmp1, service: nova-compute }
  - restart: { node: cmp2, service: nova-compute }
  - db: { service: nova, phase: online-migrations }
  - db: { service: placement, phase: online-migrations }
`;
const SAFE = CONTROL_AUTO + COMPUTE('cmp1') + COMPUTE('cmp2') + FINISH;

describe('a safe 2025.1 → 2026.1 rolling upgrade', () => {
  it('keeps every invariant', () => {
    expect(check(epoxy(SAFE)).violations).toEqual([]);
  });
  it('pins 6.4 while computes are mixed and 6.5 after the control restart, as real nova did', () => {
    const r = checkPlan(plan(epoxy(SAFE)), { timeline: true });
    const capOf = (label: string) => {
      const rec = r.timeline!.filter((t) => t.summary.startsWith(label)).at(-1)!;
      return rec.services.find((s) => s.node === 'ctl1' && s.service === 'nova-conductor')!.computeCap;
    };
    expect(capOf('start nova-conductor, nova-scheduler, nova-api on ctl1')).toBe('6.4');
    expect(capOf('enable nova-compute on cmp2')).toBe('6.4');
    expect(capOf('restart nova-conductor, nova-scheduler, nova-api on ctl1')).toBe('6.5');
  });
});

describe('UPGRADE_PATH', () => {
  it('refuses a skip that is not SLURP to SLURP, naming the route', () => {
    const r = check(epoxy(SAFE, { to: 'hibiscus' }));
    expect(errorCodes(r)).toContain('UPGRADE_PATH');
    const v = r.violations.find((x) => x.code === 'UPGRADE_PATH')!;
    expect(v.step).toBe(0);
    expect(v.message).toContain('Epoxy (2025.1) → Gazpacho (2026.1) → Hibiscus (2026.2)');
  });
  it('accepts SLURP to SLURP and adjacent releases', () => {
    expect(errorCodes(check(epoxy(SAFE)))).not.toContain('UPGRADE_PATH');
    expect(errorCodes(check(epoxy(SAFE, { from: 'flamingo' })))).not.toContain('UPGRADE_PATH');
  });
  it('refuses a downgrade, which no order of the releases makes an upgrade', () => {
    const r = check(epoxy(' []', { from: 'gazpacho', to: 'epoxy' }));
    expect(errorCodes(r)).toEqual(['UPGRADE_PATH']);
    expect(r.violations[0]!.message).toContain('Gazpacho (2026.1) → Epoxy (2025.1) is a downgrade');
  });
  it('refuses a step that installs a release outside from–to, naming the steps', () => {
    const r = check(epoxy(`  - upgrade: { node: cmp1, service: nova-compute, release: hibiscus }
  - upgrade: { node: cmp2, service: nova-compute, release: hibiscus }
`));
    const path = r.violations.filter((v) => v.code === 'UPGRADE_PATH');
    expect(path.map((v) => v.message)).toEqual(["steps 1, 2 name Hibiscus (2026.2), beyond the plan's to (Gazpacho (2026.1))"]);
  });
});

describe('a starting cloud that already mixes releases', () => {
  const caracal = '    old: { role: compute, services: [nova-compute], release: caracal }';
  it('is taken to work: its newer nova services are capped (auto) for the older computes', () => {
    const r = checkPlan(plan(epoxy(' []', { to: 'epoxy', topology: caracal })), { timeline: true });
    expect(errorCodes(r)).toEqual([]);
    const conductor = r.timeline![0]!.services.find((s) => s.node === 'ctl1' && s.service === 'nova-conductor')!;
    expect(conductor.computeCap).toBe('6.3');
  });
  it('an Antelope compute (service version 66) passes a Caracal minimum (66), as nova compares versions', () => {
    const antelope = caracal.replace('release: caracal', 'release: antelope');
    expect(errorCodes(check(epoxy(CONTROL_AUTO.replace(/gazpacho/g, 'epoxy'), { from: 'caracal', to: 'epoxy', topology: antelope })))).not.toContain('SERVICE_TOO_OLD');
    expect(errorCodes(check(epoxy(' []', { to: 'epoxy', topology: caracal.replace('release: caracal', 'release: zed') })))).toContain('SERVICE_TOO_OLD');
  });
});

describe('API_DOWNTIME', () => {
  it('a single controller stopped under a forbid policy takes the APIs down, with the window totalled', () => {
    const r = check(epoxy(SAFE, { policy: '{ instanceDowntime: forbid, apiDowntime: forbid }' }));
    expect(errorCodes(r)).toContain('API_DOWNTIME');
    expect(r.downtime.api.byService['nova-api']!.seconds).toBeGreaterThan(0);
    expect(r.violations.find((v) => v.code === 'API_DOWNTIME')!.message).toMatch(/steps \d+–\d+, about \d+ s/);
  });
  it('a policy listing the service accepts its outage, and only its', () => {
    const r = check(epoxy(SAFE, { policy: '{ instanceDowntime: forbid, apiDowntime: [nova, keystone, placement] }' }));
    expect(errorCodes(r)).toEqual([]);
    const r2 = check(epoxy(SAFE, { policy: '{ instanceDowntime: forbid, apiDowntime: [nova, placement] }' }));
    expect(r2.violations.filter((v) => v.code === 'API_DOWNTIME').map((v) => v.entities[0])).toEqual(['keystone']);
  });
});

describe('API_DOWNTIME: a parallel group may run at once', () => {
  /** Two keystone nodes with no frontend, so the check counts keystone up while either runs it. */
  const two = (steps: string) => `apiVersion: preflight/v1
name: restarts
from: epoxy
to: epoxy
policy: { instanceDowntime: forbid, apiDowntime: forbid }
topology:
  nodes:
    ctl1: { role: controller, services: [keystone] }
    ctl2: { role: controller, services: [keystone] }
steps:
${steps}`;
  it('restarting keystone on both nodes in one parallel group takes it down, with the reason', () => {
    const r = check(two(`  - parallel:
      - restart: { node: ctl1, service: keystone }
      - restart: { node: ctl2, service: keystone }
`));
    expect(errorCodes(r)).toEqual(['API_DOWNTIME']);
    expect(r.violations[0]!.message).toMatch(/parallel group, which may run at once/);
  });
  it('rebooting both nodes in one parallel group does too', () => {
    const r = check(two(`  - parallel:
      - reboot: { node: ctl1 }
      - reboot: { node: ctl2 }
`));
    expect(errorCodes(r)).toEqual(['API_DOWNTIME']);
  });
  it('the same restarts one after the other keep it up, as do parallel restarts of different services', () => {
    expect(errorCodes(check(two(`  - restart: { node: ctl1, service: keystone }
  - restart: { node: ctl2, service: keystone }
`)))).toEqual([]);
    const mixed = two(`  - parallel:
      - restart: { node: ctl1, service: keystone }
      - restart: { node: ctl2, service: glance-api }
`).replace('ctl2: { role: controller, services: [keystone] }', 'ctl2: { role: controller, services: [keystone, glance-api] }')
      .replace('ctl1: { role: controller, services: [keystone] }', 'ctl1: { role: controller, services: [keystone, glance-api] }');
    expect(errorCodes(check(mixed))).toEqual([]);
  });
});

describe('SERVICE_TOO_OLD', () => {
  const zed = '    old: { role: compute, services: [nova-compute], release: zed }';
  it('a Zed compute joining a 2025.1 deployment is refused (ServiceTooOld)', () => {
    const r = check(epoxy(`  - add-node: { node: cmp9, role: compute, services: [nova-compute], release: zed }\n`, { to: 'epoxy' }));
    expect(errorCodes(r)).toEqual(['SERVICE_TOO_OLD']);
    expect(r.violations[0]!.message).toContain('ServiceTooOld');
  });
  it('a 2025.1 compute refuses to join while a Zed compute is registered, as the lab saw (TooOldComputeService)', () => {
    const r = check(epoxy(`  - add-node: { node: cmp9, role: compute, services: [nova-compute], release: epoxy }\n`, { to: 'epoxy', topology: zed }));
    const joined = r.violations.filter((v) => v.step === 1 && v.code === 'SERVICE_TOO_OLD');
    expect(joined.map((v) => v.entities[0])).toEqual(['cmp9/nova-compute']);
    expect(joined[0]!.message).toContain('TooOldComputeService');
  });
  it('2026.1 control services refuse to start while a too-old compute is registered', () => {
    const r = check(epoxy(CONTROL_AUTO, { topology: zed }));
    const refusals = r.violations.filter((v) => v.code === 'SERVICE_TOO_OLD' && v.message.includes('TooOldComputeService'));
    expect(refusals.map((v) => v.entities[0])).toEqual(['ctl1/nova-conductor', 'ctl1/nova-scheduler', 'ctl1/nova-api']);
  });
  it('a 2025.1 compute under 2026.1 control is supported (N-2 between SLURP releases)', () => {
    expect(errorCodes(check(epoxy(CONTROL_AUTO + COMPUTE('cmp1'))))).toEqual([]);
  });
});

describe('ONLINE_MIGRATIONS_PENDING', () => {
  const hop = (migrate: boolean) => `apiVersion: preflight/v1
name: two hops
from: caracal
to: epoxy
policy: { apiDowntime: allow }
topology:
  nodes:
    ctl1: { role: controller, services: [keystone, placement-api, nova-api, nova-conductor, nova-scheduler] }
steps:
  - stop: { node: ctl1, service: "*" }
  - upgrade: { node: ctl1, service: "*", release: dalmatian }
  - db: { service: keystone, phase: sync, release: dalmatian }
  - db: { service: placement, phase: sync, release: dalmatian }
  - db: { service: nova, phase: sync, release: dalmatian }
  - start: { node: ctl1, service: "*" }
${migrate ? '  - db: { service: nova, phase: online-migrations }\n  - db: { service: placement, phase: online-migrations }\n' : ''}  - stop: { node: ctl1, service: "*" }
  - upgrade: { node: ctl1, service: "*" }
  - db: { service: keystone, phase: sync }
  - db: { service: placement, phase: sync }
  - db: { service: nova, phase: sync }
  - start: { node: ctl1, service: "*" }
  - db: { service: nova, phase: online-migrations }
  - db: { service: placement, phase: online-migrations }
`;
  it('a second hop over the first hop\'s pending online migrations is an error', () => {
    const r = check(hop(false));
    const v = r.violations.find((x) => x.code === 'ONLINE_MIGRATIONS_PENDING' && x.severity === 'error');
    expect(v?.message).toContain('online data migrations of dalmatian');
  });
  it('is satisfied when the first hop runs them', () => {
    expect(check(hop(true)).violations).toEqual([]);
  });
  it('migrations left pending at the end are a warning: the next upgrade needs them', () => {
    const r = check(epoxy(CONTROL_AUTO + COMPUTE('cmp1') + COMPUTE('cmp2') + FINISH.replace('  - db: { service: nova, phase: online-migrations }\n', '')));
    expect(warningCodes(r)).toContain('ONLINE_MIGRATIONS_PENDING');
    expect(r.verdict).toBe('pass');
  });
  it('is satisfied once the migrations run', () => {
    expect(warningCodes(check(epoxy(SAFE)))).not.toContain('ONLINE_MIGRATIONS_PENDING');
  });
});

describe('LIVE_MIGRATION_INCOMPATIBLE', () => {
  const ij = (cap: boolean) => `apiVersion: preflight/v1
name: lm
from: icehouse
to: juno
policy: { apiDowntime: allow }
topology:
  nodes:
    ctl: { role: controller, services: [nova-api, nova-conductor, nova-scheduler] }
    a: { role: compute, services: [nova-compute] }
    b: { role: compute, services: [nova-compute] }
  instances:
    vm: { host: a }
steps:
  - stop: { node: ctl, service: "*" }
  - upgrade: { node: ctl, service: "*" }
  - db: { service: nova, phase: sync }
  - config: { nodes: ${cap ? 'all' : '[ctl]'}, file: nova.conf, section: upgrade_levels, key: compute, value: icehouse }
  - start: { node: ctl, service: "*" }
  - disable: { node: b, service: nova-compute }
  - stop: { node: b, service: nova-compute }
  - upgrade: { node: b, service: nova-compute }
  - start: { node: b, service: nova-compute }
  - enable: { node: b, service: nova-compute }
  - live-migrate: { instance: vm, to: b }
`;
  it('a Juno compute without the cap cannot live-migrate with an Icehouse one', () => {
    const r = check(ij(false));
    expect(errorCodes(r)).toEqual(['LIVE_MIGRATION_INCOMPATIBLE']);
    expect(r.violations[0]!.message).toContain('3.35');
  });
  it('with the same cap on the new compute, the migration goes through', () => {
    expect(errorCodes(check(ij(true)))).toEqual([]);
  });
});

describe('INCOMPLETE_UPGRADE', () => {
  it('warns when the plan ends with services below the target', () => {
    const r = check(epoxy(CONTROL_AUTO + COMPUTE('cmp1')));
    expect(r.verdict).toBe('pass');
    expect(warningCodes(r)).toContain('INCOMPLETE_UPGRADE');
    expect(r.violations.find((v) => v.code === 'INCOMPLETE_UPGRADE')!.message).toContain('nova-compute on epoxy (cmp2)');
  });
  it('is quiet when every service reached the target', () => {
    expect(warningCodes(check(epoxy(SAFE)))).not.toContain('INCOMPLETE_UPGRADE');
  });
  it('warns when the plan leaves a service stopped, even on the target release', () => {
    const r = check(epoxy(SAFE.replace('  - start: { node: ctl1, service: [keystone, placement-api] }\n', '  - start: { node: ctl1, service: [placement-api] }\n')));
    const w = r.violations.filter((v) => v.code === 'INCOMPLETE_UPGRADE');
    expect(w.map((v) => v.message)).toEqual(['The plan ends with services not running: ctl1/keystone']);
    expect(w[0]!.severity).toBe('warning');
  });
});

describe('STALE_VERSION_CAP', () => {
  it('an auto pin not refreshed by a restart after the last compute is a warning', () => {
    const r = check(epoxy(CONTROL_AUTO + COMPUTE('cmp1') + COMPUTE('cmp2')));
    expect(warningCodes(r)).toContain('STALE_VERSION_CAP');
    expect(r.violations.find((v) => v.code === 'STALE_VERSION_CAP')!.message).toContain('6.4 < 6.5');
  });
});

describe('SCHEMA_MISMATCH', () => {
  it('new code started before its schema', () => {
    const r = check(epoxy(CONTROL_AUTO.replace('  - db: { service: nova, phase: sync }\n', '')));
    expect(errorCodes(r)).toContain('SCHEMA_MISMATCH');
  });
  it('a phase the release does not have', () => {
    const r = check(epoxy(`  - db: { service: nova, phase: contract }\n`, { to: 'epoxy' }));
    expect(errorCodes(r)).toEqual(['SCHEMA_MISMATCH']);
    expect(r.violations[0]!.message).toContain('does not exist');
  });
});

describe('SCHEDULING_ON_STOPPED', () => {
  it('rebooting a compute that is still enabled', () => {
    const r = check(epoxy(`  - reboot: { node: cmp1 }\n`, { to: 'epoxy', policy: '{ instanceDowntime: allow }' }));
    expect(errorCodes(r)).toEqual(['SCHEDULING_ON_STOPPED']);
  });
  it('rebooting it disabled is fine', () => {
    const r = check(epoxy(`  - disable: { node: cmp1, service: nova-compute }\n  - reboot: { node: cmp1 }\n  - enable: { node: cmp1, service: nova-compute }\n`, { to: 'epoxy', policy: '{ instanceDowntime: allow }' }));
    expect(errorCodes(r)).toEqual([]);
  });
});

describe('NO_ACTIVE_SERVICE', () => {
  it('no conductor while computes run, under a forbid policy', () => {
    const r = check(epoxy(`  - stop: { node: ctl1, service: nova-conductor }\n  - start: { node: ctl1, service: nova-conductor }\n`, { to: 'epoxy', policy: '{ apiDowntime: [nova-api] }' }));
    expect(errorCodes(r)).toEqual(['NO_ACTIVE_SERVICE']);
  });
});

describe('db phases re-run', () => {
  const keystone = (phases: string[]) => `apiVersion: preflight/v1
name: rerun
from: newton
to: ocata
policy: { apiDowntime: allow }
topology:
  nodes:
    ctl1: { role: controller, services: [keystone] }
steps:
  - stop: { node: ctl1, service: keystone }
  - upgrade: { node: ctl1, service: keystone }
${phases.map((p) => `  - db: { service: keystone, phase: ${p} }`).join('\n')}
  - start: { node: ctl1, service: keystone }
`;
  it('re-running expand, migrate or contract at the same target does nothing, as keystone-manage does', () => {
    expect(check(keystone(['expand', 'expand', 'migrate', 'migrate', 'contract', 'contract'])).violations).toEqual([]);
  });
  it('a contract with nothing expanded is still refused', () => {
    expect(errorCodes(check(keystone(['contract'])))).toEqual(['SCHEMA_MISMATCH']);
  });
});

describe('UPGRADE_PATH between SLURP releases', () => {
  it('goes to the next SLURP release only: 2023.1 → 2025.1 is routed through 2024.1', () => {
    const r = check(`apiVersion: preflight/v1
name: slurp
from: antelope
to: epoxy
topology:
  nodes:
    ctl1: { role: controller, services: [keystone] }
steps: []
`);
    const v = r.violations.find((x) => x.code === 'UPGRADE_PATH')!;
    expect(v.message).toContain('Antelope (2023.1) → Caracal (2024.1) → Epoxy (2025.1)');
  });
});

describe('UPGRADE_PATH of a multi-hop plan', () => {
  const hops = (via: string) => `apiVersion: preflight/v1
name: hops
from: dalmatian
to: gazpacho
policy: { apiDowntime: allow }
topology:
  nodes:
    ctl1: { role: controller, services: [keystone] }
steps:
  - stop: { node: ctl1, service: keystone }
  - upgrade: { node: ctl1, service: keystone, release: ${via} }
  - db: { service: keystone, phase: sync, release: ${via} }
  - upgrade: { node: ctl1, service: keystone }
  - db: { service: keystone, phase: sync }
  - start: { node: ctl1, service: keystone }
`;
  it('accepts release-tagged steps that spell a supported route', () => {
    expect(errorCodes(check(hops('epoxy')))).toEqual([]);
  });
  it('names the hop that is not supported', () => {
    const r = check(hops('flamingo'));
    expect(r.violations.find((v) => v.code === 'UPGRADE_PATH')!.message).toContain('Dalmatian (2024.2) → Flamingo (2025.2)');
  });
});

