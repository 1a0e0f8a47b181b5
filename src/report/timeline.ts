/**
 * The timeline grid both HTML and Markdown draw: rows are services on nodes, columns are steps.
 *
 * Big plans (a thousand computes, a thousand steps) must still fit a projector, so columns
 * beyond MAX_COLUMNS are merged into step ranges (a merged cell shows the state at the end of
 * the range and says that something changed inside it), and nodes whose rows look the same in
 * every column collapse into one row ("compute1–compute998 (998 nodes)").
 */
import type { InvariantCode, ServiceView, StepRecord, Violation } from '../sim/result.ts';
import { nodeList } from './format.ts';

/** Past this the figure no longer fits a 1600-pixel-wide page at a readable size. */
export const MAX_COLUMNS = 20;
export const MAX_ROWS = 60;

export interface TimelineColumn {
  /** "7", or "12–57" for merged steps. */
  label: string;
  /** The timeline records this column stands for (one unless merged). */
  records: StepRecord[];
  /** The last record: its state is what the cells show. */
  end: StepRecord;
  /** Position of the first record in the timeline. */
  first: number;
  durationSeconds: number;
  /** Invariant codes violated anywhere in the column. */
  codes: InvariantCode[];
  /** Violations that happen in this column (index into the result's violations). */
  violations: number[];
}

export interface TimelineCell {
  status: ServiceView['status'];
  /** Release shown: the running code when running, else what is installed. */
  release: string;
  /** Installed release when it differs from the running code (restart pending). */
  pending?: string;
  /** Drained out of a load balancer for this service. */
  drained: boolean;
  /** The compute RPC cap the service sends with; only while it runs (a stopped one enforces none). */
  cap?: string;
  /** Codes of violations that name this service (or its node) in this column. */
  codes: InvariantCode[];
  /** In a merged column: the state changed during the range (since the previous column). */
  changedWithin: boolean;
}

export interface TimelineRow {
  service: string;
  nodes: string[];
  /** "ctl1" or "compute1–compute998 (998 nodes)". */
  label: string;
  cells: TimelineCell[];
}

export interface TimelineModel {
  columns: TimelineColumn[];
  rows: TimelineRow[];
  /** Rows left out beyond MAX_ROWS (after collapsing). */
  hiddenRows: number;
  /** Number of timeline records (step 0 included). */
  steps: number;
  merged: boolean;
  /** Node/service pairs before collapsing. */
  services: number;
}

export function buildTimeline(
  timeline: readonly StepRecord[],
  violations: readonly Violation[],
  maxColumns = MAX_COLUMNS,
  maxRows = MAX_ROWS,
): TimelineModel {
  const columns = groupColumns(timeline, violations, maxColumns);
  const keys = serviceKeys(timeline);
  const changes = columns.some((c) => c.records.length > 1) ? changePoints(timeline) : new Map<string, number[]>();
  const raw = keys.map(({ node, service }) => ({
    node,
    service,
    cells: columns.map((c) => cellFor(node, service, c, changes, violations)),
  }));
  const rows = collapse(raw);
  return {
    columns,
    rows: rows.slice(0, maxRows),
    hiddenRows: Math.max(0, rows.length - maxRows),
    steps: timeline.length,
    merged: columns.some((c) => c.records.length > 1),
    services: raw.length,
  };
}

/**
 * Step 0 alone, then the remaining records in at most maxColumns - 1 ranges. Ranges grow by
 * merging the cheapest adjacent pair: small ranges first (so sizes stay even), leaves of one
 * parallel group together, and steps with a violation last, so they keep a column of their own
 * as long as the budget allows.
 */
function groupColumns(timeline: readonly StepRecord[], violations: readonly Violation[], maxColumns: number): TimelineColumn[] {
  if (timeline.length === 0) return [];
  const hot = new Set(violations.map((v) => v.step));
  const groups: { first: number; records: StepRecord[]; hot: boolean }[] = timeline.map((r, i) => ({
    first: i,
    records: [r],
    hot: r.codes.length > 0 || hot.has(r.step),
  }));
  const budget = Math.max(2, maxColumns);
  while (groups.length > budget) {
    let best = 1;
    let bestCost = Infinity;
    for (let i = 1; i + 1 < groups.length; i++) {
      const a = groups[i]!;
      const b = groups[i + 1]!;
      const sameStep = a.records[a.records.length - 1]!.step === b.records[0]!.step;
      const cost = a.records.length + b.records.length + (a.hot || b.hot ? 1e6 : 0) - (sameStep ? 0.5 : 0);
      if (cost < bestCost) {
        bestCost = cost;
        best = i;
      }
    }
    const a = groups[best]!;
    const b = groups[best + 1]!;
    groups.splice(best, 2, { first: a.first, records: [...a.records, ...b.records], hot: a.hot || b.hot });
  }
  // A violation belongs to the column holding its exact step id ("13.2"), else its step number.
  const home = violations.map((v) => {
    if (v.step <= 0) return -1;
    const exact = groups.findIndex((g) => g.records.some((r) => r.stepId === v.stepId));
    if (exact >= 0) return exact;
    let last = -1;
    groups.forEach((g, i) => {
      if (g.records.some((r) => r.step === v.step)) last = i;
    });
    return last;
  });
  return groups.map(({ first: at, records }, gi) => {
    const first = records[0]!;
    const end = records[records.length - 1]!;
    const vs = violations.flatMap((_, i) => (home[i] === gi ? [i] : []));
    const codes = unique([...records.flatMap((r) => r.codes), ...vs.map((i) => violations[i]!.code)]);
    return {
      label: records.length === 1 ? first.stepId : `${first.stepId}–${end.stepId}`,
      records,
      end,
      first: at,
      durationSeconds: stepSeconds(records),
      codes,
      violations: vs,
    };
  });
}

