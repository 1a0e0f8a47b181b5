/**
 * The timeline grid both HTML and Markdown draw: rows are services on nodes, columns are steps.
 *
 * Big plans (a thousand computes, a thousand steps) must still fit a projector, so columns
 * beyond MAX_COLUMNS are merged into step ranges (a merged cell shows the state at the end of
 * the range and says that something changed inside it), and nodes whose rows look the same in
 * every column collapse into one row ("compute1–compute998 (998 nodes)").
 */
import type { InvariantCode, ServiceView, StepRecord, Violation } from '../sim/result.ts';
import { MAX_COLUMNS, groupColumns, type TimelineColumn } from './columns.ts';
import { nodeList } from './format.ts';
import { changePoints, indexOf } from './record-index.ts';

export { MAX_COLUMNS, stepSeconds, type TimelineColumn } from './columns.ts';
export const MAX_ROWS = 60;

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
