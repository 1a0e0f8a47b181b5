/** reboot, add-node and remove-node. */
import { sourceRefs } from '../../models/catalogue/facts.ts';
import { isApi, isNovaControl, SERVICE_INFO } from '../../models/catalogue/services.ts';
import { release } from '../../models/catalogue/releases.ts';
import { initialNode } from '../../models/machines/index.ts';
import type { Action, NodeName } from '../../scenarios/plan.ts';
import { apiAvailable } from '../availability.ts';
import { finding, listNames } from '../finding.ts';
import { startService } from '../start.ts';
import { downWith } from '../together.ts';
import { computeRecordsFor, databaseFor, isRunning, sendNode, newService, nodeUp, sendInstance, sendService, type NodeEntity } from '../world.ts';
import { runningOn } from './db.ts';
import type { StepContext } from './effects.ts';
import { checkUndrained } from './services.ts';

/** The node goes down (its instances and services with it) and comes back with every service on installed code. */
export function reboot(ctx: StepContext, name: NodeName): void {
  const n = ctx.world.nodes.get(name);
  if (!n || !nodeUp(n)) return;
  const wasRunning = [...n.services].filter(([, s]) => isRunning(s)).map(([s]) => s);
  const compute = n.services.get('nova-compute');
  if (compute && compute.context.enabled && wasRunning.includes('nova-compute') && schedulingPossible(ctx.world)) {
    ctx.findings.push(finding('SCHEDULING_ON_STOPPED', `rebooting ${name} while its nova-compute is enabled: the scheduler keeps sending it new instances, which fail`,
      [`${name}/nova-compute`], 'Disable a compute service before stopping or rebooting its node, and enable it once it runs again.', sourceRefs('nova-doc-upgrades')));
  }
  for (const s of wasRunning) {
    checkUndrained(ctx, n, s, 'rebooting the node of');
    if (isApi(s) && !apiAvailable(ctx.world, s, downWith(ctx.together, s, n.name))) ctx.transientApiDown.add(s);
  }
  for (const inst of ctx.world.instancesByHost.get(name) ?? []) {
    const snap = ctx.world.instances.get(inst);
    if (snap?.value === 'running') {
      ctx.instancesDown.add(inst);
      ctx.world.instances.set(inst, sendInstance(sendInstance(snap, { type: 'HOST_DOWN' }), { type: 'HOST_UP' }));
    }
  }
  for (const s of wasRunning) n.services.set(s, sendService(n.services.get(s)!, { type: 'STOP' }));
  n.snap = sendNode(n.snap, { type: 'POWER_OFF' });
  n.snap = sendNode(n.snap, { type: 'POWER_ON' });
  // systemd brings every unit back; pacemaker-managed active/passive services only where they ran.
  for (const s of n.services.keys()) {
    if (SERVICE_INFO[s].activePassive && !wasRunning.includes(s)) continue;
    startService(ctx.world, n, s, ctx.findings);
  }
}

export function addNode(ctx: StepContext, a: Extract<Action, { verb: 'add-node' }>): void {
  const w = ctx.world;
  const n: NodeEntity = {
    name: a.node,
    role: a.role,
    ...(a.database ? { database: a.database } : {}),
    snap: initialNode(),
    services: new Map(a.services.map((s) => [s, newService(a.release)])),
    config: new Map(),
  };
  // A new nova control plane on the database an older one still runs on is a parallel environment sharing its database.
  for (const s of a.services.filter(isNovaControl)) {
    const dbName = databaseFor(w, n, SERVICE_INFO[s].project);
    const others = runningOn(w, dbName, 'nova', isNovaControl).filter((o) => release(o.code).index !== release(a.release).index);
    if (others.length > 0) {
      ctx.findings.push(finding('SHARED_DATABASE',
        `${a.node} brings ${a.release} nova control services onto database ${dbName}, which ${listNames(others.map((o) => o.who))} (${others[0]!.code}) still use`,
        [`${a.node}/${s}`, `database:${dbName}`, ...others.map((o) => o.who)],
        'A parallel nova environment at the new release needs its own database, distinct from the old environment\'s.',
        sourceRefs('nova-doc-upgrades')));
      break;
    }
  }
  w.nodes.set(a.node, n);
  w.instancesByHost.set(a.node, new Set());
  for (const s of a.services) startService(w, n, s, ctx.findings);
}

export function removeNode(ctx: StepContext, name: NodeName): void {
  const w = ctx.world;
  const n = w.nodes.get(name);
  if (!n) return;
  for (const [s] of n.services) checkUndrained(ctx, n, s, 'removing the node of');
  const lost = [...(w.instancesByHost.get(name) ?? [])].filter((i) => w.instances.get(i)?.value !== 'deleted');
  if (lost.length > 0) {
    ctx.findings.push(finding('INSTANCE_DOWNTIME', `removing ${name} destroys ${lost.length} instance(s) still on it: ${listNames(lost)}`,
      [name, ...lost.map((i) => `instance:${i}`)], 'Move or delete every instance before removing its compute node.', sourceRefs('nova-doc-upgrades')));
    for (const i of lost) {
      ctx.instancesDown.add(i);
      w.instances.set(i, sendInstance(w.instances.get(i)!, { type: 'DELETE' }));
    }
  }
  w.instancesByHost.delete(name);
  computeRecordsFor(w, n).delete(name);
  n.snap = sendNode(n.snap, { type: 'REMOVE' });
  w.nodes.delete(name);
}

/** Can new instances be scheduled at all (an api, a scheduler and a conductor run somewhere)? */
function schedulingPossible(world: StepContext['world']): boolean {
  const runs = (service: 'nova-api' | 'nova-scheduler' | 'nova-conductor') =>
    [...world.nodes.values()].some((n) => nodeUp(n) && isRunning(n.services.get(service)));
  return runs('nova-api') && runs('nova-scheduler') && runs('nova-conductor');
}
