/**
 * One checker per verb: shape-valid raw body → typed Action, checking every name against the
 * world as the earlier steps left it, and applying the step's own effect on the world
 * (add-node, remove-node, migrations, delete-instance) for the steps after it.
 */
import type { ParseContext } from './parse-context.ts';
import {
  asDatabase,
  asNode,
  requireDatabase,
  requireDbProject,
  requireInstance,
  requireNode,
  requireServiceName,
  requireServiceOn,
  resolveRelease,
  resolveSelector,
} from './parse-refs.ts';
import type { RawBodies } from './parse-schema.ts';
import type { PlanWorld } from './parse-state.ts';
import type { Path } from './parse-yaml.ts';
import { knownHint } from './parse-hints.ts';
import type { Action, DbPhase, FrontendName, InstanceName, NodeName, NodeRole, ReleaseName, ServiceName } from './plan.ts';

export interface VerbContext {
  ctx: ParseContext;
  world: PlanWorld;
  /** Path of the verb's body ("steps.3.stop"). */
  path: Path;
  stepId: string;
  /** The plan's target release: add-node installs it unless told otherwise. */
  to: ReleaseName | undefined;
}

type Checker<V extends keyof RawBodies> = (v: VerbContext, body: RawBodies[V]) => Action | undefined;
type Checkers = { [V in keyof RawBodies]: (v: VerbContext, body: RawBodies[V]) => Action | undefined };

const ok = <A extends Action>(action: A, valid: boolean): A | undefined => (valid ? action : undefined);

function frontendStep(verb: 'drain' | 'undrain'): Checker<'drain'> {
  return ({ ctx, world, path }, body) => {
    let valid = true;
    const frontend = world.frontends.get(body.frontend);
    if (!frontend && !world.opaque.has('frontends')) {
      ctx.error('PLAN-E015', [...path, 'frontend'], `unknown frontend "${body.frontend}"`, knownHint(body.frontend, [...world.frontends.keys()], 'frontend'));
      valid = false;
    }
    const node = requireNode(ctx, world, body.node, [...path, 'node']);
    if (!node) valid = false;
    if (node && frontend?.service && !frontend.backends.includes(asNode(body.node))) {
      ctx.error('PLAN-E024', [...path, 'node'], `node "${body.node}" is not a backend of frontend "${body.frontend}"`,
        `its backends are ${frontend.backends.join(', ') || 'none'}`);
      valid = false;
    }
    return ok({ verb, frontend: body.frontend as FrontendName, node: asNode(body.node) }, valid);
  };
}

function serviceStep(verb: 'stop' | 'start' | 'restart' | 'upgrade' | 'disable' | 'enable'): Checker<'stop'> {
  return ({ ctx, world, path }, body) => {
    const node = requireNode(ctx, world, body.node, [...path, 'node']);
    if (!node) return undefined;
    const before = ctx.errors.length;
    const services = resolveSelector(ctx, body.node, node, body.service, [...path, 'service']);
    return ok({ verb, node: asNode(body.node), services }, ctx.errors.length === before);
  };
}

function migrateStep(verb: 'live-migrate' | 'cold-migrate' | 'redeploy'): Checker<'live-migrate'> {
  return ({ ctx, world, path }, body) => {
    const known = requireInstance(ctx, world, body.instance, [...path, 'instance']);
    const target = requireNode(ctx, world, body.to, [...path, 'to']);
    const hosts = target ? requireServiceOn(ctx, body.to, target, 'nova-compute', [...path, 'to']) : false;
    if (known && hosts) world.instances.set(body.instance, asNode(body.to));
    return ok({ verb, instance: body.instance as InstanceName, to: asNode(body.to) }, known && hosts);
  };
}

function nodeStep(verb: 'reboot'): Checker<'reboot'> {
  return ({ ctx, world, path }, body) =>
    ok({ verb, node: asNode(body.node) }, requireNode(ctx, world, body.node, [...path, 'node']) !== undefined);
}

