/**
 * Blocks of the HA rolling procedure (seed workflow 004): one node at a time, out of haproxy
 * rotation while its services stop, upgrade and start again, so another node always answers.
 */
import type { Action, DbPhase, NodeSpec, Project, ServiceName } from '../plan.ts';
import { displayRelease as shown } from '../../models/catalogue/releases.ts';
import * as A from './actions.ts';
import { cap, type Ctx } from './context.ts';
import { offlineProject } from './in-place.ts';
import { rollingPhases } from './releases.ts';
import { frontendsFor, nodesWith, on } from './view.ts';

/** drain …, `inner`, undrain … for every frontend sending `services` to the node. */
function outOfRotation(ctx: Ctx, node: NodeSpec, services: readonly ServiceName[], inner: Action[]): Action[] {
  const fes = services.flatMap((s) => frontendsFor(ctx.topo, s, node));
  return [...fes.map((f) => A.drain(f.name, node.name)), ...inner, ...fes.map((f) => A.undrain(f.name, node.name))];
}

/**
 * `services` (in start order) node by node; `first` runs on the first node between upgrade and
 * start, `after` once the last node runs the new code; `why` completes the first node's label.
 */
export function rollNodes(ctx: Ctx, project: Project, services: readonly ServiceName[], first: readonly DbPhase[], after: readonly DbPhase[], why = ''): void {
  const nodes = nodesWith(ctx.topo, services);
  nodes.forEach((node, i) => {
    const mine = on(node, services);
    const phases = i === 0 ? first.map((p) => A.db(project, p)) : [];
    const inner = [A.stop(node.name, [...mine].reverse()), A.upgrade(node.name, mine), ...phases, A.start(node.name, mine)];
    const steps = outOfRotation(ctx, node, mine, inner);
    const how = steps.length > inner.length ? 'out of haproxy rotation while it is upgraded' : 'upgraded while the other nodes run';
    const schema = phases.length > 0 ? `; ${first.join(' and ')} while the old nodes still serve` : '';
    ctx.b.steps(steps, `${mine.join(', ')} on ${node.name}: ${how}${schema}${i === 0 ? why : ''}`);
  });
  after.forEach((p, i) => ctx.b.step(A.db(project, p), i === 0 ? `${cap(project)} ${p} once every node runs ${shown(ctx.to)}` : undefined));
}

/**
 * A project rolled when its schema tooling allows it; otherwise (an offline `db sync` only) its
 * services are stopped everywhere and the outage is recorded for the policy.
 */
export function rollProject(ctx: Ctx, project: Project, services: readonly ServiceName[]): void {
  if (nodesWith(ctx.topo, services).length === 0) return;
  const phases = rollingPhases(project, ctx.to);
  if (!phases) {
    ctx.outages.add(project);
    offlineProject(ctx, project, [services], `${cap(project)} has only an offline db sync in ${shown(ctx.to)}: it cannot roll, its outage is accepted in the policy`);
    return;
  }
  rollNodes(ctx, project, services, phases.beforeFirstStart, phases.afterLast, phases.note ? ` (${phases.note})` : '');
}
