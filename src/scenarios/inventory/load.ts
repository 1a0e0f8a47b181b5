/**
 * Reading an inventory from disk: the only I/O of inventory import. `.yaml`/`.yml` files are our
 * topology format, anything else kolla-ansible's INI inventory (`multinode` has no extension).
 */
import { readFile } from 'node:fs/promises';
import type { Topology } from '../plan.ts';
import { inventoryError, type InventoryResult } from './errors.ts';
import { instancesPerCompute, parseInstanceList } from './instances.ts';
import { parseKollaInventory } from './kolla.ts';
import { parseYamlTopology } from './yaml-topology.ts';

export interface InventoryOptions {
  /** A YAML list of instances, replacing the inventory's own. */
  instancesFile?: string;
  /** Or N instances on every compute. */
  instancesPerCompute?: number;
}

async function read(path: string): Promise<InventoryResult<string>> {
  try {
    return { ok: true, value: await readFile(path, 'utf8') };
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : err instanceof Error ? err.message : String(err);
    return { ok: false, errors: [inventoryError('INV-E007', path, 1, 1, `cannot read ${path}: ${reason}`)] };
  }
}

export function parseInventory(text: string, file: string): InventoryResult<Topology> {
  return /\.ya?ml$/i.test(file) ? parseYamlTopology(text, file) : parseKollaInventory(text, file);
}

export async function loadInventory(path: string, options: InventoryOptions = {}): Promise<InventoryResult<Topology>> {
  const text = await read(path);
  if (!text.ok) return text;
  const topo = parseInventory(text.value, path);
  if (!topo.ok) return topo;
  if (options.instancesFile !== undefined) {
    const list = await read(options.instancesFile);
    if (!list.ok) return list;
    const instances = parseInstanceList(list.value, options.instancesFile, topo.value);
    if (!instances.ok) return instances;
    return { ok: true, value: { ...topo.value, instances: instances.value } };
  }
  if (options.instancesPerCompute !== undefined) {
    return { ok: true, value: { ...topo.value, instances: instancesPerCompute(topo.value, options.instancesPerCompute) } };
  }
  return topo;
}
