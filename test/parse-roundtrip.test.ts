/**
 * serializePlan round-trips: parsing what it writes gives back the same Plan, apart from
 * source locations and the file name. Scenario generators rely on this.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatPlanErrors } from '../src/scenarios/parse-errors.ts';
import { parsePlan } from '../src/scenarios/parse.ts';
import type { Plan } from '../src/scenarios/plan.ts';
import { serializePlan } from '../src/scenarios/serialize.ts';

const VALID = join(import.meta.dirname, 'fixtures/plans/valid');
const EXAMPLES = join(import.meta.dirname, '../examples');

function parseOk(text: string, file = '<inline>'): Plan {
  const result = parsePlan(text, file);
  if (!result.ok) throw new Error(`${formatPlanErrors(result.errors)}\n---\n${text}`);
  return result.plan;
}

/** The plan without `at` locations and `file`: what a round trip must preserve. */
function comparable(plan: Plan): unknown {
  return JSON.parse(JSON.stringify({ ...plan, file: undefined }, (key, value) => (key === 'at' ? undefined : value)));
}

describe('serializePlan', () => {
  const fixtures = readdirSync(VALID).filter((f) => f.endsWith('.yaml'));

  it('has fixtures to round-trip', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(3);
  });

  it.each(fixtures)('round-trips %s', (name) => {
    const plan = parseOk(readFileSync(join(VALID, name), 'utf8'), name);
    const again = parseOk(serializePlan(plan), 'again.yaml');
    expect(comparable(again)).toEqual(comparable(plan));
  });

  /** Every plan under examples/ (inventories and other YAML there are not plans). */
  const examples = readdirSync(EXAMPLES, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.yaml'))
    .filter((f) => /^apiVersion: preflight\/v1$/m.test(readFileSync(join(EXAMPLES, f), 'utf8')));

  it.each(examples)('round-trips the example %s', (name) => {
    const plan = parseOk(readFileSync(join(EXAMPLES, name), 'utf8'), name);
    expect(comparable(parseOk(serializePlan(plan)))).toEqual(comparable(plan));
  });

  it('writes the contract format: labels as name, one flow map per step body', () => {
    const plan = parseOk(readFileSync(join(VALID, 'icehouse-juno-live-compute.yaml'), 'utf8'));
    const text = serializePlan(plan);
    expect(text).toContain('apiVersion: preflight/v1\n');
    expect(text).toContain('  - name: stop the nova control plane\n    stop: {node: controller1, service: [nova-api, nova-conductor, nova-scheduler]}\n');
    expect(text).toContain('    compute1: {role: compute, services: [nova-compute]}\n');
    expect(text).toContain('  - cold-migrate: {instance: vm2, to: compute1}\n    duration: 120\n');
    expect(text).toContain('  - parallel:\n      - restart: {node: controller1, service: [nova-conductor, nova-scheduler]}\n');
    expect(text).toMatch(/^# /);
  });

  it('keeps values YAML would otherwise retype, and names that need quoting', () => {
    const text = [
      'apiVersion: preflight/v1',
      'name: "upgrade: the #1 plan"',
      'from: icehouse',
      'to: juno',
      'topology:',
      '  nodes:',
      '    "yes": { role: compute, services: [nova-compute] }',
      '    "10": { role: controller, services: [nova-api] }',
      'steps:',
      '  - name: "- dash: and colon"',
      '    config: { nodes: all, file: nova.conf, section: DEFAULT, key: workers, value: "4" }',
      '  - config: { nodes: ["yes"], file: nova.conf, section: DEFAULT, key: debug, value: "true" }',
      '  - config: { nodes: ["10"], file: nova.conf, section: DEFAULT, key: debug, value: null }',
      '  - config: { nodes: ["10"], file: nova.conf, section: DEFAULT, key: empty, value: "" }',
    ].join('\n');
    const plan = parseOk(text);
    const again = parseOk(serializePlan(plan));
    expect(comparable(again)).toEqual(comparable(plan));
    expect(again.steps.map((s) => (s.action.verb === 'config' ? s.action.value : 'x'))).toEqual(['4', 'true', null, '']);
  });

  it('writes a declared database named default, and omits the implicit one', () => {
    const base = (databases: string[]) =>
      ['apiVersion: preflight/v1', 'from: grizzly', 'to: havana', 'topology:', ...databases, '  nodes:', '    c: { role: compute, services: [nova-compute] }', 'steps: []'].join('\n');
    const implicit = parseOk(base([]));
    expect(serializePlan(implicit)).not.toContain('databases');
    const declared = parseOk(base(['  databases:', '    default: { services: [nova] }', '    other: { services: [keystone] }']));
    expect(declared.topology.databases.map((d) => d.name)).toEqual(['default', 'other']);
    expect(comparable(parseOk(serializePlan(declared)))).toEqual(comparable(declared));
  });
});
