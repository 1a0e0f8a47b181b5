/**
 * The search's building blocks: the cloud cut into service groups (a project's services, nova's
 * control plane, the computes, the neutron agents, each project's finishing schema work), each
 * with the procedures that could upgrade it. Nothing here decides an order: the search tries
 * groups in every order the simulator accepts.
 */
import { release } from '../models/catalogue/releases.ts';
import { computeCapFor } from '../scenarios/generators/releases.ts';
import { CINDER_ORDER, GLANCE, NEUTRON_AGENTS, NEUTRON_SERVERS, NOVA_CONTROL } from '../scenarios/generators/view.ts';
import * as A from '../scenarios/generators/actions.ts';
import type { Project, ReleaseName, ServiceName, Topology } from '../scenarios/plan.ts';
import { seq, type Block } from './blocks.ts';
import { dbPhases, install, nodeNames, restartAll, restartRolling, startAll, stopAll, type Unit } from './procedures.ts';
import { phasesFor } from './schema.ts';
import { activeNode, canRoll, nodesWith, present } from './topo.ts';

/** What earlier choices fix for later groups: the `[upgrade_levels] compute` cap nova runs under. */
export interface SearchState {
  /** undefined: nova's control plane not done yet; null: no cap set. */
  cap?: string | null;
}

export interface Procedure {
  id: string;
  render(state: SearchState): Block[];
  sets?: SearchState;
  /** Other groups this procedure also completes. */
  covers?: string[];
}

export interface Group {
  id: string;
  procedures(state: SearchState): Procedure[];
  /** Groups that must be done first: a project's finishing work follows the project. */
  after?: string[];
  /** Its procedures depend on the search state (nova's finish on the cap). */
  readsState?: boolean;
}

