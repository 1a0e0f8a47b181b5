/**
 * Name lookups for the semantic pass: every reference to a node, instance, frontend, database,
 * release, project or service goes through here, so each kind of unknown name gets one code and
 * one hint style.
 */
import { findRelease, releaseKeys } from '../models/catalogue/releases.ts';
import type { ParseContext } from './parse-context.ts';
import { didYouMean, knownHint } from './parse-hints.ts';
import type { NodeState, PlanWorld } from './parse-state.ts';
import type { Path } from './parse-yaml.ts';
import { SERVICE_NAMES, type DatabaseName, type NodeName, type Project, type ReleaseName, type ServiceName } from './plan.ts';
import { DATABASE_PROJECTS, expandSelector, isServiceName, projectFor, type Selector } from './selectors.ts';

export function resolveRelease(ctx: ParseContext, value: string | number, path: Path): ReleaseName | undefined {
  const text = String(value);
  const found = findRelease(text);
  if (found) return found.name;
  ctx.error('PLAN-E006', path, `unknown release "${text}"`, didYouMean(text, releaseKeys()));
  return undefined;
}

export function requireNode(ctx: ParseContext, world: PlanWorld, name: string, path: Path): NodeState | undefined {
  if (world.opaque.has('nodes')) return { services: null };
  const node = world.nodes.get(name);
  if (node) return node;
  const removedAt = world.removedNodes.get(name);
  const addedAt = world.laterNodes.get(name);
  if (removedAt !== undefined) {
    ctx.error('PLAN-E014', path, `node "${name}" was removed at step ${removedAt}`);
  } else if (addedAt !== undefined) {
    ctx.error('PLAN-E014', path, `node "${name}" does not exist yet: it is added at step ${addedAt}`);
  } else {
    ctx.error('PLAN-E014', path, `unknown node "${name}"`, knownHint(name, world.nodeNames(), 'node'));
  }
  return undefined;
}

export function requireInstance(ctx: ParseContext, world: PlanWorld, name: string, path: Path): boolean {
  if (world.opaque.has('instances') || world.instances.has(name)) return true;
  const deletedAt = world.deletedInstances.get(name);
  if (deletedAt !== undefined) {
    ctx.error('PLAN-E016', path, `instance "${name}" was deleted at step ${deletedAt}`);
  } else {
    ctx.error('PLAN-E016', path, `unknown instance "${name}"`, knownHint(name, [...world.instances.keys()], 'instance'));
  }
  return false;
}

export function requireDatabase(ctx: ParseContext, world: PlanWorld, name: string, path: Path): Project[] | null | undefined {
  if (world.opaque.has('databases')) return null;
  const projects = world.databases.get(name);
  if (projects) return projects;
  ctx.error('PLAN-E017', path, `unknown database "${name}"`, knownHint(name, [...world.databases.keys()], 'database'));
  return undefined;
}

/** A service name that must be one of SERVICE_NAMES. */
export function requireServiceName(ctx: ParseContext, name: string, path: Path): ServiceName | undefined {
  if (isServiceName(name)) return name;
  ctx.error('PLAN-E013', path, `unknown service "${name}"`, didYouMean(name, SERVICE_NAMES));
  return undefined;
}

/** A project that owns a database schema, named directly or by one of its services. */
export function requireDbProject(ctx: ParseContext, name: string, path: Path): Project | undefined {
  const project = projectFor(name);
  if (project && DATABASE_PROJECTS.includes(project)) return project;
  if (project) {
    ctx.error('PLAN-E023', path, `${project} has no database schema`, `projects with one: ${DATABASE_PROJECTS.join(', ')}`);
  } else {
    ctx.error('PLAN-E023', path, `unknown project "${name}"`, didYouMean(name, [...DATABASE_PROJECTS, ...SERVICE_NAMES]));
  }
  return undefined;
}

/** "it runs nova-compute, nova-network": what the author can pick from. */
export function runsHint(services: readonly ServiceName[]): string {
  return services.length === 0 ? 'it runs no service' : `it runs ${services.join(', ')}`;
}

/** Checks that `node` runs `service`; `node.services` null means it cannot be known. */
export function requireServiceOn(
  ctx: ParseContext,
  nodeName: string,
  node: NodeState,
  service: ServiceName,
  path: Path,
): boolean {
  if (node.services === null || node.services.includes(service)) return true;
  ctx.error('PLAN-E018', path, `node "${nodeName}" does not run ${service}`, runsHint(node.services));
  return false;
}

/** Expands a selector on a node, reporting each entry that does not resolve at its own position. */
export function resolveSelector(
  ctx: ParseContext,
  nodeName: string,
  node: NodeState,
  selector: Selector,
  path: Path,
): ServiceName[] {
  const { services, problems } = expandSelector(selector, node.services);
  for (const problem of problems) {
    const at = problem.index === undefined ? path : [...path, problem.index];
    switch (problem.kind) {
      case 'unknown-service':
        ctx.error('PLAN-E013', at, `unknown service "${problem.text}"`, didYouMean(problem.text, SERVICE_NAMES));
        break;
      case 'not-on-node':
        ctx.error('PLAN-E018', at, `node "${nodeName}" does not run ${problem.service}`, runsHint(node.services ?? []));
        break;
      case 'glob-empty':
        ctx.error('PLAN-E019', at, `"${problem.text}" matches no service on node "${nodeName}"`, runsHint(node.services ?? []));
        break;
    }
  }
  return services;
}

export const asNode = (name: string): NodeName => name as NodeName;
export const asDatabase = (name: string): DatabaseName => name as DatabaseName;
