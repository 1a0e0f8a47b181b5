/**
 * Instances for a generated plan: a small YAML list (`- { name: vm1, host: compute1 }`), or N per
 * compute. Replaces whatever the inventory declared.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { InstanceName, InstanceSpec, NodeName, Topology } from '../plan.ts';
import { inventoryError, type InventoryError, type InventoryResult } from './errors.ts';

export function instancesPerCompute(topo: Topology, n: number): InstanceSpec[] {
  const out: InstanceSpec[] = [];
  for (const node of topo.nodes) {
    if (!node.services.includes('nova-compute')) continue;
    for (let i = 1; i <= n; i++) out.push({ name: `${node.name}-vm${i}` as InstanceName, host: node.name });
  }
  return out;
}

export function parseInstanceList(text: string, file: string, topo: Topology): InventoryResult<InstanceSpec[]> {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const at = (node: Node | null | undefined): { line: number; column: number } => {
    const p = lines.linePos(node?.range?.[0] ?? 0);
    return { line: p.line, column: p.col };
  };
  const errors: InventoryError[] = [];
  const fail = (code: InventoryError['code'] & `INV-${string}`, node: Node | null | undefined, message: string, hint?: string) => {
    const p = at(node);
    errors.push(inventoryError(code, file, p.line, p.column, message, hint));
  };
  if (doc.errors.length > 0) {
    const p = lines.linePos(doc.errors[0]!.pos[0]);
    return { ok: false, errors: [inventoryError('INV-E008', file, p.line, p.col, `YAML: ${doc.errors[0]!.message.split('\n')[0]}`)] };
  }
  const root = doc.contents;
  if (!isSeq(root)) {
    fail('INV-E008', root, 'the instance file must be a list of { name, host }');
    return { ok: false, errors };
  }
  const computes = new Set(topo.nodes.filter((n) => n.services.includes('nova-compute')).map((n) => n.name as string));
  const seen = new Set<string>();
  const out: InstanceSpec[] = [];
  for (const item of root.items as Node[]) {
    if (!isMap(item)) {
      fail('INV-E008', item, 'each instance is a map { name, host }');
      continue;
    }
    const name = item.get('name', true);
    const host = item.get('host', true);
    const extra = item.items.map((p) => (isScalar(p.key) ? String(p.key.value) : '')).filter((k) => k !== 'name' && k !== 'host');
    if (extra.length > 0) fail('INV-E008', item, `unknown field ${extra[0]}`, 'an instance has name and host');
    if (!isScalar(name) || typeof name.value !== 'string' || !isScalar(host) || typeof host.value !== 'string') {
      fail('INV-E008', item, 'an instance needs a name and a host, both text');
      continue;
    }
    if (seen.has(name.value)) {
      fail('INV-E010', name, `instance ${name.value} is listed twice`);
      continue;
    }
    seen.add(name.value);
    if (!computes.has(host.value)) {
      fail('INV-E009', host, `${host.value} runs no nova-compute`, computes.size > 0 ? `computes: ${[...computes].join(', ')}` : 'the inventory has no compute');
      continue;
    }
    out.push({ name: name.value as InstanceName, host: host.value as NodeName });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: out };
}
