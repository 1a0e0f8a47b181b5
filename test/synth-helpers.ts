/** Topologies built in code for the synthesis tests: C controllers (behind haproxy when 2+), one network node, N computes. */
import type { DatabaseName, InstanceName, NodeName, NodeSpec, ServiceName, Topology } from '../src/scenarios/plan.ts';
import { DATABASE_PROJECTS } from '../src/scenarios/selectors.ts';
import { expect } from 'vitest';
import { findRelease } from '../src/models/catalogue/releases.ts';
import type { ReleaseName } from '../src/scenarios/plan.ts';
import { checkPlan } from '../src/sim/check.ts';
import { synthesizePlan } from '../src/synth/index.ts';
import type { Hop, SynthesisOptions } from '../src/synth/types.ts';

const CONTROL: ServiceName[] = ['keystone', 'glance-api', 'glance-registry', 'nova-api', 'nova-conductor', 'nova-scheduler', 'neutron-server', 'cinder-api', 'cinder-scheduler', 'cinder-volume', 'horizon'];
const AGENTS: ServiceName[] = ['neutron-l2-agent', 'neutron-l3-agent', 'neutron-dhcp-agent', 'neutron-metadata-agent'];

export function cloud(controllers: number, computes: number, opts: { quantum?: boolean; instancesPerCompute?: number } = {}): Topology {
  const control = opts.quantum ? CONTROL.map((s) => (s === 'neutron-server' ? 'quantum-server' : s)) : CONTROL;
  const nodes: NodeSpec[] = [
    ...Array.from({ length: controllers }, (_, i) => ({ name: `controller${i + 1}` as NodeName, role: 'controller' as const, services: [...control] })),
    { name: 'network1' as NodeName, role: 'network', services: [...AGENTS] },
    ...Array.from({ length: computes }, (_, i) => ({ name: `compute${i + 1}` as NodeName, role: 'compute' as const, services: ['nova-compute', 'neutron-l2-agent'] as ServiceName[] })),
  ];
  const per = opts.instancesPerCompute ?? 1;
  const instances = Array.from({ length: computes * per }, (_, i) => ({ name: `vm${i + 1}` as InstanceName, host: `compute${Math.floor(i / per) + 1}` as NodeName }));
  return { nodes, loadBalancers: [], databases: [{ name: 'default' as DatabaseName, projects: [...DATABASE_PROJECTS] }], instances };
}

/** The pairs of the scenario issue, and unsupported ones solved multi-hop. */
export const PAIRS: [string, string][] = [
  ['grizzly', 'havana'], ['havana', 'icehouse'], ['icehouse', 'juno'], ['newton', 'ocata'], ['2025.1', '2026.1'], ['2025.2', '2026.1'],
];
export const MULTI_HOP: [string, string][] = [['2024.2', '2026.1'], ['zed', '2025.1']];


export const rel = (r: string) => findRelease(r)!.name as ReleaseName;
export const ZERO = { instanceDowntime: 'forbid', apiDowntime: 'forbid' } as const;

/** The hops of the zero-downtime plan, or of the least-downtime alternative where it is impossible. */
export function hopsFor(topo: Topology, from: string, to: string, options: SynthesisOptions = {}): Hop[] {
  const r = synthesizePlan(topo, rel(from), rel(to), ZERO, 'downtime', options);
  if (r.ok) return r.hops;
  expect(r.alternative, r.reason).toBeDefined();
  return r.alternative!.hops;
}

/** Passes its own check with no warning; no worse than the best passing generator on each downtime measure. */
export function expectSound(h: Hop): void {
  const again = checkPlan(h.plan);
  expect(again.verdict, again.violations.map((v) => `${v.stepId} ${v.code} ${v.message}`).join('\n')).toBe('pass');
  expect(again.violations.filter((v) => v.severity === 'warning').map((v) => v.message)).toEqual([]);
  const passing = (h.comparison?.generators ?? []).filter((g) => g.verdict === 'pass' && g.predicted);
  for (const key of ['instanceSeconds', 'apiServiceSeconds', 'apiSeconds'] as const) {
    if (passing.length === 0) continue;
    const best = Math.min(...passing.map((g) => g.predicted![key]));
    expect(h.predicted[key], `${h.from}→${h.to} ${key}`).toBeLessThanOrEqual(best);
  }
}