export const VERB_CHECKERS: Checkers = {
  drain: frontendStep('drain'),
  undrain: frontendStep('undrain'),
  stop: serviceStep('stop'),
  start: serviceStep('start'),
  restart: serviceStep('restart'),
  upgrade: (v, body) => {
    const release = body.release === undefined ? undefined : resolveRelease(v.ctx, body.release, [...v.path, 'release']);
    const action = serviceStep('upgrade')(v, body);
    if (!action || (body.release !== undefined && !release)) return undefined;
    return release ? { ...action, release } : action;
  },
  disable: (v, body) => serviceStep('disable')(v, { node: body.node, service: body.service ?? 'nova-compute' }),
  enable: (v, body) => serviceStep('enable')(v, { node: body.node, service: body.service ?? 'nova-compute' }),
  'live-migrate': migrateStep('live-migrate'),
  'cold-migrate': migrateStep('cold-migrate'),
  redeploy: migrateStep('redeploy'),
  reboot: nodeStep('reboot'),

  db: ({ ctx, world, path }, body) => {
    const project = requireDbProject(ctx, body.service, [...path, 'service']);
    let valid = project !== undefined;
    if (body.database !== undefined) {
      const holds = requireDatabase(ctx, world, body.database, [...path, 'database']);
      if (holds === undefined) valid = false;
      else if (holds !== null && project && !holds.includes(project)) {
        ctx.error('PLAN-E025', [...path, 'database'], `database "${body.database}" does not hold the ${project} schema`,
          `it holds ${holds.join(', ') || 'nothing'}`);
        valid = false;
      }
    }
    const release = body.release === undefined ? undefined : resolveRelease(ctx, body.release, [...path, 'release']);
    if (!project || !valid || (body.release !== undefined && !release)) return undefined;
    const database = body.database === undefined ? {} : { database: asDatabase(body.database) };
    return { verb: 'db', project, phase: body.phase as DbPhase, ...database, ...(release ? { release } : {}) };
  },

  config: ({ ctx, world, path }, body) => {
    let nodes: NodeName[];
    if (body.nodes === 'all') nodes = world.nodeNames();
    else if (typeof body.nodes === 'string') nodes = [asNode(body.nodes)];
    else nodes = body.nodes.map(asNode);
    const before = ctx.errors.length;
    if (body.nodes !== 'all') {
      nodes.forEach((n, i) => requireNode(ctx, world, n, typeof body.nodes === 'string' ? [...path, 'nodes'] : [...path, 'nodes', i]));
    }
    const value = body.value === null ? null : String(body.value);
    return ok(
      { verb: 'config', nodes, file: body.file, section: body.section, key: body.key, value },
      ctx.errors.length === before,
    );
  },

  'delete-instance': ({ ctx, world, path, stepId }, body) => {
    if (!requireInstance(ctx, world, body.instance, [...path, 'instance'])) return undefined;
    world.deleteInstance(body.instance, stepId);
    return { verb: 'delete-instance', instance: body.instance as InstanceName };
  },

  'add-node': ({ ctx, world, path, to }, body) => {
    const before = ctx.errors.length;
    if (world.nodes.has(body.node)) {
      ctx.error('PLAN-E020', [...path, 'node'], `node "${body.node}" already exists`, 'remove it first, or pick another name');
    }
    const services: ServiceName[] = [];
    body.services.forEach((s, i) => {
      const service = requireServiceName(ctx, s, [...path, 'services', i]);
      if (service && !services.includes(service)) services.push(service);
    });
    const release = body.release === undefined ? to : resolveRelease(ctx, body.release, [...path, 'release']);
    if (body.database !== undefined) requireDatabase(ctx, world, body.database, [...path, 'database']);
    world.addNode(body.node, { services: ctx.errors.length === before ? services : null });
    if (ctx.errors.length !== before || !release) return undefined;
    const database = body.database === undefined ? {} : { database: asDatabase(body.database) };
    return { verb: 'add-node', node: asNode(body.node), role: body.role as NodeRole, services, release, ...database };
  },

  'remove-node': ({ ctx, world, path, stepId }, body) => {
    if (!requireNode(ctx, world, body.node, [...path, 'node'])) return undefined;
    world.removeNode(body.node, stepId);
    return { verb: 'remove-node', node: asNode(body.node) };
  },

  failover: ({ ctx, world, path }, body) => {
    const service = requireServiceName(ctx, body.service, [...path, 'service']);
    const node = requireNode(ctx, world, body.to, [...path, 'to']);
    const runs = node && service ? requireServiceOn(ctx, body.to, node, service, [...path, 'to']) : false;
    if (!service || !runs) return undefined;
    return { verb: 'failover', service, to: asNode(body.to) };
  },
};
