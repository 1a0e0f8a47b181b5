/**
 * kolla-ansible's `multinode` inventory → Topology. Role groups (control, network, compute,
 * storage, monitoring) give each host its role; the service groups (`[nova-api:children]`,
 * followed through their children) give it its services. `preflight_release=…` (a host or group
 * variable) says it already runs another release. APIs on several hosts get haproxy frontends.
 */
import { findRelease } from '../../models/catalogue/releases.ts';
import { SERVICE_NAMES, type DatabaseName, type NodeName, type NodeRole, type NodeSpec, type ReleaseName, type ServiceName, type Topology } from '../plan.ts';
import { DATABASE_PROJECTS } from '../selectors.ts';
import { inventoryError, type InventoryError, type InventoryResult } from './errors.ts';
import { withFrontends } from './frontends.ts';
import { parseIni, type IniEntry, type IniInventory } from './ini.ts';

/** kolla group names → the service they deploy; agents' driver-specific names map to the L2 agent. */
export const KOLLA_SERVICES: Record<string, ServiceName> = {
  keystone: 'keystone',
  'glance-api': 'glance-api',
  'glance-registry': 'glance-registry',
  'placement-api': 'placement-api',
  'nova-api': 'nova-api',
  'nova-conductor': 'nova-conductor',
  'nova-scheduler': 'nova-scheduler',
  'nova-novncproxy': 'nova-novncproxy',
  'nova-consoleauth': 'nova-consoleauth',
  'nova-compute': 'nova-compute',
  'neutron-server': 'neutron-server',
  'neutron-openvswitch-agent': 'neutron-l2-agent',
  'neutron-linuxbridge-agent': 'neutron-l2-agent',
  'neutron-ovn-agent': 'neutron-l2-agent',
  'neutron-l3-agent': 'neutron-l3-agent',
  'neutron-dhcp-agent': 'neutron-dhcp-agent',
  'neutron-metadata-agent': 'neutron-metadata-agent',
  'cinder-api': 'cinder-api',
  'cinder-scheduler': 'cinder-scheduler',
  'cinder-volume': 'cinder-volume',
  'cinder-backup': 'cinder-backup',
  horizon: 'horizon',
};

/** Role groups, in the priority that decides a host listed in several (a control+network host is a controller). */
const ROLE_GROUPS: [string, NodeRole][] = [['control', 'controller'], ['compute', 'compute'], ['network', 'network'], ['storage', 'storage'], ['monitoring', 'monitoring']];

export function parseKollaInventory(text: string, file: string): InventoryResult<Topology> {
  const { inventory, errors } = parseIni(text, file);
  const hostsOf = resolver(inventory, file, errors);
  const roles = new Map<string, { role: NodeRole; entry: IniEntry }>();
  for (const [group, role] of ROLE_GROUPS) {
    for (const e of hostsOf(group)) if (!roles.has(e.name)) roles.set(e.name, { role, entry: e });
  }
  const services = new Map<string, Set<ServiceName>>();
  const firstSeen = new Map<string, IniEntry>();
  for (const [group, service] of Object.entries(KOLLA_SERVICES)) {
    for (const e of hostsOf(group)) {
      if (!services.has(e.name)) services.set(e.name, new Set());
      services.get(e.name)!.add(service);
      if (!firstSeen.has(e.name)) firstSeen.set(e.name, e);
    }
  }
  const nodes: NodeSpec[] = [];
  for (const [host, set] of services) {
    const r = roles.get(host);
    const seen = firstSeen.get(host)!;
    if (!r) {
      errors.push(inventoryError('INV-E005', file, seen.line, seen.column, `host ${host} runs ${[...set].join(', ')} but is in no role group`, 'list it under [control], [network], [compute], [storage] or [monitoring]'));
      continue;
    }
    const release = hostRelease(inventory, host, hostsOf, file, errors);
    nodes.push({
      name: host as NodeName,
      role: r.role,
      services: SERVICE_NAMES.filter((s) => set.has(s)),
      ...(release ? { release } : {}),
    });
  }
  if (nodes.length === 0 && errors.length === 0) {
    errors.push(inventoryError('INV-E006', file, 1, 1, 'no host runs an OpenStack service', `kolla service groups read: ${Object.keys(KOLLA_SERVICES).join(', ')}`));
  }
  if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => a.line - b.line || a.column - b.column) };
  const rank = (n: NodeSpec) => ROLE_GROUPS.findIndex(([, role]) => role === n.role);
  nodes.sort((a, b) => rank(a) - rank(b));
  const topology: Topology = {
    nodes,
    loadBalancers: [],
    databases: [{ name: 'default' as DatabaseName, projects: [...DATABASE_PROJECTS] }],
    instances: [],
  };
  return { ok: true, value: withFrontends(topology) };
}

/** Hosts of a group, its children's included; a cycle is reported once, at the child line closing it. */
function resolver(inv: IniInventory, file: string, errors: InventoryError[]): (group: string) => IniEntry[] {
  const memo = new Map<string, IniEntry[]>();
  const reported = new Set<string>();
  const walk = (group: string, stack: string[]): IniEntry[] => {
    const done = memo.get(group);
    if (done) return done;
    const g = inv.groups.get(group);
    if (!g) return [];
    const out = [...g.hosts];
    for (const child of g.children) {
      if (stack.includes(child.name)) {
        const key = `${group}>${child.name}`;
        if (!reported.has(key)) {
          reported.add(key);
          errors.push(inventoryError('INV-E003', file, child.line, child.column, `group ${child.name} contains itself: ${[...stack, group, child.name].slice(stack.indexOf(child.name)).join(' → ')}`));
        }
        continue;
      }
      out.push(...walk(child.name, [...stack, group]));
    }
    memo.set(group, out);
    return out;
  };
  return (group) => walk(group, []);
}

/**
 * `preflight_release` on a line declaring the host (the last one wins), else in the `[group:vars]`
 * of a group holding it: host variables override group variables, as in Ansible.
 */
function hostRelease(inv: IniInventory, host: string, hostsOf: (group: string) => IniEntry[], file: string, errors: InventoryError[]): ReleaseName | undefined {
  let found: { value: string; entry: IniEntry } | undefined;
  for (const g of inv.groups.values()) for (const e of g.hosts) if (e.name === host && e.vars.preflight_release !== undefined) found = { value: e.vars.preflight_release, entry: e };
  if (!found) {
    for (const g of inv.groups.values()) {
      const v = g.vars.find((e) => e.name === 'preflight_release');
      if (v && hostsOf(g.name).some((e) => e.name === host)) found = { value: v.vars.preflight_release!, entry: v };
    }
  }
  if (!found) return undefined;
  const r = findRelease(found.value);
  if (!r) {
    const key = `${found.entry.line}:${found.entry.column}`;
    if (!errors.some((e) => e.code === 'INV-E004' && `${e.line}:${e.column}` === key)) {
      errors.push(inventoryError('INV-E004', file, found.entry.line, found.entry.column, `unknown release ${JSON.stringify(found.value)} for ${host}`, 'a codename (epoxy) or a series (2025.1)'));
    }
    return undefined;
  }
  return r.name;
}
