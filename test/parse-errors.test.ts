/**
 * Every plan error code, each from a fixture in test/fixtures/plans/invalid, asserting the exact
 * line:column, message and hint of every error the plan produces (so an extra or a missing
 * error fails too).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatPlanError, PLAN_ERRORS } from '../src/scenarios/parse-errors.ts';
import { loadPlanFile } from '../src/scenarios/load.ts';
import { parsePlan } from '../src/scenarios/parse.ts';

const DIR = join(import.meta.dirname, 'fixtures/plans/invalid');

/** fixture → the errors it must produce, as `line:column: [code] message; hint`. */
const EXPECTED: [string, string[]][] = [
  ['E001-yaml-syntax.yaml', [
    '6:59: [PLAN-E001] YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    '6:60: [PLAN-E001] YAML: Flow map in block collection must be sufficiently indented and end with a }',
  ]],
  ['E002-duplicate-names.yaml', [
    '7:5: [PLAN-E002] duplicate node name "compute1"; first written at line 6, column 5',
    '10:5: [PLAN-E002] duplicate instance name "vm1"; first written at line 9, column 5',
    '12:31: [PLAN-E002] duplicate key "node"; first written at line 12, column 15',
  ]],
  ['E003-unknown-top-level.yaml', [
    '4:1: [PLAN-E003] unknown top-level field "polcy"; did you mean policy?',
    '9:1: [PLAN-E003] unknown top-level field "owner"',
  ]],
  ['E004-api-version-missing.yaml', [
    '1:1: [PLAN-E004] missing apiVersion; write apiVersion: preflight/v1',
  ]],
  ['E004-api-version.yaml', [
    '1:13: [PLAN-E004] apiVersion must be preflight/v1, got "preflight/v2"; write apiVersion: preflight/v1',
  ]],
  ['E005-missing-fields.yaml', [
    '1:1: [PLAN-E005] missing required field "from"',
    '1:1: [PLAN-E005] missing required field "steps"',
    '3:1: [PLAN-E005] missing required field "nodes" in topology',
  ]],
  ['E005-missing-verb-fields.yaml', [
    '6:5: [PLAN-E005] missing required field "services" in topology.nodes.compute1',
    '8:5: [PLAN-E005] missing required field "service" in stop',
    '9:5: [PLAN-E005] missing required field "value" in config',
  ]],
  ['E006-unknown-release.yaml', [
    '2:7: [PLAN-E006] unknown release "icehose"; did you mean icehouse?',
    '3:5: [PLAN-E006] unknown release "2099.1"; did you mean 2023.1?',
    '6:67: [PLAN-E006] unknown release "junoo"; did you mean juno?',
    '8:83: [PLAN-E006] unknown release "kilo2"; did you mean kilo?',
    '9:64: [PLAN-E006] unknown release "mitaka1"; did you mean mitaka?',
    '10:48: [PLAN-E006] unknown release "2015.3"; did you mean 2025.1?',
  ]],
  ['E007-bad-types.yaml', [
    '2:7: [PLAN-E007] name must be text, got a list',
    '7:42: [PLAN-E007] topology.nodes.compute1.services must be a list, got "nova-compute"',
    '9:41: [PLAN-E007] upgrade.service must be a service name, a glob like "nova-*" or a list of them, got number 42',
    '12:15: [PLAN-E007] duration must be a number, got "ten minutes"',
    '13:90: [PLAN-E007] config.value must be a text, number or boolean value, or null to remove the key, got a list',
  ]],
  ['E007-odd-shapes.yaml', [
    '6:8: [PLAN-E007] topology.nodes.c1 must be a map, got nothing',
    '8:14: [PLAN-E007] topology.instances must be a map, got a list',
    '10:4: [PLAN-E007] step 1 must be a map, got nothing',
    '11:10: [PLAN-E007] stop must be a map, got nothing',
    '12:15: [PLAN-E007] parallel must be a list, got a map',
    '13:13: [PLAN-E007] reboot must be a map, got "c2"',
    '14:11: [PLAN-E007] name must be text, got number 5',
  ]],
  ['E007-not-a-map.yaml', [
    '1:1: [PLAN-E007] a plan must be a map of fields, got a list',
  ]],
  ['E008-bad-enums.yaml', [
    '5:21: [PLAN-E008] invalid policy.instanceDowntime "never"; valid: forbid, allow',
    '6:16: [PLAN-E008] invalid policy.apiDowntime "sometimes"; valid: forbid, allow, or a list',
    '9:23: [PLAN-E008] invalid topology.nodes.compute1.role "comptue"; did you mean compute? (valid: controller, compute, network, storage, monitoring)',
    '11:33: [PLAN-E008] invalid db.phase "expnad"; did you mean expand? (valid: expand, migrate, contract, sync, online-migrations)',
  ]],
  ['E009-unknown-fields.yaml', [
    '4:31: [PLAN-E009] unknown field "maintenance" in policy',
    '7:58: [PLAN-E009] unknown field "rack" in topology.nodes.compute1',
    '11:29: [PLAN-E009] unknown field "services" in stop; did you mean service?',
    '12:5: [PLAN-E005] missing required field "to" in live-migrate',
    '12:36: [PLAN-E009] unknown field "target" in live-migrate',
  ]],
  ['E010-unknown-verb.yaml', [
    '4:14: [PLAN-E010] unknown verb "upgarde" in durations; did you mean upgrade?',
    '9:5: [PLAN-E010] unknown verb "stpo"; did you mean stop?',
    '11:9: [PLAN-E010] unknown verb "migrate"; did you mean live-migrate?',
  ]],
  ['E011-no-verb.yaml', [
    '8:5: [PLAN-E011] step has no verb; add one of: drain, undrain, stop, start, restart, upgrade, db, config, disable, enable, live-migrate, cold-migrate, redeploy, delete-instance, reboot, add-node, remove-node, failover, parallel',
    '9:5: [PLAN-E011] step has no verb; add one of: drain, undrain, stop, start, restart, upgrade, db, config, disable, enable, live-migrate, cold-migrate, redeploy, delete-instance, reboot, add-node, remove-node, failover, parallel',
  ]],
  ['E012-two-verbs.yaml', [
    '9:5: [PLAN-E012] step has more than one verb (stop, upgrade); split it into separate steps, or group them under parallel',
  ]],
  ['E013-unknown-service.yaml', [
    '6:59: [PLAN-E013] unknown service "nova-conductr"; did you mean nova-conductor?',
    '8:22: [PLAN-E013] unknown service "nova-apis"; did you mean nova-api?',
    '10:55: [PLAN-E013] unknown service "conductor"; did you mean nova-conductor?',
    '11:26: [PLAN-E013] unknown service "cinder-vol"; did you mean cinder-volume?',
    '13:23: [PLAN-E013] unknown service or project "cinder-ap"; did you mean cinder-api?',
  ]],
  ['E014-unknown-node.yaml', [
    '9:18: [PLAN-E014] unknown node "compute7"; did you mean compute1?',
    '11:19: [PLAN-E014] unknown node "controler1"; did you mean controller1?',
    '13:21: [PLAN-E014] node "compute1" was removed at step 2',
    '14:36: [PLAN-E014] unknown node "compute2"; known nodes: controller1',
  ]],
  ['E015-unknown-frontend.yaml', [
    '10:24: [PLAN-E015] unknown frontend "keystne"; did you mean keystone?',
  ]],
  ['E016-unknown-instance.yaml', [
    '11:31: [PLAN-E016] unknown instance "vm2"; did you mean vm1?',
    '13:31: [PLAN-E016] instance "vm1" was deleted at step 2',
  ]],
  ['E017-unknown-database.yaml', [
    '8:68: [PLAN-E017] unknown database "nova-nwe"; known databases: nova-old, default',
    '10:49: [PLAN-E017] unknown database "nova-new"; known databases: nova-old, default',
  ]],
  ['E018-service-not-on-node.yaml', [
    '9:60: [PLAN-E018] node "compute1" does not run keystone; it runs nova-compute',
    '11:18: [PLAN-E018] node "controller1" does not run nova-compute; it runs keystone, nova-conductor',
    '13:38: [PLAN-E018] node "compute1" does not run nova-conductor; it runs nova-compute',
    '14:14: [PLAN-E018] node "controller1" does not run nova-compute; it runs keystone, nova-conductor',
    '16:40: [PLAN-E018] node "compute2" does not run nova-compute; it runs nova-network',
    '17:40: [PLAN-E018] node "compute1" does not run keystone; it runs nova-compute',
  ]],
  ['E019-glob-matches-nothing.yaml', [
    '8:41: [PLAN-E019] "neutron-*" matches no service on node "compute1"; it runs nova-compute',
    '9:56: [PLAN-E019] "cinder-*" matches no service on node "compute1"; it runs nova-compute',
  ]],
  ['E020-node-exists.yaml', [
    '8:23: [PLAN-E020] node "compute1" already exists; remove it first, or pick another name',
  ]],
  ['E022-bad-values.yaml', [
    '4:22: [PLAN-E022] durations.reboot must be 0 or more, got number -1',
    '9:15: [PLAN-E022] a parallel group needs at least one step',
    '11:9: [PLAN-E022] parallel groups cannot be nested; list the inner steps directly in the outer group',
    '14:15: [PLAN-E022] duration must be 0 or more, got number -30',
    '15:24: [PLAN-E022] policy.apiDowntime needs at least 1 entry, got an empty list',
  ]],
  ['E023-unknown-project.yaml', [
    '6:23: [PLAN-E023] horizon has no database schema; projects with one: keystone, glance, placement, nova, neutron, cinder',
    '6:32: [PLAN-E023] unknown project "swift"',
    '10:20: [PLAN-E023] unknown project "novaa"; did you mean nova?',
    '11:20: [PLAN-E023] horizon has no database schema; projects with one: keystone, glance, placement, nova, neutron, cinder',
  ]],
  ['E024-not-a-backend.yaml', [
    '11:40: [PLAN-E024] node "controller2" is not a backend of frontend "keystone"; its backends are controller1',
  ]],
  ['E025-database-lacks-project.yaml', [
    '10:53: [PLAN-E025] database "nova-new" does not hold the keystone schema; it holds nova',
  ]],
];

