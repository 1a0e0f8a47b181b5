/**
 * A small reader for Ansible's INI inventory format (what kolla-ansible's `multinode` is written
 * in): `[group]` host lines with `key=value` variables, `[group:children]` and `[group:vars]`,
 * numeric host ranges (`compute[01:03]`), `#` and `;` comments. Every entry keeps its line.
 */
import { inventoryError, type InventoryError } from './errors.ts';

export interface IniEntry {
  /** Host name, child group name, or variable name. */
  name: string;
  vars: Record<string, string>;
  line: number;
  column: number;
}

export interface IniGroup {
  name: string;
  line: number;
  hosts: IniEntry[];
  children: IniEntry[];
  vars: IniEntry[];
}

export interface IniInventory {
  /** Groups in the order first written; a group written twice is merged, as Ansible does. */
  groups: Map<string, IniGroup>;
}

const HEADER = /^\[([^\]:\s]+)(?::(children|vars))?\]\s*$/;

export function parseIni(text: string, file: string): { inventory: IniInventory; errors: InventoryError[] } {
  const groups = new Map<string, IniGroup>();
  const errors: InventoryError[] = [];
  const group = (name: string, line: number): IniGroup => {
    let g = groups.get(name);
    if (!g) groups.set(name, (g = { name, line, hosts: [], children: [], vars: [] }));
    return g;
  };
  let current = group('ungrouped', 1);
  let kind: 'hosts' | 'children' | 'vars' = 'hosts';
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) return;
    const column = raw.length - raw.trimStart().length + 1;
    if (trimmed.startsWith('[')) {
      const m = HEADER.exec(trimmed);
      if (!m) {
        errors.push(inventoryError('INV-E001', file, line, column, `bad section header ${JSON.stringify(trimmed)}`, 'write [group], [group:children] or [group:vars]'));
        return;
      }
      current = group(m[1]!, line);
      kind = (m[2] as 'children' | 'vars' | undefined) ?? 'hosts';
      return;
    }
    const tokens = tokenize(raw);
    if (kind === 'vars') {
      const v = parseVar(tokens[0]!.text);
      if (!v || tokens.length > 1) {
        errors.push(inventoryError('INV-E002', file, line, column, `${JSON.stringify(trimmed)} is not key=value`));
        return;
      }
      current.vars.push({ name: v[0], vars: { [v[0]]: v[1] }, line, column });
      return;
    }
    const [head, ...rest] = tokens;
    if (kind === 'children') {
      if (rest.length > 0) {
        errors.push(inventoryError('INV-E001', file, line, rest[0]!.column, `a [${current.name}:children] line names one group, found ${JSON.stringify(trimmed)}`));
        return;
      }
      current.children.push({ name: head!.text, vars: {}, line, column });
      return;
    }
    const vars: Record<string, string> = {};
    for (const t of rest) {
      const v = parseVar(t.text);
      if (!v) {
        errors.push(inventoryError('INV-E002', file, line, t.column, `host variable ${JSON.stringify(t.text)} is not key=value`));
        continue;
      }
      vars[v[0]] = v[1];
    }
    const names = expandRange(head!.text);
    if (!names) {
      errors.push(inventoryError('INV-E001', file, line, column, `bad host range ${JSON.stringify(head!.text)}`, 'write name[01:03] with the lower bound first'));
      return;
    }
    for (const name of names) current.hosts.push({ name, vars, line, column });
  });
  return { inventory: { groups }, errors };
}

interface Token {
  text: string;
  column: number;
}

/** Whitespace-separated tokens; double or single quotes keep spaces inside a value. */
function tokenize(raw: string): Token[] {
  const out: Token[] = [];
  const re = /(?:[^\s"']+|"[^"]*"|'[^']*')+/g;
  for (let m = re.exec(raw); m; m = re.exec(raw)) {
    if (m[0].startsWith('#')) break;
    out.push({ text: m[0], column: m.index + 1 });
  }
  return out;
}

function parseVar(token: string): [string, string] | undefined {
  const eq = token.indexOf('=');
  if (eq <= 0) return undefined;
  const value = token.slice(eq + 1).replace(/^(["'])(.*)\1$/, '$2');
  return [token.slice(0, eq), value];
}

/** `compute[01:03]` → compute01, compute02, compute03; undefined for a malformed range. */
export function expandRange(pattern: string): string[] | undefined {
  const m = /^(.*)\[(\d+):(\d+)\](.*)$/.exec(pattern);
  if (!m) return pattern.includes('[') || pattern.includes(']') ? undefined : [pattern];
  const [, pre, a, b, post] = m as unknown as [string, string, string, string, string];
  const lo = Number(a);
  const hi = Number(b);
  if (hi < lo || hi - lo > 1000) return undefined;
  const width = a.length;
  const out: string[] = [];
  for (let i = lo; i <= hi; i++) out.push(`${pre}${String(i).padStart(width, '0')}${post}`);
  return out;
}
