/**
 * The live compute upgrade of nova (seed procedures 002 and 004): controllers first under an
 * `[upgrade_levels] compute` cap so old computes still understand them, then each compute
 * disabled, stopped, upgraded, started and enabled, then the cap lifted and services restarted.
 */
import type { Action, NodeSpec } from '../plan.ts';
import { displayRelease as shown } from '../../models/catalogue/releases.ts';
import { computeAccepts, computeRpcLatest } from '../../models/catalogue/nova-rpc.ts';
import * as A from './actions.ts';
import { allNodes, type Ctx } from './context.ts';
import { computeCap, offlinePhases } from './releases.ts';
import type { ScenarioOptions } from './types.ts';
import { computes, frontendsFor, NOVA_CONTROL, novaControllers, on } from './view.ts';

export type Migrate = NonNullable<ScenarioOptions['migrate']>;

/** Controllers capped, stopped together, upgraded, schema synced, started conductors first. */
export function novaControlCapped(ctx: Ctx): string {
  const { b } = ctx;
  const { value: capValue, alias } = computeCap(ctx.from, ctx.to);
  const why = capValue === 'auto'
    ? 'auto: services pick the version of the oldest compute when they start'
    : alias
      ? `${capValue} (what ${alias} stands for): what ${shown(ctx.from)} computes accept from ${shown(ctx.to)} controllers; a number, not the alias, as ${shown(ctx.from)} services that restart before their upgrade do not know ${alias}`
      : `${capValue}: what ${shown(ctx.from)} computes accept from ${shown(ctx.to)} controllers`;
  b.step(A.computeCap(allNodes(ctx), capValue), `Nova: [upgrade_levels] compute = ${why}`);
  const ctl = novaControllers(ctx.topo);
  b.parallel(ctl.filter((n) => on(n, ['nova-api']).length > 0).map((n) => A.stop(n.name, ['nova-api'])), 'Nova controllers: apis, then conductors and schedulers stopped');
  const workers = NOVA_CONTROL.slice(0, -1);
  b.parallel(ctl.filter((n) => on(n, workers).length > 0).map((n) => A.stop(n.name, on(n, workers))));
  b.parallel(ctl.map((n) => A.upgrade(n.name, on(n, NOVA_CONTROL))));
  b.step(A.db('nova', 'sync'), 'nova-manage db sync: additive, the old computes keep working on it');
  for (const group of [['nova-conductor'], NOVA_CONTROL.slice(1, -1), ['nova-api']] as const) {
    b.parallel(ctl.filter((n) => on(n, group).length > 0).map((n) => A.start(n.name, on(n, group))),
      group[0] === 'nova-conductor' ? `Conductors first, then schedulers, api last, all on ${shown(ctx.to)} with the cap` : undefined);
  }
  return capValue;
}

/** Does a compute of the old release understand one of the new release (for a move between them)? */
function oldReachesNew(ctx: Ctx): boolean {
  const sent = computeRpcLatest(ctx.from);
  return sent !== undefined && computeAccepts(ctx.to, sent);
}

/** Where to send a compute's instances: the nearest compute already upgraded, else the next one. */
function destination(all: readonly NodeSpec[], i: number): NodeSpec | undefined {
  return i > 0 ? all[i - 1] : all[1];
}

/** Each compute in turn; `migrate` empties it first (live keeps instances running, cold stops them). */
export function computesOneByOne(ctx: Ctx, migrate: Migrate): void {
  const { b } = ctx;
  const all = computes(ctx.topo);
  all.forEach((node, i) => {
    const dest = destination(all, i);
    const here = [...ctx.hosts].filter(([, h]) => h === node.name).map(([name]) => name);
    const blocked = dest !== undefined && i > 0 && !oldReachesNew(ctx);
    if (migrate !== 'none' && dest && here.length > 0 && blocked) {
      b.step(A.disable(node.name), `${node.name}: its instances stay (a ${shown(ctx.from)} compute cannot ${migrate}-migrate to a ${shown(ctx.to)} one) and keep running while it is upgraded; disabled meanwhile`);
      b.steps([A.stop(node.name, ['nova-compute']), A.upgrade(node.name, ['nova-compute']), A.start(node.name, ['nova-compute']), A.enable(node.name)]);
      return;
    }
    if (migrate !== 'none' && dest && here.length > 0) {
      const move = migrate === 'live' ? A.liveMigrate : A.coldMigrate;
      b.steps(here.map((inst) => move(inst, dest.name)), `${node.name}: ${migrate}-migrate its instances to ${dest.name} first`);
      for (const inst of here) ctx.hosts.set(inst, dest.name);
    }
    b.steps([
      A.disable(node.name), A.stop(node.name, ['nova-compute']), A.upgrade(node.name, ['nova-compute']),
      A.start(node.name, ['nova-compute']), A.enable(node.name),
    ], `${node.name}: disabled while it is upgraded, so nothing is scheduled onto a stopped compute`);
  });
}

/** Restart a node's services, out of haproxy rotation where a frontend sends to them. */
function restartOutOfRotation(ctx: Ctx, node: NodeSpec, label?: string): void {
  const api = on(node, ['nova-api']);
  const fes = api.length > 0 ? frontendsFor(ctx.topo, 'nova-api', node) : [];
  const acts: Action[] = [
    ...fes.map((f) => A.drain(f.name, node.name)),
    A.restart(node.name, on(node, NOVA_CONTROL)),
    ...fes.map((f) => A.undrain(f.name, node.name)),
  ];
  ctx.b.steps(acts, label);
}

/** Static caps removed and everything restarted; `auto` caps recomputed by restarting the control services. */
export function liftCap(ctx: Ctx, capValue: string): void {
  const ctl = novaControllers(ctx.topo);
  const auto = capValue === 'auto';
  if (!auto) ctx.b.step(A.computeCap(allNodes(ctx), null), 'Every compute runs the new release: remove the cap and restart nova everywhere');
  ctl.forEach((n, i) => restartOutOfRotation(ctx, n, i === 0 && auto ? 'Restart the nova control services so auto recomputes the cap' : undefined));
  ctx.b.parallel(computes(ctx.topo).map((n) => A.restart(n.name, ['nova-compute'])), auto ? 'Restart the computes too: those upgraded first still send the old version' : undefined);
  for (const p of offlinePhases('nova', ctx.to).afterStart) ctx.b.step(A.db('nova', p), 'Nova online data migrations, once every nova service runs the new release');
}

export function novaLive(ctx: Ctx, migrate: Migrate): void {
  const capValue = novaControlCapped(ctx);
  computesOneByOne(ctx, migrate);
  liftCap(ctx, capValue);
}
