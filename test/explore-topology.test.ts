/**
 * Generated topologies: 1–5 controllers, 1–50 computes, 0–200 instances, with or without haproxy
 * and network nodes, over every supported release pair the generator handles; the generated live
 * compute plan, and every scenario generator's plan, must satisfy every invariant. Fixed seed,
 * bounded runs; fast-check prints the seed and path of a failure. Pairs are the supported ones the
 * catalogue has nova compute RPC facts for and whose computes the new nova accepts (syntheticPairs):
 * two-SLURP skips such as antelope → epoxy and anything to the newest release fail today.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateScenario, SCENARIOS } from '../src/scenarios/generators/index.ts';
import type { DatabaseName, FrontendName, InstanceName, NodeName, NodeSpec, ReleaseName, ServiceName, Topology } from '../src/scenarios/plan.ts';
import { checkPlan } from '../src/sim/check.ts';
import { syntheticPairs, syntheticPlan } from '../src/sim/explore/synthetic.ts';

const pairs = syntheticPairs();

describe('generated topologies and release pairs', () => {
  it('the generator covers the supported pairs with compute RPC facts', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(25);
    expect(pairs).toContainEqual({ from: 'newton', to: 'ocata' });
  });

  it('every generated plan satisfies every invariant', () => {
    const shape = fc.record({
      pair: fc.constantFrom(...pairs),
      controllers: fc.integer({ min: 1, max: 5 }),
      computes: fc.integer({ min: 1, max: 50 }),
      instances: fc.integer({ min: 0, max: 200 }),
      haproxy: fc.boolean(),
      networkNodes: fc.integer({ min: 0, max: 2 }),
    });
    fc.assert(fc.property(shape, ({ pair, ...rest }) => {
      const r = checkPlan(syntheticPlan({ ...pair, ...rest }));
      const errors = r.violations.filter((v) => v.severity === 'error').map((v) => `${v.code} at ${v.stepId}: ${v.message}`);
      expect(errors).toEqual([]);
    }), { seed: 1124, numRuns: 12 });
  });
});

const CONTROL: ServiceName[] = ['keystone', 'glance-api', 'glance-registry', 'nova-api', 'nova-conductor', 'nova-scheduler', 'neutron-server', 'cinder-api', 'cinder-scheduler', 'cinder-volume', 'horizon'];
const AGENTS: ServiceName[] = ['neutron-l2-agent', 'neutron-l3-agent', 'neutron-dhcp-agent', 'neutron-metadata-agent'];
const FRONTENDS: ServiceName[] = ['keystone', 'glance-api', 'nova-api', 'neutron-server', 'cinder-api'];

interface TopologyShape { controllers: number; computes: number; instances: number; haproxy: boolean; networkNodes: number }

/** The inventory layouts of examples/generated/inventories, at any size. */
function topology(s: TopologyShape): Topology {
  const name = (n: string) => n as NodeName;
  const ctl = Array.from({ length: s.controllers }, (_, i) => name(`controller${i + 1}`));
  const nodes: NodeSpec[] = [
    ...ctl.map((n): NodeSpec => ({ name: n, role: 'controller', services: CONTROL })),
    ...Array.from({ length: s.networkNodes }, (_, i): NodeSpec => ({ name: name(`network${i + 1}`), role: 'network', services: AGENTS })),
    ...Array.from({ length: s.computes }, (_, i): NodeSpec => ({ name: name(`compute${i + 1}`), role: 'compute', services: ['nova-compute', 'neutron-l2-agent'] })),
  ];
  return {
    nodes,
    loadBalancers: s.haproxy ? FRONTENDS.map((service) => ({ name: service.replace(/-(api|server)$/, '') as FrontendName, service, backends: ctl })) : [],
    databases: [{ name: 'default' as DatabaseName, projects: [] }],
    instances: Array.from({ length: s.instances }, (_, i) => ({ name: `vm${i + 1}` as InstanceName, host: name(`compute${(i % s.computes) + 1}`) })),
  };
}

describe('the scenario generators over generated topologies', () => {
  it('every plan a generator accepts to write satisfies every invariant (refusals are data)', () => {
    let checked = 0;
    const input = fc.record({
      scenario: fc.constantFrom(...SCENARIOS),
      pair: fc.constantFrom(...pairs),
      controllers: fc.integer({ min: 1, max: 5 }),
      computes: fc.integer({ min: 1, max: 50 }),
      instances: fc.integer({ min: 0, max: 200 }),
      haproxy: fc.boolean(),
      networkNodes: fc.integer({ min: 0, max: 2 }),
    });
    fc.assert(fc.property(input, ({ scenario, pair, ...shape }) => {
      const res = generateScenario(scenario, topology(shape), pair.from as ReleaseName, pair.to as ReleaseName);
      if (!res.ok) {
        expect(res.code).toBe('TOPOLOGY');
        return;
      }
      checked++;
      const errors = checkPlan(res.plan).violations.filter((v) => v.severity === 'error').map((v) => `${v.code} at ${v.stepId}: ${v.message}`);
      expect(errors).toEqual([]);
    }), { seed: 1124, numRuns: 25 });
    expect(checked).toBeGreaterThan(10);
  });
});