function errorsOf(fixture: string): string[] {
  const result = parsePlan(readFileSync(join(DIR, fixture), 'utf8'), fixture);
  if (result.ok) return ['(parsed without errors)'];
  for (const e of result.errors) expect(e.file).toBe(fixture);
  return result.errors.map((e) => formatPlanError(e).slice(fixture.length + 1));
}

describe('plan errors', () => {
  it.each(EXPECTED)('%s', (fixture, expected) => {
    expect(errorsOf(fixture)).toEqual(expected);
  });

  it('has a case for every fixture and a fixture for every code', () => {
    const fixtures = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();
    expect(EXPECTED.map(([f]) => f).sort()).toEqual(fixtures);
    const covered = new Set(EXPECTED.flatMap(([, lines]) => lines.map((l) => /\[(PLAN-E\d+)\]/.exec(l)?.[1])));
    covered.add('PLAN-E021'); // an unreadable file has no fixture: tested below
    expect([...covered].sort()).toEqual(Object.keys(PLAN_ERRORS).sort());
  });

  it('PLAN-E021: a missing file is a located plan error, not an exception', async () => {
    const result = await loadPlanFile(join(DIR, 'no-such-plan.yaml'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(formatPlanError(result.errors[0]!)).toBe(`${join(DIR, 'no-such-plan.yaml')}:1:1: [PLAN-E021] cannot read the plan file: no such file`);
  });

  it('PLAN-E021: a directory is not a plan', async () => {
    const result = await loadPlanFile(DIR);
    expect(result.ok ? [] : result.errors.map((e) => e.message)).toEqual(['cannot read the plan file: it is a directory']);
  });

  it('reports the errors of several sections at once, in file order', () => {
    const text = [
      'apiVersion: preflight/v1',
      'from: icehose',
      'to: juno',
      'topology:',
      '  nodes:',
      '    c1: { role: compute, services: [nova-compute] }',
      'steps:',
      '  - reboot: { node: c2 }',
      '  - stpo: { node: c1 }',
    ].join('\n');
    const result = parsePlan(text);
    expect(result.ok ? [] : result.errors.map(formatPlanError)).toEqual([
      '<inline>:2:7: [PLAN-E006] unknown release "icehose"; did you mean icehouse?',
      '<inline>:8:21: [PLAN-E014] unknown node "c2"; did you mean c1?',
      '<inline>:9:5: [PLAN-E010] unknown verb "stpo"; did you mean stop?',
    ]);
  });

  it('never throws on hostile input', () => {
    for (const text of ['', '~', '42', '"just text"', '[1, 2]', 'a: *missing', '---\na: 1\n---\nb: 2', '{', 'steps: 5', 'topology: []\nsteps: {}']) {
      const result = parsePlan(text);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors.length).toBeGreaterThan(0);
    }
  });
});

describe('docs/plan-format.md', () => {
  it('lists every error code with the meaning the code table gives it', () => {
    const doc = readFileSync(join(import.meta.dirname, '../docs/plan-format.md'), 'utf8');
    const rows = [...doc.matchAll(/^\| (PLAN-E\d{3}) \| (.+) \|$/gm)].map((m) => [m[1], m[2]]);
    expect(rows).toEqual(Object.entries(PLAN_ERRORS));
  });
});
