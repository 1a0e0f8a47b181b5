/** Moving and deleting instances: live and cold migration, redeploy from a snapshot. */
import { computeAccepts, formatRpcVersion, NOVA_RPC_SOURCES } from '../../models/catalogue/nova-rpc.ts';
import { parseRpcVersion } from '../../models/catalogue/rpc-version.ts';
import { sourceRefs } from '../../models/catalogue/facts.ts';
import type { InstanceName, NodeName } from '../../scenarios/plan.ts';
import { finding } from '../finding.ts';
import { databaseFor, isRunning, nodeUp, sendInstance, type World } from '../world.ts';
import type { StepContext } from './effects.ts';

const LM_SOURCES = sourceRefs('nova-zuul', 'nova-conductor-live-migrate', 'nova-compute-rpcapi');

/** Why two computes cannot talk for a move, if they cannot: each side sends with its own cap. */
function moveProblem(world: World, from: NodeName, to: NodeName): string | undefined {
  const a = world.nodes.get(from);
  const b = world.nodes.get(to);
  const sa = a?.services.get('nova-compute');
  const sb = b?.services.get('nova-compute');
  if (!b || !sb) return `${to} runs no nova-compute`;
  if (!nodeUp(b) || !isRunning(sb)) return `nova-compute on ${to} is not running`;
  if (!a || !sa || !nodeUp(a) || !isRunning(sa)) return `nova-compute on ${from} is not running`;
  const envA = databaseFor(world, a, 'nova');
  const envB = databaseFor(world, b, 'nova');
  if (envA !== envB) return `${from} and ${to} belong to different nova environments (databases ${envA} and ${envB}); move the instance by redeploy`;
  for (const [sender, snd, receiver, rcv] of [[from, sa, to, sb], [to, sb, from, sa]] as const) {
    const cap = snd.context.computeCap;
    if (cap && !computeAccepts(rcv.context.code, parseRpcVersion(cap))) {
      return `${sender} (${snd.context.code}) sends compute RPC ${formatRpcVersion(parseRpcVersion(cap))}, which ${receiver} (${rcv.context.code}) does not accept; give the newer compute the same [upgrade_levels] compute cap`;
    }
  }
  return undefined;
}

function moveInstance(world: World, name: InstanceName, to: NodeName): void {
  const snap = world.instances.get(name);
  if (!snap) return;
  world.instancesByHost.get(snap.context.host)?.delete(name);
  world.instancesByHost.get(to)?.add(name);
  world.instances.set(name, sendInstance(snap, { type: 'MOVE', to }));
}

export function liveMigrate(ctx: StepContext, name: InstanceName, to: NodeName): void {
  const snap = ctx.world.instances.get(name);
  if (!snap || snap.value === 'deleted') return;
  const problem = moveProblem(ctx.world, snap.context.host, to);
  if (problem) {
    ctx.findings.push(finding('LIVE_MIGRATION_INCOMPATIBLE', `live migration of ${name} from ${snap.context.host} to ${to} fails: ${problem}`,
      [`instance:${name}`, `${snap.context.host}/nova-compute`, `${to}/nova-compute`],
      'Both computes must run and understand each other\'s compute RPC (same cap on old and new computes during a mixed-version window).',
      LM_SOURCES));
    return;
  }
  moveInstance(ctx.world, name, to);
}

/** Cold migration and redeploy stop the instance for the move. */
export function coldMove(ctx: StepContext, name: InstanceName, to: NodeName, how: 'cold migration' | 'redeploy'): void {
  const snap = ctx.world.instances.get(name);
  if (!snap || snap.value === 'deleted') return;
  if (how === 'cold migration') {
    const problem = moveProblem(ctx.world, snap.context.host, to);
    if (problem) {
      ctx.findings.push(finding('RPC_INCOMPATIBLE', `cold migration of ${name} from ${snap.context.host} to ${to} fails: ${problem}`,
        [`instance:${name}`, `${snap.context.host}/nova-compute`, `${to}/nova-compute`],
        'Source and destination computes talk compute RPC during a resize/migrate.', NOVA_RPC_SOURCES));
      return;
    }
  } else {
    const b = ctx.world.nodes.get(to);
    if (!b || !nodeUp(b) || !isRunning(b.services.get('nova-compute'))) {
      ctx.findings.push(finding('RPC_INCOMPATIBLE', `redeploy of ${name} to ${to} fails: nova-compute on ${to} is not running`,
        [`instance:${name}`, `${to}/nova-compute`], 'A server can only be booted on a running compute.', NOVA_RPC_SOURCES));
      return;
    }
  }
  if (snap.value === 'running') ctx.instancesDown.add(name);
  moveInstance(ctx.world, name, to);
}

export function deleteInstance(ctx: StepContext, name: InstanceName): void {
  const snap = ctx.world.instances.get(name);
  if (!snap) return;
  ctx.world.instancesByHost.get(snap.context.host)?.delete(name);
  ctx.world.instances.set(name, sendInstance(snap, { type: 'DELETE' }));
}
