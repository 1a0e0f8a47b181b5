/** Benchmark: synthesize the plan of a 3-controller, 100-compute cloud (goal: under 10 s), single hop and multi-hop. */
import { performance } from 'node:perf_hooks';
import { findRelease } from '../src/models/catalogue/releases.ts';
import type { DatabaseName, InstanceName, NodeName, NodeSpec, ReleaseName, ServiceName, Topology } from '../src/scenarios/plan.ts';
import { synthesizePlan } from '../src/synth/index.ts';

export interface Figure {
  name: string;
  value: number;
  unit: string;
  goal?: string;
}

const CONTROL: ServiceName[] = ['keystone', 'glance-api', 'glance-registry', 'nova-api', 'nova-conductor', 'nova-scheduler', 'neutron-server', 'cinder-api', 'cinder-scheduler', 'cinder-volume', 'horizon'];

function cloud(controllers: number, computes: number): Topology {
  const nodes: NodeSpec[] = [
    ...Array.from({ length: controllers }, (_, i) => ({ name: `controller${i + 1}` as NodeName, role: 'controller' as const, services: [...CONTROL] })),
    { name: 'network1' as NodeName, role: 'network', services: ['neutron-l2-agent', 'neutron-l3-agent', 'neutron-dhcp-agent', 'neutron-metadata-agent'] },
    ...Array.from({ length: computes }, (_, i) => ({ name: `compute${i + 1}` as NodeName, role: 'compute' as const, services: ['nova-compute', 'neutron-l2-agent'] as ServiceName[] })),
  ];
  const instances = Array.from({ length: computes * 4 }, (_, i) => ({ name: `vm${i + 1}` as InstanceName, host: `compute${Math.floor(i / 4) + 1}` as NodeName }));
  return { nodes, loadBalancers: [], databases: [{ name: 'default' as DatabaseName, projects: ['keystone', 'glance', 'placement', 'nova', 'neutron', 'cinder'] }], instances };
}

function time(label: string, from: string, to: string, compare: boolean): Figure[] {
  const topo = cloud(3, 100);
  const rel = (r: string) => findRelease(r)!.name as ReleaseName;
  const t = performance.now();
  const cpu0 = process.cpuUsage();
  const r = synthesizePlan(topo, rel(from), rel(to), { instanceDowntime: 'forbid', apiDowntime: 'forbid' }, 'downtime', { compare });
  const ms = performance.now() - t;
  const cpu = process.cpuUsage(cpu0);
  const hops = r.ok ? r.hops : r.alternative?.hops ?? [];
  const steps = hops.reduce((n, h) => n + h.plan.steps.length, 0);
  const checked = hops.reduce((n, h) => n + h.checked, 0);
  return [
    { name: `${label}: synthesis, wall time (${hops.length} hop(s), ${steps} steps, ${checked} partial plans checked${r.ok ? '' : ', alternative'})`, value: Math.round(ms), unit: 'ms', goal: '< 10000 ms' },
    { name: `${label}: synthesis, CPU time`, value: Math.round((cpu.user + cpu.system) / 1000), unit: 'ms' },
  ];
}

export function bench(): Figure[] {
  return [
    ...time('Newton → Ocata, 3 controllers + 100 computes', 'newton', 'ocata', false),
    ...time('same, with the generator comparison', 'newton', 'ocata', true),
    ...time('2024.2 → 2026.1 (multi-hop, cinder outage alternative), 3 controllers + 100 computes', '2024.2', '2026.1', false),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const f of bench()) console.log(`${f.name}: ${f.value} ${f.unit}${f.goal ? ` (goal ${f.goal})` : ''}`);
}
