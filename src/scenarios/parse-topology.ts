/**
 * The topology section → typed Topology plus the starting PlanWorld. Each entry is shape-checked
 * on its own, so one broken node does not hide the errors of the others; an entry that fails its
 * shape still exists (its contents are just not checked), which keeps later steps that name it
 * from piling up "unknown node" errors.
 */
import type { ParseContext } from './parse-context.ts';
import {
  asDatabase,
  asNode,
  requireDatabase,
  requireDbProject,
  requireNode,
  requireServiceName,
  requireServiceOn,
  resolveRelease,
} from './parse-refs.ts';
import { DatabaseSchema, FrontendSchema, InstanceSchema, NodeSchema } from './parse-schema.ts';
import { PlanWorld, type Section } from './parse-state.ts';
import type {
  DatabaseName,
  DatabaseSpec,
  FrontendName,
  FrontendSpec,
  InstanceName,
  InstanceSpec,
  NodeRole,
  NodeSpec,
  Project,
  ServiceName,
  Topology,
} from './plan.ts';
import { DATABASE_PROJECTS } from './selectors.ts';

/** Projects not placed in a declared database live here. */
export const DEFAULT_DATABASE = 'default' as DatabaseName;

export interface ParsedTopology {
  topology: Topology;
  world: PlanWorld;
}

type Entries = [string, unknown][];

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The entries of a topology section in the order written, or none (and the section marked
 * opaque) when it is not a map.
 */
function entries(ctx: ParseContext, world: PlanWorld, raw: unknown, key: string, section: Section, required: boolean): Entries {
  if (raw === undefined && !required) return [];
  if (!isRecord(raw)) {
    world.opaque.add(section);
    return [];
  }
  const written = ctx.source.keys(['topology', key]).filter((k) => Object.hasOwn(raw, k));
  const rest = Object.keys(raw).filter((k) => !written.includes(k));
  return [...new Set([...written, ...rest])].map((k) => [k, raw[k]]);
}

export function parseTopology(ctx: ParseContext, raw: unknown): ParsedTopology {
  const world = new PlanWorld();
  const topo = isRecord(raw) ? raw : undefined;
  if (!topo) (['nodes', 'frontends', 'instances', 'databases'] as const).forEach((s) => world.opaque.add(s));
  const databases = parseDatabases(ctx, world, entries(ctx, world, topo?.databases, 'databases', 'databases', !topo));
  const nodes = parseNodes(ctx, world, entries(ctx, world, topo?.nodes, 'nodes', 'nodes', true));
  const loadBalancers = parseFrontends(ctx, world, entries(ctx, world, topo?.loadBalancers, 'loadBalancers', 'frontends', !topo));
  const instances = parseInstances(ctx, world, entries(ctx, world, topo?.instances, 'instances', 'instances', !topo));
  return { topology: { nodes, loadBalancers, databases, instances }, world };
}

function parseDatabases(ctx: ParseContext, world: PlanWorld, list: Entries): DatabaseSpec[] {
  const specs: DatabaseSpec[] = [];
  for (const [name, raw] of list) {
    const path = ['topology', 'databases', name];
    const shape = DatabaseSchema.safeParse(raw);
    if (!shape.success) {
      world.databases.set(name, []);
      continue;
    }
    const projects: Project[] = [];
    shape.data.services.forEach((entry, i) => {
      const project = requireDbProject(ctx, entry, [...path, 'services', i]);
      if (project && !projects.includes(project)) projects.push(project);
    });
    specs.push({ name: asDatabase(name), projects, at: ctx.locate(path, 'key') });
  }
  const placed = new Set(specs.flatMap((d) => d.projects));
  const leftover = DATABASE_PROJECTS.filter((p) => !placed.has(p));
  const explicitDefault = specs.find((d) => d.name === DEFAULT_DATABASE);
  if (explicitDefault) explicitDefault.projects.push(...leftover);
  else if (leftover.length > 0 || specs.length === 0) specs.push({ name: DEFAULT_DATABASE, projects: leftover });
  for (const spec of specs) world.databases.set(spec.name, spec.projects);
  return specs;
}

function parseNodes(ctx: ParseContext, world: PlanWorld, list: Entries): NodeSpec[] {
  const specs: NodeSpec[] = [];
  for (const [name, raw] of list) {
    const path = ['topology', 'nodes', name];
    const shape = NodeSchema.safeParse(raw);
    if (!shape.success) {
      world.addNode(name, { services: null });
      continue;
    }
    const services: ServiceName[] = [];
    shape.data.services.forEach((s, i) => {
      const service = requireServiceName(ctx, s, [...path, 'services', i]);
      if (service && !services.includes(service)) services.push(service);
    });
    const { release, database } = shape.data;
    const resolved = release === undefined ? undefined : resolveRelease(ctx, release, [...path, 'release']);
    if (database !== undefined) requireDatabase(ctx, world, database, [...path, 'database']);
    specs.push({
      name: asNode(name),
      role: shape.data.role as NodeRole,
      services,
      ...(resolved ? { release: resolved } : {}),
      ...(database !== undefined ? { database: asDatabase(database) } : {}),
      at: ctx.locate(path, 'key'),
    });
    world.addNode(name, { services });
  }
  return specs;
}

function parseFrontends(ctx: ParseContext, world: PlanWorld, list: Entries): FrontendSpec[] {
  const specs: FrontendSpec[] = [];
  for (const [name, raw] of list) {
    const path = ['topology', 'loadBalancers', name];
    const shape = FrontendSchema.safeParse(raw);
    if (!shape.success) {
      world.frontends.set(name, { service: null, backends: [] });
      continue;
    }
    const service = requireServiceName(ctx, shape.data.service, [...path, 'service']);
    const backends = shape.data.backends.map(asNode);
    backends.forEach((backend, i) => {
      const at = [...path, 'backends', i];
      const node = requireNode(ctx, world, backend, at);
      if (node && service) requireServiceOn(ctx, backend, node, service, at);
    });
    world.frontends.set(name, { service: service ?? null, backends });
    if (service) specs.push({ name: name as FrontendName, service, backends, at: ctx.locate(path, 'key') });
  }
  return specs;
}

function parseInstances(ctx: ParseContext, world: PlanWorld, list: Entries): InstanceSpec[] {
  const specs: InstanceSpec[] = [];
  for (const [name, raw] of list) {
    const path = ['topology', 'instances', name];
    const shape = InstanceSchema.safeParse(raw);
    const host = shape.success ? shape.data.host : '';
    world.instances.set(name, asNode(host));
    if (!shape.success) continue;
    const node = requireNode(ctx, world, host, [...path, 'host']);
    if (node) requireServiceOn(ctx, host, node, 'nova-compute', [...path, 'host']);
    specs.push({ name: name as InstanceName, host: asNode(host), at: ctx.locate(path, 'key') });
  }
  return specs;
}
