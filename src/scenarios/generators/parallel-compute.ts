/**
 * Scenario 3 (parallel compute, seed procedures 000 and 001): every project but nova service by
 * service; a new nova environment at the target release on its own database (the procedure
 * insists on a distinct one); instances snapshotted and redeployed there (floating addresses
 * re-assigned); each emptied old compute redeployed into the new environment; the old nova
 * control services retired. Redeploying stops instances: the policy accepts it, and the API
 * outages of the in-place projects, and the check totals both.
 */
import { SERVICE_INFO } from '../../models/catalogue/services.ts';
import type { DatabaseName, DatabaseSpec, NodeName, NodeSpec, Plan, Topology } from '../plan.ts';
import { DATABASE_PROJECTS } from '../selectors.ts';
import { displayRelease as shown } from '../../models/catalogue/releases.ts';
import * as A from './actions.ts';
import { newCtx, type Ctx } from './context.ts';
import { everythingButNova, horizon } from './in-place.ts';
import { offlinePhases, title } from './releases.ts';
import { ScenarioRefusal, type Generator } from './types.ts';
import { computes, NOVA_CONTROL, novaControllers, on } from './view.ts';

/** The old environment keeps nova's schema in `nova-<from>`, the new one gets `nova-<to>`; the rest stays in `default`. */
function withNovaDatabases(topo: Topology, oldDb: DatabaseName, newDb: DatabaseName): Topology {
  const others = topo.databases.filter((d) => d.name !== 'default');
  if (others.length > 0) throw new ScenarioRefusal('TOPOLOGY', 'parallel-compute adds its own nova databases: start from a topology with the single default database');
  const rest = DATABASE_PROJECTS.filter((p) => p !== 'nova');
  const databases: DatabaseSpec[] = [
    { name: oldDb, projects: ['nova'] },
    { name: newDb, projects: ['nova'] },
    { name: 'default' as DatabaseName, projects: rest },
  ];
  return { ...topo, databases };
}

/** A compute node is redeployed whole: it must run nothing but nova-compute and neutron agents. */
function checkComputes(nodes: readonly NodeSpec[]): void {
  for (const n of nodes) {
    const other = n.services.filter((s) => s !== 'nova-compute' && SERVICE_INFO[s].project !== 'neutron');
    if (other.length > 0) {
      throw new ScenarioRefusal('TOPOLOGY', `parallel-compute redeploys ${n.name} into the new environment, but it also runs ${other.join(', ')}`);
    }
  }
}

function newEnvironment(ctx: Ctx, newDb: DatabaseName): NodeName[] {
  const { b, to } = ctx;
  const control = [...new Set(novaControllers(ctx.topo).flatMap((n) => on(n, NOVA_CONTROL)))];
  const ctlName = `nova-${to}` as NodeName;
  const template = computes(ctx.topo)[0]!;
  const spare = `${to}-compute1` as NodeName;
  b.step(A.db('nova', 'sync', newDb), `New ${shown(to)} nova environment: its own database first (never the old environment's)`);
  b.step(A.addNode(ctlName, 'controller', control, to, newDb), `The ${shown(to)} nova controller on ${newDb}, sharing keystone, glance, neutron and cinder`);
  b.step(A.addNode(spare, 'compute', template.services, to, newDb), 'A first new compute to receive instances');
  return [spare];
}

/** Redeploy each old compute's instances into the new environment, then the node itself. */
function moveComputes(ctx: Ctx, targets: NodeName[], newDb: DatabaseName): void {
  const { b, to } = ctx;
  const load = (n: NodeName) => [...ctx.hosts.values()].filter((h) => h === n).length;
  for (const node of computes(ctx.topo)) {
    const here = [...ctx.hosts].filter(([, h]) => h === node.name).map(([i]) => i);
    here.forEach((inst, k) => {
      const dest = [...targets].sort((x, y) => load(x) - load(y))[0]!;
      b.step(A.redeploy(inst, dest), k === 0 ? `${node.name}: snapshot its instances and boot them in the new environment (floating addresses re-assigned)` : undefined);
      ctx.hosts.set(inst, dest);
    });
    b.steps([A.removeNode(node.name), A.addNode(node.name, 'compute', node.services, to, newDb)],
      `${node.name} is empty: redeploy it into the new environment`);
    targets.push(node.name);
  }
}

/** The old nova control services stop; a node running nothing else is retired. */
function retireOld(ctx: Ctx): void {
  novaControllers(ctx.topo).forEach((n, i) => {
    const nova = [...on(n, NOVA_CONTROL)].reverse();
    const onlyNova = nova.length === n.services.length;
    const kept = onlyNova ? '' : `: ${n.name} runs other services, so they stay installed, stopped (uninstall them; the check warns INCOMPLETE_UPGRADE)`;
    const label = i === 0 || !onlyNova ? `Retire the ${shown(ctx.from)} nova control services${kept}` : undefined;
    ctx.b.steps([A.stop(n.name, nova), ...(onlyNova ? [A.removeNode(n.name)] : [])], label);
  });
}

export const parallelCompute: Generator = (topology, from, to, options): Plan => {
  const oldDb = `nova-${from}` as DatabaseName;
  const newDb = `nova-${to}` as DatabaseName;
  if (computes(topology).length === 0) throw new ScenarioRefusal('TOPOLOGY', 'parallel-compute needs at least one nova-compute node');
  if (novaControllers(topology).length === 0) throw new ScenarioRefusal('TOPOLOGY', 'parallel-compute needs the old nova control services');
  checkComputes(computes(topology));
  const topo = withNovaDatabases(topology, oldDb, newDb);
  const ctx = newCtx(topo, from, to);
  everythingButNova(ctx);
  const targets = newEnvironment(ctx, newDb);
  moveComputes(ctx, targets, newDb);
  retireOld(ctx);
  for (const p of offlinePhases('nova', to).afterStart) ctx.b.step(A.db('nova', p, newDb), `Nova online data migrations on ${newDb}`);
  horizon(ctx);
  return ctx.b.build({
    name: options.name ?? title(from, to, 'parallel compute'),
    from, to,
    policy: { instanceDowntime: 'allow', apiDowntime: 'allow' },
    topology: topo,
  });
};