/** Seconds covered by records: leaves of one parallel group share their step's duration. */
export function stepSeconds(records: readonly StepRecord[]): number {
  const byStep = new Map<number, number>();
  for (const r of records) byStep.set(r.step, Math.max(byStep.get(r.step) ?? 0, r.durationSeconds));
  return [...byStep.values()].reduce((a, b) => a + b, 0);
}

/** Every node/service pair in order of first appearance. */
function serviceKeys(timeline: readonly StepRecord[]): { node: string; service: string }[] {
  const seen = new Map<string, { node: string; service: string }>();
  for (const r of timeline) {
    for (const s of r.services) {
      const k = `${s.node}/${s.service}`;
      if (!seen.has(k)) seen.set(k, { node: s.node, service: s.service });
    }
  }
  // Keep a node's services together, nodes in first-seen order.
  const byNode = new Map<string, { node: string; service: string }[]>();
  for (const v of seen.values()) {
    const list = byNode.get(v.node);
    if (list) list.push(v);
    else byNode.set(v.node, [v]);
  }
  return [...byNode.values()].flat();
}

interface RecordIndex {
  services: Map<string, ServiceView>;
  drained: Set<string>;
}

/** Per-record lookups, built once: a 1,000-node timeline has a million cells to fill. */
const INDEX = new WeakMap<StepRecord, RecordIndex>();

function indexOf(record: StepRecord): RecordIndex {
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

function viewOf(record: StepRecord, node: string, service: string): TimelineCell {
  const ix = indexOf(record);
  const key = `${node}/${service}`;
  const v = ix.services.get(key);
  if (!v) return { status: 'absent', release: '', drained: false, codes: [], changedWithin: false };
  const running = v.status === 'running' ? (v.running ?? v.installed) : undefined;
  const drained = ix.drained.has(key);
  return {
    status: v.status,
    release: running ?? v.installed,
    ...(running !== undefined && running !== v.installed ? { pending: v.installed } : {}),
    drained,
    ...(running !== undefined && v.computeCap ? { cap: v.computeCap } : {}),
    codes: [],
    changedWithin: false,
  };
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
function changePoints(timeline: readonly StepRecord[]): Map<string, number[]> {
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

function cellFor(
  node: string,
  service: string,
  column: TimelineColumn,
  changes: ReadonlyMap<string, number[]>,
  violations: readonly Violation[],
): TimelineCell {
  const key = `${node}/${service}`;
  const cell = viewOf(column.end, node, service);
  if (column.records.length > 1) {
    // Counted from the state before the range, so that nodes changed anywhere in the same
    // range look alike and collapse into one row.
    const last = column.first + column.records.length - 1;
    cell.changedWithin = (changes.get(key) ?? []).some((i) => i >= column.first && i <= last);
  }
  cell.codes = unique(
    column.violations.map((i) => violations[i]!).filter((v) => v.entities.some((e) => names(e, node, service))).map((v) => v.code),
  );
  return cell;
}

/**
 * Does a violation entity name this row? Entities are "compute1/nova-compute", a node
 * ("compute1" or "node:compute1"), or a whole service ("nova-api": every backend of it).
 */
export function names(entity: string, node: string, service: string): boolean {
  return entity === `${node}/${service}` || entity === node || entity === `node:${node}` || entity === service;
}

/** Rows of the same service with identical cells become one row listing their nodes. */
function collapse(raw: { node: string; service: string; cells: TimelineCell[] }[]): TimelineRow[] {
  const groups = new Map<string, { service: string; nodes: string[]; cells: TimelineCell[] }>();
  for (const r of raw) {
    const sig = `${r.service}\u0000${JSON.stringify(r.cells)}`;
    const g = groups.get(sig);
    if (g) g.nodes.push(r.node);
    else groups.set(sig, { service: r.service, nodes: [r.node], cells: r.cells });
  }
  return [...groups.values()].map((g) => ({
    ...g,
    label: g.nodes.length === 1 ? g.nodes[0]! : `${nodeList(g.nodes)} (${g.nodes.length} nodes)`,
  }));
}

function unique<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}
