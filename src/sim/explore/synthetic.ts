/**
 * A generated live-compute plan for any topology size and release pair: the bench explores a
 * 100-compute one, and the CI property test checks many small ones. It is written as plan text and
 * parsed, so it goes through the same validation as an operator's file. Until the scenario
 * generators land (src/scenarios/generators/), this is the one generated plan we have.
 */
import { availablePhases, hasOnlineMigrations } from '../../models/catalogue/db-rules.ts';
import { computeAccepts, computeRpcLatest, formatRpcVersion } from '../../models/catalogue/nova-rpc.ts';
import { release, RELEASES } from '../../models/catalogue/releases.ts';
import { oldestSupportedCompute } from '../../models/catalogue/nova-skew.ts';
import { parseRpcVersion } from '../../models/catalogue/rpc-version.ts';
import { upgradePath } from '../../models/catalogue/upgrade-path.ts';
import { parsePlan } from '../../scenarios/parse.ts';
import type { DbPhase, Plan, Project } from '../../scenarios/plan.ts';

export interface SyntheticShape {
  from: string;
  to: string;
  controllers: number;
  computes: number;
  instances: number;
  haproxy: boolean;
  networkNodes: number;
}

const CONTROL = ['keystone', 'glance-api', 'neutron-server', 'nova-api', 'nova-conductor', 'nova-scheduler'];
const AGENTS = ['neutron-l3-agent', 'neutron-dhcp-agent'];

/** Schema phases that take `project` to `to` with its services stopped (an offline project upgrade). */
function offlinePhases(project: Project, to: string): DbPhase[] {
  const phases = availablePhases(project, to as Plan['to']);
  if (phases.includes('expand')) return phases.filter((p) => p === 'expand' || p === 'migrate' || p === 'contract');
  return ['sync'];
}

/**
 * The compute cap the controllers run with while old computes remain: `auto` where it exists,
 * else a version both releases' computes accept (the old release's latest, or a compat alias).
 */
function capValue(from: string, to: string): string {
  if (release(to).raw.nova.upgradeLevelsComputeAutoAvailable) return 'auto';
  const known = Object.values(release(to).raw.nova.computeRpcAliasesKnownAtTag ?? {}) as string[];
  const latest = computeRpcLatest(from as Plan['from']);
  const candidates = [...(latest ? [latest] : []), ...known.map((k) => parseRpcVersion(k))];
  const both = candidates.find((v) => computeAccepts(from as Plan['from'], v) && computeAccepts(to as Plan['to'], v));
  return both ? formatRpcVersion(both) : 'auto';
}

/**
 * Release pairs the generated plan supports: every supported upgrade whose nova compute RPC the
 * catalogue records on both sides (the newest release has none yet) and whose computes the new
 * nova still accepts.
 */
export function syntheticPairs(): { from: string; to: string }[] {
  const out: { from: string; to: string }[] = [];
  for (const a of RELEASES) {
    for (const b of RELEASES) {
      if (a.index >= b.index || !upgradePath(a.name, b.name).supported) continue;
      if (!computeRpcLatest(a.name) || !computeRpcLatest(b.name)) continue;
      // Nova's own skew window can be narrower than the governance path (antelope → epoxy).
      if (release(oldestSupportedCompute(b.name).oldest).index > a.index) continue;
      out.push({ from: a.name, to: b.name });
    }
  }
  return out;
}

