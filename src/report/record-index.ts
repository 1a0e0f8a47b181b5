/**
 * Fast lookups into timeline records: per record, its services by "node/service" and the
 * drained backends; and, per service, the positions where its state changed. Built once, since a
 * 1,000-node timeline has a million cells to fill.
 */
import type { ServiceView, StepRecord } from '../sim/result.ts';

export interface RecordIndex {
  services: Map<string, ServiceView>;
  drained: Set<string>;
}

/** Per-record lookups, built once: a 1,000-node timeline has a million cells to fill. */
const INDEX = new WeakMap<StepRecord, RecordIndex>();

export function indexOf(record: StepRecord): RecordIndex {
  let ix = INDEX.get(record);
  if (!ix) {
    ix = { services: new Map(), drained: new Set() };
    for (const s of record.services) ix.services.set(`${s.node}/${s.service}`, s);
    for (const f of record.frontends) {
      for (const b of f.backends) if (b.state === 'drained') ix.drained.add(`${b.node}/${f.service}`);
    }
    INDEX.set(record, ix);
  }
  return ix;
}

function sameView(a: ServiceView | undefined, b: ServiceView | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return a.status === b.status && a.installed === b.installed && a.running === b.running && a.computeCap === b.computeCap;
}

/**
 * For every node/service, the timeline positions where its state differs from the record
 * before. One pass over the timeline, so merged columns can tell "changed inside" cheaply.
 */
export function changePoints(timeline: readonly StepRecord[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const mark = (key: string, i: number) => {
    const list = out.get(key);
    if (list) list.push(i);
    else out.set(key, [i]);
  };
  for (let i = 1; i < timeline.length; i++) {
    const prev = indexOf(timeline[i - 1]!);
    const cur = indexOf(timeline[i]!);
    for (const [key, v] of cur.services) {
      if (!sameView(v, prev.services.get(key)) || cur.drained.has(key) !== prev.drained.has(key)) mark(key, i);
    }
    if (prev.services.size !== cur.services.size) {
      for (const key of prev.services.keys()) if (!cur.services.has(key)) mark(key, i);
    }
  }
  return out;
}
