/**
 * Inventory import: kolla-ansible INI (groups, children, ranges, host variables), our YAML
 * topology, instance lists; and every error located at the line (and column) at fault.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandRange, parseIni } from '../src/scenarios/inventory/ini.ts';
import {
  formatInventoryError, instancesPerCompute, loadInventory, parseInstanceList, parseInventory, type InventoryError, type InventoryResult,
} from '../src/scenarios/inventory/index.ts';
import type { Topology } from '../src/scenarios/plan.ts';

const DIR = join(import.meta.dirname, 'fixtures/inventories');
const read = (f: string) => readFileSync(join(DIR, f), 'utf8');
const load = (f: string) => parseInventory(read(f), f);

function ok<T>(r: InventoryResult<T>): T {
  if (!r.ok) throw new Error(r.errors.map(formatInventoryError).join('\n'));
  return r.value;
}

function errors<T>(r: InventoryResult<T>): string[] {
  if (r.ok) throw new Error('expected errors');
  return r.errors.map((e: InventoryError) => `${e.line}:${e.column} ${e.code}`);
}

describe('kolla-ansible INI inventory', () => {
  const topo: Topology = ok(load('small-multinode'));
  const node = (name: string) => topo.nodes.find((n) => n.name === name);

  it('gives each host its role (control wins over network) and the services of its groups, children followed', () => {
    expect(node('ctl01')).toMatchObject({ role: 'controller', services: ['keystone', 'nova-api', 'nova-conductor', 'nova-scheduler', 'neutron-server', 'neutron-l2-agent', 'neutron-l3-agent'] });
    expect(node('cmp1')).toMatchObject({ role: 'compute', services: ['nova-compute', 'neutron-l2-agent'] });
    expect(node('sto01')).toMatchObject({ role: 'storage', services: ['cinder-volume'] });
  });

  it('expands host ranges and leaves out hosts with no OpenStack service', () => {
    expect(topo.nodes.map((n) => n.name)).toEqual(['ctl01', 'ctl02', 'cmp1', 'cmp2', 'cmp3', 'sto01']);
  });

  it('reads preflight_release, a host or group variable, as the release a host already runs', () => {
    expect(node('cmp3')?.release).toBe('flamingo');
    expect(node('sto01')?.release).toBe('flamingo');
    expect(node('cmp1')?.release).toBeUndefined();
  });

  it('puts haproxy in front of the APIs that run on several hosts', () => {
    expect(topo.loadBalancers.map((f) => `${f.name}:${f.service}:${f.backends.join(',')}`)).toEqual([
      'keystone:keystone:ctl01,ctl02', 'nova:nova-api:ctl01,ctl02', 'neutron:neutron-server:ctl01,ctl02',
    ]);
    expect(topo.databases).toEqual([{ name: 'default', projects: ['keystone', 'glance', 'placement', 'nova', 'neutron', 'cinder'] }]);
  });

  it('keeps quoted variable values and line numbers', () => {
    const { inventory } = parseIni(read('small-multinode'), 'small-multinode');
    const ctl02 = inventory.groups.get('control')!.hosts[1]!;
    expect(ctl02).toMatchObject({ name: 'ctl02', line: 5, vars: { ansible_host: '192.0.2.12', api_interface: 'eth1' } });
  });

  it('expands numeric ranges keeping their width', () => {
    expect(expandRange('compute[01:03]')).toEqual(['compute01', 'compute02', 'compute03']);
    expect(expandRange('c[3:1]')).toBeUndefined();
    expect(expandRange('plain')).toEqual(['plain']);
  });

  it.each([
    ['bad-header.ini', ['4:1 INV-E001']],
    ['bad-var.ini', ['2:29 INV-E002']],
    ['cycle.ini', ['8:1 INV-E003']],
    ['no-role.ini', ['5:1 INV-E005']],
    ['bad-release.ini', ['2:1 INV-E004']],
    ['no-services.ini', ['1:1 INV-E006']],
  ])('%s is reported at %j', (file, expected) => {
    expect(errors(load(file))).toEqual(expected);
  });

  it('formats errors like plan errors: file:line:column: [code] message; hint', () => {
    const r = load('no-role.ini');
    if (r.ok) throw new Error('expected errors');
    expect(formatInventoryError(r.errors[0]!)).toBe('no-role.ini:5:1: [INV-E005] host lonely01 runs keystone but is in no role group; list it under [control], [network], [compute], [storage] or [monitoring]');
  });
});

describe('YAML topology', () => {
  it('reads the topology section of a plan as a file of its own', () => {
    const topo = ok(parseInventory(read('../../../examples/generated/inventories/three-controllers.yaml'), 'three-controllers.yaml'));
    expect(topo.nodes).toHaveLength(6);
    expect(topo.instances.map((i) => i.host)).toEqual(['compute1', 'compute1', 'compute2']);
  });

  it('reports the plan parser\'s codes at the line and column at fault', () => {
    expect(errors(load('unknown-service.yaml'))).toEqual(['2:57 PLAN-E013', '5:16 PLAN-E018']);
    expect(errors(load('extra-field.yaml'))).toEqual(['2:58 PLAN-E009']);
  });
});

describe('instances', () => {
  const topo = ok(load('small-multinode'));

  it('come from a YAML list', () => {
    expect(ok(parseInstanceList(read('instances.yaml'), 'instances.yaml', topo))).toEqual([{ name: 'web1', host: 'cmp1' }, { name: 'db1', host: 'cmp3' }]);
  });

  it('or N per compute', () => {
    expect(instancesPerCompute(topo, 2).map((i) => i.name)).toEqual(['cmp1-vm1', 'cmp1-vm2', 'cmp2-vm1', 'cmp2-vm2', 'cmp3-vm1', 'cmp3-vm2']);
  });

  it('located errors: a name twice, a host without nova-compute, a missing host, not a map', () => {
    expect(errors(parseInstanceList(read('instances-bad.yaml'), 'instances-bad.yaml', topo))).toEqual([
      '2:11 INV-E010', '3:23 INV-E009', '4:3 INV-E008', '5:3 INV-E008',
    ]);
  });

  it('loadInventory replaces the inventory\'s instances, and reports unreadable files', async () => {
    const topoWith = ok(await loadInventory(join(DIR, 'small-multinode'), { instancesFile: join(DIR, 'instances.yaml') }));
    expect(topoWith.instances).toHaveLength(2);
    const missing = await loadInventory(join(DIR, 'nope.ini'));
    expect(missing.ok ? [] : missing.errors.map((e) => e.code)).toEqual(['INV-E007']);
  });
});