export function syntheticPlanText(s: SyntheticShape): string {
  const ctl = Array.from({ length: s.controllers }, (_, i) => `controller${i + 1}`);
  const net = Array.from({ length: s.networkNodes }, (_, i) => `network${i + 1}`);
  const cmp = Array.from({ length: s.computes }, (_, i) => `compute${i + 1}`);
  const L: string[] = [
    'apiVersion: preflight/v1',
    `name: Generated live compute upgrade (${s.controllers} controllers, ${s.computes} computes)`,
    `from: ${s.from}`,
    `to: ${s.to}`,
    'policy:',
    '  instanceDowntime: forbid',
    '  apiDowntime: allow',
    'topology:',
    '  nodes:',
    ...ctl.map((n) => `    ${n}: { role: controller, services: [${CONTROL.join(', ')}] }`),
    ...net.map((n) => `    ${n}: { role: network, services: [${AGENTS.join(', ')}] }`),
    ...cmp.map((n) => `    ${n}: { role: compute, services: [nova-compute] }`),
  ];
  if (s.haproxy) {
    L.push('  loadBalancers:');
    for (const [fe, svc] of [['keystone', 'keystone'], ['glance', 'glance-api'], ['neutron', 'neutron-server'], ['nova', 'nova-api']] as const) {
      L.push(`    ${fe}: { service: ${svc}, backends: [${ctl.join(', ')}] }`);
    }
  }
  if (s.instances > 0) {
    L.push('  instances:');
    for (let i = 0; i < s.instances; i++) L.push(`    vm${i + 1}: { host: ${cmp[i % cmp.length]} }`);
  }
  L.push('steps:');
  const each = (nodes: string[], line: (n: string) => string, name?: string) => {
    if (nodes.length === 0) return;
    const head = name ? `  - name: ${JSON.stringify(name)}\n    ` : '  - ';
    if (nodes.length === 1) L.push(head + line(nodes[0]!));
    else L.push(`${head}parallel:`, ...nodes.map((n) => `      - ${line(n)}`));
  };
  const frontendOf: Record<string, string> = { keystone: 'keystone', 'glance-api': 'glance', 'neutron-server': 'neutron' };
  for (const [project, svc] of [['keystone', 'keystone'], ['glance', 'glance-api'], ['neutron', 'neutron-server']] as const) {
    // Neutron's contract needs every server stopped and no old agent running: the agents go down with the servers.
    const agents = project === 'neutron' ? net : [];
    if (s.haproxy) each(ctl, (n) => `drain: { frontend: ${frontendOf[svc]}, node: ${n} }`, `${project}: out of rotation`);
    each(ctl, (n) => `stop: { node: ${n}, service: ${svc} }`, s.haproxy ? undefined : `${project}: stopped everywhere`);
    each(agents, (n) => `stop: { node: ${n}, service: "neutron-*" }`);
    each(ctl, (n) => `upgrade: { node: ${n}, service: ${svc} }`);
    each(agents, (n) => `upgrade: { node: ${n}, service: "neutron-*" }`);
    for (const p of offlinePhases(project, s.to)) L.push(`  - db: { service: ${project}, phase: ${p} }`);
    each(ctl, (n) => `start: { node: ${n}, service: ${svc} }`);
    each(agents, (n) => `start: { node: ${n}, service: "neutron-*" }`, agents.length ? 'neutron agents, after the servers' : undefined);
    if (s.haproxy) each(ctl, (n) => `undrain: { frontend: ${frontendOf[svc]}, node: ${n} }`);
  }
  L.push(`  - name: Cap compute RPC for the old computes`, `    config: { nodes: all, file: nova.conf, section: upgrade_levels, key: compute, value: ${JSON.stringify(capValue(s.from, s.to))} }`);
  each(ctl, (n) => `stop: { node: ${n}, service: [nova-api, nova-conductor, nova-scheduler] }`, 'nova control plane');
  each(ctl, (n) => `upgrade: { node: ${n}, service: [nova-api, nova-conductor, nova-scheduler] }`);
  for (const p of offlinePhases('nova', s.to)) L.push(`  - db: { service: nova, phase: ${p} }`);
  for (const svc of ['nova-conductor', 'nova-scheduler', 'nova-api']) each(ctl, (n) => `start: { node: ${n}, service: ${svc} }`);
  for (const c of cmp) {
    L.push(`  - name: ${c}`, `    disable: { node: ${c}, service: nova-compute }`,
      `  - stop: { node: ${c}, service: nova-compute }`,
      `  - upgrade: { node: ${c}, service: nova-compute }`,
      `  - start: { node: ${c}, service: nova-compute }`,
      `  - enable: { node: ${c}, service: nova-compute }`);
  }
  L.push('  - name: Lift the cap', '    config: { nodes: all, file: nova.conf, section: upgrade_levels, key: compute, value: null }');
  each(ctl, (n) => `restart: { node: ${n}, service: [nova-conductor, nova-scheduler, nova-api] }`);
  each(cmp, (n) => `restart: { node: ${n}, service: nova-compute }`);
  if (hasOnlineMigrations('nova', s.to as Plan['to'])) L.push('  - db: { service: nova, phase: online-migrations }');
  return `${L.join('\n')}\n`;
}

export function syntheticPlan(s: SyntheticShape): Plan {
  const r = parsePlan(syntheticPlanText(s), `<generated ${s.from}-${s.to}>`);
  if (!r.ok) throw new Error(`generated plan does not parse: ${r.errors.map((e) => `${e.line}:${e.column} ${e.code} ${e.message}`).join('; ')}`);
  return r.plan;
}
