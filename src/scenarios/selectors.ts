/**
 * Service selectors ("keystone", ["nova-api", "nova-conductor"], "nova-*", "*") and project
 * names. A selector is expanded against the services a node has at that point of the plan,
 * so the parsed plan carries plain service lists and the simulator never sees a glob.
 */
import { SERVICE_INFO } from '../models/catalogue/services.ts';
import { PROJECTS, SERVICE_NAMES, type Project, type ServiceName } from './plan.ts';

export type Selector = string | readonly string[];

/** Why one entry of a selector did not resolve; `index` is its position in a list selector. */
export type SelectorProblem =
  | { kind: 'unknown-service'; text: string; index?: number }
  | { kind: 'not-on-node'; service: ServiceName; index?: number }
  | { kind: 'glob-empty'; text: string; index?: number };

export interface Expansion {
  services: ServiceName[];
  problems: SelectorProblem[];
}

const SERVICE_SET = new Set<string>(SERVICE_NAMES);

export function isServiceName(name: string): name is ServiceName {
  return SERVICE_SET.has(name);
}

export function isGlob(text: string): boolean {
  return /[*?]/.test(text);
}

/** `*` any run of characters, `?` one character; everything else literal. */
export function globToRegExp(glob: string): RegExp {
  const body = glob
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`);
}

/**
 * Expands a selector against a node's services. `onNode` null means the node's own
 * declaration was invalid: names are still checked, but not their presence on the node.
 */
export function expandSelector(selector: Selector, onNode: readonly ServiceName[] | null): Expansion {
  const list = typeof selector === 'string' ? [selector] : selector;
  const services: ServiceName[] = [];
  const problems: SelectorProblem[] = [];
  const add = (s: ServiceName) => {
    if (!services.includes(s)) services.push(s);
  };
  list.forEach((text, i) => {
    const index = typeof selector === 'string' ? undefined : i;
    const where = index === undefined ? {} : { index };
    if (isGlob(text)) {
      const re = globToRegExp(text);
      const matches = (onNode ?? SERVICE_NAMES).filter((s) => re.test(s));
      if (matches.length === 0) problems.push({ kind: 'glob-empty', text, ...where });
      matches.forEach(add);
    } else if (!isServiceName(text)) {
      problems.push({ kind: 'unknown-service', text, ...where });
    } else if (onNode && !onNode.includes(text)) {
      const twin = RENAMED[text];
      if (twin && onNode.includes(twin)) add(twin);
      else problems.push({ kind: 'not-on-node', service: text, ...where });
    } else {
      add(text);
    }
  });
  return { services, problems };
}

/**
 * Quantum became Neutron at Havana: a node declared with quantum-server runs neutron-server once
 * upgraded, so either name selects that one service (the plan keeps the name it was declared with).
 */
const RENAMED: Partial<Record<ServiceName, ServiceName>> = { 'neutron-server': 'quantum-server', 'quantum-server': 'neutron-server' };

const PROJECT_ALIASES: Record<string, Project> = { quantum: 'neutron' };

/** A project named directly ("nova"), by an old name ("quantum"), or by one of its services ("nova-api"). */
export function projectFor(name: string): Project | undefined {
  if ((PROJECTS as readonly string[]).includes(name)) return name as Project;
  if (name in PROJECT_ALIASES) return PROJECT_ALIASES[name];
  if (isServiceName(name)) return SERVICE_INFO[name].project;
  return undefined;
}

/** Projects that own a database schema (horizon keeps none). */
export const DATABASE_PROJECTS: readonly Project[] = PROJECTS.filter((p) => p !== 'horizon');
