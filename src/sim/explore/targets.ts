/**
 * What a fault may target at a given moment, read from the shadow world, and which units a plan
 * step works on (so that a fault's recovery does not undo the plan's own work).
 */
import type { Action, NodeName } from '../../scenarios/plan.ts';
import type { LeafStep } from '../sequence.ts';
import { resolveCapOn } from '../start.ts';
import { isRunning, nodeUp, type World } from '../world.ts';

/**
 * Computes whose going down and coming back is faithful to a RabbitMQ restart: running, on the
 * code installed, and resolving the cap they already have (a real compute reconnects; it does
 * not reload code or config, which a stop and start would).
 */
export function faithfulComputes(world: World): NodeName[] {
  const out: NodeName[] = [];
  for (const n of world.nodes.values()) {
    const s = n.services.get('nova-compute');
    if (!s || !nodeUp(n) || !isRunning(s) || s.context.code !== s.context.installed) continue;
    if (resolveCapOn(world, n, s.context.code).cap !== s.context.computeCap) continue;
    out.push(n.name);
  }
  return out;
}

/** Backends in rotation whose node runs the frontend's service: a flap is a health check failing there. */
export function activeBackends(world: World): { frontend: string; node: NodeName }[] {
  const out: { frontend: string; node: NodeName }[] = [];
  for (const [name, f] of world.frontends) {
    for (const [node, b] of f.backends) {
      const n = world.nodes.get(node);
      if (b.value === 'active' && n && nodeUp(n) && isRunning(n.services.get(f.spec.service))) out.push({ frontend: name, node });
    }
  }
  return out;
}

/**
 * The units ("node/service", or "node/*" for the whole node) whose running state or code an action
 * sets: the plan's work, which a fault's recovery must not undo. Enabling, disabling and config
 * changes set neither.
 */
export function unitsOf(a: Action): string[] {
  if (a.verb === 'stop' || a.verb === 'start' || a.verb === 'restart' || a.verb === 'upgrade') return a.services.map((s) => `${a.node}/${s}`);
  if (a.verb === 'reboot' || a.verb === 'add-node' || a.verb === 'remove-node') return [`${a.node}/*`];
  if (a.verb === 'failover') return [`${a.to}/${a.service}`];
  return [];
}

/** Does a top-level step change the config of any of these nodes? */
export function configures(leaves: readonly LeafStep[], nodes: readonly NodeName[]): boolean {
  return leaves.some((l) => l.step.action.verb === 'config' && l.step.action.nodes.some((n) => nodes.includes(n)));
}
