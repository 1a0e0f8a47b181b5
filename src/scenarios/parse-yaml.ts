/**
 * YAML text → plain data plus a source map. Everything after this works on plain data; the
 * source map is what lets a schema issue or a semantic error at `steps.3.stop.service` point
 * back to the line and column the operator wrote.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { planError, type PlanError, type Position } from './parse-errors.ts';

export type Path = readonly (string | number)[];

/** Positions of the values and keys at data paths. */
export interface SourceMap {
  /** Whether the path exists in the document. */
  has(path: Path): boolean;
  /** Where the value at `path` starts; the nearest existing ancestor when it is absent. */
  value(path: Path): Position;
  /** Where the key naming `path` starts (map entries); otherwise like `value`. */
  key(path: Path): Position;
  /**
   * The keys of the map at `path` in written order. Plain objects put integer-like keys
   * ("1", "10") first; names must keep the order the author wrote.
   */
  keys(path: Path): string[];
}

export type YamlParse =
  | { ok: true; data: unknown; source: SourceMap; errors: PlanError[] }
  | { ok: false; errors: PlanError[] };

interface Located {
  key?: Node;
  value?: Node;
}

const START: Position = { line: 1, column: 1 };

/** The kind of thing a map's keys name, for duplicate-key messages. */
const KEY_KINDS: Record<string, string> = {
  'topology.nodes': 'node',
  'topology.instances': 'instance',
  'topology.loadBalancers': 'frontend',
  'topology.databases': 'database',
};

/** Plans write globs such as `*` or `*-api`; unquoted, YAML reads a leading `*` as an alias. */
function yamlHint(message: string): string | undefined {
  return /alias/i.test(message) ? 'a value starting with * is a YAML alias: quote a service glob, e.g. service: "*" or "*-api"' : undefined;
}

export function parseYaml(text: string, file: string): YamlParse {
  const lines = new LineCounter();
  // Duplicate keys are found by one walk below: yaml's own check is quadratic in a map's size.
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false, prettyErrors: false, merge: true });
  const at = (offset: number): Position => {
    const p = lines.linePos(offset);
    return { line: p.line, column: p.col };
  };

  const syntax = doc.errors;
  if (syntax.length > 0) {
    return { ok: false, errors: syntax.map((e) => planError('PLAN-E001', file, at(e.pos[0]), `YAML: ${e.message}`, yamlHint(e.message))) };
  }

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 1000 });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, errors: [planError('PLAN-E001', file, START, `YAML: ${message}`)] };
  }

  const source = sourceMap(doc, at);
  const errors = duplicateKeys(doc.contents ?? undefined, []).map((d) => duplicateKeyError(file, at, d));
  return { ok: true, data, source, errors };
}

function sourceMap(doc: Document, at: (offset: number) => Position): SourceMap {
  const locate = (path: Path): { found: Located; depth: number } => {
    let current: Located = { value: doc.contents ?? undefined };
    let depth = 0;
    for (const segment of path) {
      const next = child(doc, current.value, segment);
      if (!next) break;
      current = next;
      depth++;
    }
    return { found: current, depth };
  };
  const startOf = (node: Node | undefined): Position => (node?.range ? at(node.range[0]) : START);
  return {
    has: (path) => locate(path).depth === path.length,
    value: (path) => {
      const { found } = locate(path);
      return startOf(found.value ?? found.key);
    },
    key: (path) => {
      const { found, depth } = locate(path);
      return startOf(depth === path.length ? (found.key ?? found.value) : (found.value ?? found.key));
    },
    keys: (path) => {
      const { found, depth } = locate(path);
      const node = isAlias(found.value) ? (found.value.resolve(doc) as Node | undefined) : found.value;
      if (depth !== path.length || !isMap(node)) return [];
      return node.items.flatMap((pair) => {
        const text = isPair(pair) ? keyText(pair.key) : undefined;
        return text === undefined ? [] : [text];
      });
    },
  };
}

/** Each map's entries by key, built on first lookup: plans with thousands of nodes are located in linear time. */
const MAP_INDEX = new WeakMap<object, Map<string, Located>>();

/** The key and value one step below `node`, following aliases; the last of duplicate keys wins, as in the data. */
function child(doc: Document, node: Node | undefined, segment: string | number): Located | undefined {
  const target = isAlias(node) ? (node.resolve(doc) as Node | undefined) : node;
  if (isMap(target)) {
    let index = MAP_INDEX.get(target);
    if (!index) {
      index = new Map();
      for (const pair of target.items) {
        const name = isPair(pair) ? keyText(pair.key) : undefined;
        if (name !== undefined && isPair(pair)) index.set(name, { key: pair.key as Node, value: (pair.value as Node | null) ?? undefined });
      }
      MAP_INDEX.set(target, index);
    }
    return index.get(String(segment));
  }
  if (isSeq(target) && typeof segment === 'number') {
    const item = target.items[segment] as Node | undefined;
    return item ? { value: item } : undefined;
  }
  return undefined;
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}

interface Duplicate {
  name: string;
  /** Path of the map holding the key. */
  parent: string[];
  offset: number;
  firstOffset: number;
}

/** Every key written twice in the same map, in one walk (the later ones; the first is remembered). */
function duplicateKeys(node: Node | undefined, path: string[]): Duplicate[] {
  const out: Duplicate[] = [];
  if (isMap(node)) {
    const seen = new Map<string, number>();
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const name = keyText(pair.key);
      const offset = (pair.key as Node | null)?.range?.[0];
      if (name !== undefined && name !== '<<' && offset !== undefined) {
        const first = seen.get(name);
        if (first === undefined) seen.set(name, offset);
        else out.push({ name, parent: path, offset, firstOffset: first });
      }
      out.push(...duplicateKeys((pair.value as Node | null) ?? undefined, [...path, name ?? '?']));
    }
  } else if (isSeq(node)) {
    for (const [i, item] of node.items.entries()) out.push(...duplicateKeys(item as Node, [...path, String(i)]));
  }
  return out;
}

function duplicateKeyError(file: string, at: (offset: number) => Position, d: Duplicate): PlanError {
  const kind = KEY_KINDS[d.parent.join('.')];
  const what = kind ? `${kind} name` : 'key';
  const first = at(d.firstOffset);
  return planError('PLAN-E002', file, at(d.offset), `duplicate ${what} "${d.name}"`, `first written at line ${first.line}, column ${first.column}`);
}