interface HopCtx {
  topo: Topology;
  from: ReleaseName;
  to: ReleaseName;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The three ways to load new code for one project's services, where its schema allows each. */
function projectProcedures(h: HopCtx, group: string, project: Project, services: readonly ServiceName[], extra: { before?: Block[]; after?: Block[] } = {}): Procedure[] {
  const u: Unit = { group, topo: h.topo, services };
  const ph = project === 'horizon' ? { before: [], after: [] } : phasesFor(project, h.to);
  const name = services.join(', ');
  const installed = install(u, `${cap(project)}: install ${h.to} packages for ${name} while the ${h.from} code keeps serving`);
  const pre = ph.before && ph.before.length > 0
    ? dbPhases(group, h.topo, project, ph.before, `${cap(project)} schema ${ph.before.join(' + ')}: the running ${h.from} code keeps working on it`)
    : [];
  const wrap = (blocks: Block[]) => [...(extra.before ?? []), ...blocks, ...(extra.after ?? [])];
  const out: Procedure[] = [];
  if (ph.before) {
    if (canRoll(h.topo, services)) {
      out.push({ id: 'rolling', render: () => wrap([...installed, ...pre, ...restartRolling(u, (n, first) => `${name} on ${n.name}: drained, restarted on ${h.to}, back in rotation${first ? ' (one node at a time, so another always answers)' : ''}`)]) });
    }
    out.push({ id: 'restart-all', render: () => wrap([...installed, ...pre, ...restartAll(u, `${name}: restarted on ${h.to} on every node at once`)]) });
  }
  if (project !== 'horizon') {
    const why = ph.before ? 'stopped for an offline db sync' : `${h.to} ${project} has only an offline db sync: stopped while it runs`;
    out.push({ id: 'offline', render: () => wrap([...installed, ...stopAll(u, `${name}: ${why}`), ...dbPhases(group, h.topo, project, ['sync'], `${cap(project)} db sync with every ${project} service stopped`), ...startAll(u, `${name}: started on ${h.to}`)]) });
  }
  return out;
}

function simple(h: HopCtx, id: string, project: Project, services: readonly ServiceName[]): Group[] {
  const s = present(h.topo, services);
  if (s.length === 0) return [];
  return [{ id, procedures: () => projectProcedures(h, id, project, s) }];
}

function neutron(h: HopCtx): Group[] {
  const servers = present(h.topo, NEUTRON_SERVERS);
  const agents = present(h.topo, NEUTRON_AGENTS);
  const agentUnit: Unit = { group: 'neutron-agents', topo: h.topo, services: agents };
  const out: Group[] = [];
  if (servers.length > 0) {
    out.push({
      id: 'neutron-server',
      procedures: () => {
        const alone = projectProcedures(h, 'neutron-server', 'neutron', servers);
        if (agents.length === 0) return alone;
        // Agents that cannot talk to a newer server wait stopped, and come back on the new release.
        const paused = projectProcedures(h, 'neutron-server', 'neutron', servers, {
          before: [...install({ ...agentUnit, group: 'neutron-server' }, `Neutron agents: install ${h.to} packages`),
            ...stopAll({ ...agentUnit, group: 'neutron-server' }, `Neutron agents stopped: ${h.from} agents cannot run under a ${h.to} server`)],
          after: startAll({ ...agentUnit, group: 'neutron-server' }, `Neutron agents started on ${h.to}, after every server`),
        });
        return [...alone, ...paused.map((p) => ({ ...p, id: `${p.id}+agents-paused`, covers: ['neutron-agents'] }))];
      },
    });
  }
  if (agents.length > 0) {
    out.push({
      id: 'neutron-agents',
      procedures: () => [{ id: 'restart-all', render: () => [...install(agentUnit, `Neutron agents: install ${h.to} packages`), ...restartAll(agentUnit, `Neutron agents restarted on ${h.to} (the server handles older agents, not newer ones)`)] }],
    });
  }
  return out;
}

function cinder(h: HopCtx): Group[] {
  const all = present(h.topo, CINDER_ORDER);
  if (all.length === 0) return [];
  const group = 'cinder';
  const u = (services: readonly ServiceName[]): Unit => ({ group, topo: h.topo, services: present(h.topo, services) });
  const installed = install(u(all), `Cinder: install ${h.to} packages everywhere while ${h.from} keeps serving`);
  const sync = dbPhases(group, h.topo, 'cinder', ['sync'], 'Cinder schema sync: additive, the old cinder services keep working on it');
  const active = activeNode(h.topo, 'cinder-volume');
  const api = u(['cinder-api']);
  const rolling: Block[] = [
    ...installed, ...sync,
    ...restartAll(u(['cinder-scheduler']), 'Cinder schedulers first (the documented order: scheduler, volume, backup, api last)'),
    ...(active ? seq(group, `cinder-volume restarted where it is active (${active.name}); the passive nodes have the new package for a failover`, [A.restart(active.name, ['cinder-volume'])]) : []),
    ...restartAll(u(['cinder-backup']), 'cinder-backup after the volumes'),
  ];
  const procs: Procedure[] = [];
  if (canRoll(h.topo, ['cinder-api'])) {
    procs.push({ id: 'rolling', render: () => [...rolling, ...restartRolling(api, (n) => `cinder-api on ${n.name}: drained, restarted, back in rotation (api last)`)] });
  }
  procs.push({ id: 'restart-all', render: () => [...rolling, ...restartAll(api, 'cinder-api last, on every node at once')] });
  procs.push({
    id: 'offline',
    render: () => [...installed, ...stopAll(u(all), `Cinder stopped everywhere: ${h.from} and ${h.to} cinder services cannot run side by side`), ...sync,
      ...startAll(u(CINDER_ORDER.slice(0, 3)), 'Cinder scheduler, volume and backup started before the api'), ...startAll(api, 'cinder-api last')],
  });
  return [{ id: group, procedures: () => procs }];
}

/** Caps to try, fewest steps first: none, auto where it exists, then the aliases and versions old computes accept. */
export function capCandidates(from: ReleaseName, to: ReleaseName): (string | null)[] {
  const out: (string | null)[] = [null];
  const nova = release(to).raw.nova;
  if (nova.upgradeLevelsComputeAutoAvailable) out.push('auto');
  try {
    out.push(computeCapFor(from, to));
  } catch {
    // no documented cap: the simulator decides whether the others do
  }
  for (const alias of [`${to}-compat`, from]) if (nova.computeRpcAliasesKnownAtTag[alias]) out.push(alias);
  return [...new Set(out)];
}

function novaControlBlocks(h: HopCtx, group: string, apiRolling: boolean, label: (what: string) => string): Block[] {
  const u = (s: readonly ServiceName[]): Unit => ({ group, topo: h.topo, services: present(h.topo, s) });
  const api = u(['nova-api']);
  return [
    ...restartAll(u(['nova-conductor']), label('Conductors first: computes and apis talk to them')),
    ...restartAll(u(NOVA_CONTROL.slice(1, -1)), label('Then the schedulers and the other control services')),
    ...(apiRolling ? restartRolling(api, (n) => label(`nova-api on ${n.name}: drained, restarted, back in rotation (api last)`)) : restartAll(api, label('nova-api last'))),
  ];
}

function nova(h: HopCtx): Group[] {
  const control = present(h.topo, NOVA_CONTROL);
  const computes = present(h.topo, ['nova-compute', 'nova-network']);
  const ph = phasesFor('nova', h.to);
  const out: Group[] = [];
  const allNova = nodeNames(h.topo, [...NOVA_CONTROL, 'nova-compute', 'nova-network']);
  const apiRolls = canRoll(h.topo, ['nova-api']);
  if (control.length > 0) {
    out.push({
      id: 'nova-control',
      procedures: () => capCandidates(h.from, h.to).flatMap((c) => {
        const cfg = c === null ? [] : seq('nova-control', `Nova: [upgrade_levels] compute = ${c}, so ${h.to} controllers send what ${h.from} computes accept`, [A.computeCap(allNova, c)]);
        const head = [...cfg,
          ...install({ group: 'nova-control', topo: h.topo, services: control }, `Nova control: install ${h.to} packages while ${h.from} keeps serving`),
          ...dbPhases('nova-control', h.topo, 'nova', ph.before ?? ['sync'], 'nova-manage db sync: additive, the old computes keep working on it')];
        const variants = apiRolls ? [true, false] : [false];
        return variants.map((rolling) => ({
          id: `cap=${c ?? 'none'}${rolling ? '' : '/api-at-once'}`,
          sets: { cap: c },
          render: () => [...head, ...novaControlBlocks(h, 'nova-control', rolling, (w) => w)],
        }));
      }),
    });
  }
  if (computes.length > 0) {
    const u: Unit = { group: 'computes', topo: h.topo, services: computes };
    out.push({
      id: 'computes',
      procedures: () => [{
        id: 'restart-all',
        render: () => [...install(u, `Computes: install ${h.to} packages; instances keep running`),
          ...restartAll(u, `Computes restarted on ${h.to} (a restart keeps instances running and the service enabled)`)],
      }],
    });
  }
  if (control.length > 0 || computes.length > 0) {
    out.push({
      id: 'nova-finish',
      readsState: control.length > 0,
      after: [...(control.length > 0 ? ['nova-control'] : []), ...(computes.length > 0 ? ['computes'] : [])],
      procedures: (state) => {
        // The cap to lift is known once the control plane is done; before that there is nothing to finish.
        if (control.length > 0 && state.cap === undefined) return [];
        const c = state.cap ?? null;
        const lift: Block[] = [];
        if (c !== null && c !== undefined) {
          if (c !== 'auto') lift.push(...seq('nova-finish', 'Every compute runs the new release: remove the cap', [A.computeCap(allNova, null)]));
          lift.push(...novaControlBlocks(h, 'nova-finish', apiRolls, (w) => `Restart so the cap is recomputed: ${w.charAt(0).toLowerCase()}${w.slice(1)}`));
          lift.push(...restartAll({ group: 'nova-finish', topo: h.topo, services: computes }, 'Restart the computes too: they started while older computes were registered'));
        }
        const online = dbPhases('nova-finish', h.topo, 'nova', ph.after, 'Nova online data migrations, once every nova service runs the new release');
        return [{ id: c === null ? 'migrations' : 'lift-cap', render: () => [...lift, ...online] }];
      },
    });
  }
  return out;
}

/** A project's contract and online migrations, once all its services run the new code. */
function finish(h: HopCtx, project: Project, services: readonly ServiceName[], groups: string[]): Group[] {
  if (present(h.topo, services).length === 0) return [];
  const ph = phasesFor(project, h.to);
  const after = ph.after;
  if (after.length === 0) return [];
  const id = `${project}-finish`;
  return [{
    id,
    after: groups,
    procedures: () => [{ id: after.join('+'), render: () => dbPhases(id, h.topo, project, after, `${cap(project)} ${after.join(' and ')} once every ${project} service runs ${h.to}`) }],
  }];
}

export function hopGroups(topo: Topology, from: ReleaseName, to: ReleaseName): Group[] {
  const h: HopCtx = { topo, from, to };
  return [
    ...simple(h, 'keystone', 'keystone', ['keystone']),
    ...simple(h, 'glance', 'glance', GLANCE),
    ...simple(h, 'placement', 'placement', ['placement-api']),
    ...neutron(h),
    ...cinder(h),
    ...nova(h),
    ...simple(h, 'horizon', 'horizon', ['horizon']),
    ...finish(h, 'keystone', ['keystone'], ['keystone']),
    ...finish(h, 'glance', GLANCE, ['glance']),
    ...finish(h, 'placement', ['placement-api'], ['placement']),
    ...finish(h, 'cinder', CINDER_ORDER, ['cinder']),
  ];
}

export const GROUP_TITLES: Record<string, string> = {
  keystone: 'Keystone', glance: 'Glance', placement: 'Placement', 'neutron-server': 'Neutron server', 'neutron-agents': 'Neutron agents',
  cinder: 'Cinder', 'nova-control': 'Nova control plane', computes: 'Computes', 'nova-finish': 'Nova finish', horizon: 'Horizon',
};

