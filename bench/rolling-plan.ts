/**
 * A large rolling-upgrade plan for benchmarks: 3 controllers behind haproxy, N computes with
 * M instances spread over them, 2025.1 → 2026.1 with compute=auto, computes one at a time.
 */
export function rollingPlanYaml(computes: number, instances: number): string {
  const ctl = ['ctl1', 'ctl2', 'ctl3'];
  const out: string[] = [];
  out.push('apiVersion: preflight/v1', `name: bench rolling ${computes} computes`, 'from: epoxy', 'to: gazpacho',
    'policy: { instanceDowntime: forbid, apiDowntime: forbid }', 'topology:', '  nodes:');
  for (const c of ctl) out.push(`    ${c}: { role: controller, services: [keystone, placement-api, nova-api, nova-conductor, nova-scheduler] }`);
  for (let i = 1; i <= computes; i++) out.push(`    cmp${i}: { role: compute, services: [nova-compute] }`);
  out.push('  loadBalancers:');
  for (const s of ['keystone', 'placement-api', 'nova-api']) out.push(`    ${s}: { service: ${s}, backends: [${ctl.join(', ')}] }`);
  out.push('  instances:');
  for (let i = 1; i <= instances; i++) out.push(`    vm${i}: { host: cmp${((i - 1) % computes) + 1} }`);
  out.push('steps:');
  const roll = (service: string, frontend: string, first: (c: string) => string[]) => {
    for (const c of ctl) {
      out.push(`  - drain: { frontend: ${frontend}, node: ${c} }`, `  - stop: { node: ${c}, service: ${service} }`, `  - upgrade: { node: ${c}, service: ${service} }`);
      out.push(...first(c));
      out.push(`  - start: { node: ${c}, service: ${service} }`, `  - undrain: { frontend: ${frontend}, node: ${c} }`);
    }
  };
  roll('keystone', 'keystone', (c) => (c === 'ctl1' ? ['  - db: { service: keystone, phase: expand }'] : []));
  out.push('  - db: { service: keystone, phase: contract }');
  out.push('  - db: { service: placement, phase: sync }');
  roll('placement-api', 'placement-api', () => []);
  out.push('  - db: { service: nova, phase: sync }', '  - config: { nodes: all, file: nova.conf, section: upgrade_levels, key: compute, value: auto }');
  for (const c of ctl) out.push(`  - stop: { node: ${c}, service: [nova-conductor, nova-scheduler] }`, `  - upgrade: { node: ${c}, service: [nova-conductor, nova-scheduler, nova-api] }`, `  - start: { node: ${c}, service: [nova-conductor, nova-scheduler] }`);
  roll('nova-api', 'nova-api', () => []);
  for (let i = 1; i <= computes; i++) {
    const n = `cmp${i}`;
    out.push(`  - disable: { node: ${n}, service: nova-compute }`, `  - stop: { node: ${n}, service: nova-compute }`,
      `  - upgrade: { node: ${n}, service: nova-compute }`, `  - start: { node: ${n}, service: nova-compute }`, `  - enable: { node: ${n}, service: nova-compute }`);
  }
  for (const c of ctl) out.push(`  - restart: { node: ${c}, service: [nova-conductor, nova-scheduler] }`);
  out.push('  - parallel:');
  for (let i = 1; i <= computes; i++) out.push(`      - restart: { node: cmp${i}, service: nova-compute }`);
  out.push('  - db: { service: nova, phase: online-migrations }', '  - db: { service: placement, phase: online-migrations }');
  return out.join('\n') + '\n';
}
