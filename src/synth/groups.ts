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
import { dbActions, dbPhases, install, nodeNames, restartAll, restartRolling, startAll, stopAll, wave, type Unit } from './procedures.ts';
import { phasesFor } from './schema.ts';
import { serviceSkeleton } from './skeleton.ts';
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
  const preActions = ph.before ? dbActions(h.topo, project, ph.before) : [];
  const preLabel = ph.before && ph.before.length > 0 ? `; schema ${ph.before.join(' + ')} before its new code starts, the ${h.from} code keeps working on it` : '';
  const wrap = (blocks: Block[]) => [...(extra.before ?? []), ...blocks, ...(extra.after ?? [])];
  const out: Procedure[] = [];
  if (ph.before) {
    if (canRoll(h.topo, services)) {
      out.push({
        id: 'rolling',
        render: () => wrap(restartRolling(u, (n, first) => `${cap(project)}: ${name} on ${n.name} drained, upgraded to ${h.to}, restarted, back in rotation${first ? ` (one node at a time, so another always answers${preLabel})` : ''}`, { install: true, first: preActions })),
      });
    }
    out.push({
      id: 'restart-all',
      render: () => wrap(wave(u, { install: `${cap(project)}: install ${h.to} packages for ${name} while the ${h.from} code keeps serving`, restart: `${name}: restarted on ${h.to} everywhere at once` },
        seq(group, `${cap(project)} schema ${(ph.before ?? []).join(' + ')}: the running ${h.from} code keeps working on it`, preActions))),
    });
  }
  if (project !== 'horizon') {
    const why = ph.before ? 'stopped for an offline db sync' : `${h.to} ${project} has only an offline db sync: stopped while it runs`;
    // The skeleton installs first when the service machine allows it: the outage is then only stop,
    // sync and start (a reboot in between loads one project's new code ahead of its schema, no more).
    const installFirst = serviceSkeleton(h.from, h.to)[0] === 'INSTALL';
    const installed = install(u, installFirst ? `${cap(project)}: install ${h.to} packages for ${name} while the ${h.from} code keeps serving` : `${cap(project)}: install ${h.to} packages`);
    const stopped = stopAll(u, `${cap(project)}: ${name} ${why}`);
    out.push({
      id: 'offline',
      render: () => wrap([...(installFirst ? [...installed, ...stopped] : [...stopped, ...installed]),
        ...dbPhases(group, h.topo, project, ['sync'], `${cap(project)} db sync with every ${project} service stopped`), ...startAll(u, `${name}: started on ${h.to}`)]),
    });
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
        // Agents that cannot talk to a newer server wait stopped, get their packages once every server is new, and start.
        const paused = { ...agentUnit, group: 'neutron-server' };
        const withAgents = projectProcedures(h, 'neutron-server', 'neutron', servers, {
          before: stopAll(paused, `Neutron agents stopped: ${h.from} agents cannot run under a ${h.to} server`),
          after: [...install(paused, `Neutron agents: install ${h.to} packages, every server runs ${h.to}`), ...startAll(paused, `Neutron agents started on ${h.to}`)],
        });
        // Everything neutron stopped, installed together, servers then agents started: no moment
        // where a reboot can bring up an agent its server cannot talk to (a neutron API outage).
        const serverUnit: Unit = { group: 'neutron-server', topo: h.topo, services: servers };
        const together: Procedure = {
          id: 'offline+agents-with-servers',
          covers: ['neutron-agents'],
          render: () => [
            ...stopAll(paused, 'Neutron agents stopped first'),
            ...stopAll(serverUnit, `Neutron servers stopped: servers and agents move to ${h.to} together`),
            ...install({ ...serverUnit, services: [...servers, ...agents] }, `Neutron: install ${h.to} packages for servers and agents while all are stopped`),
            ...dbPhases('neutron-server', h.topo, 'neutron', ['sync'], 'Neutron db sync with every server stopped'),
            ...startAll(serverUnit, `Neutron servers started on ${h.to}`),
            ...startAll(paused, `Neutron agents started on ${h.to}, after the servers`),
          ],
        };
        return [...alone, ...withAgents.map((p) => ({ ...p, id: `${p.id}+agents-paused`, covers: ['neutron-agents'] })), together];
      },
    });
  }
  if (agents.length > 0) {
    out.push({
      id: 'neutron-agents',
      procedures: () => [{ id: 'restart-all', render: () => wave(agentUnit, { install: `Neutron agents: install ${h.to} packages`, restart: `Neutron agents restarted on ${h.to} (the server handles older agents, not newer ones)` }) }],
    });
  }
  return out;
}

function cinder(h: HopCtx): Group[] {
  const all = present(h.topo, CINDER_ORDER);
  if (all.length === 0) return [];
  const group = 'cinder';
  const u = (services: readonly ServiceName[]): Unit => ({ group, topo: h.topo, services: present(h.topo, services) });
  const sync = dbPhases(group, h.topo, 'cinder', ['sync'], 'Cinder schema sync: additive, the old cinder services keep working on it');
  const active = activeNode(h.topo, 'cinder-volume');
  const api = u(['cinder-api']);
  const rolling: Block[] = [
    ...wave(u(['cinder-scheduler']), { install: `Cinder schedulers first (the documented order: scheduler, volume, backup, api last): install ${h.to}`, restart: `Cinder schedulers restarted on ${h.to}` }, sync),
    ...install(u(['cinder-volume']), `cinder-volume: install ${h.to} on every node (the passive ones are ready for a failover)`),
    ...(active ? seq(group, `cinder-volume restarted where it is active (${active.name})`, [A.restart(active.name, ['cinder-volume'])]) : []),
    ...wave(u(['cinder-backup']), { install: `cinder-backup after the volumes: install ${h.to}`, restart: 'cinder-backup restarted' }),
  ];
  const procs: Procedure[] = [];
  if (canRoll(h.topo, ['cinder-api'])) {
    procs.push({ id: 'rolling', render: () => [...rolling, ...restartRolling(api, (n) => `cinder-api on ${n.name}: drained, upgraded, restarted, back in rotation (api last)`, { install: true })] });
  }
  procs.push({ id: 'restart-all', render: () => [...rolling, ...wave(api, { install: `cinder-api last: install ${h.to}`, restart: 'cinder-api restarted everywhere at once' })] });
  procs.push({
    id: 'offline',
    // Installed only once stopped: a node rebooting after an early install would run new cinder beside old.
    render: () => [...stopAll(u(all), `Cinder stopped everywhere: ${h.from} and ${h.to} cinder services cannot run side by side`), ...install(u(all), `Cinder: install ${h.to} packages while stopped`), ...sync,
      ...startAll(u(CINDER_ORDER.slice(0, 3)), 'Cinder scheduler, volume and backup started before the api'), ...startAll(api, 'cinder-api last')],
  });
  return [{ id: group, procedures: () => procs }];
}

/**
 * Caps to try: none, auto where it exists, then the version numbers of the aliases old computes
 * accept, then the aliases themselves. A number before its alias: every release reads a number,
 * while an alias only the new release knows breaks an old service that restarts under it (a
 * reboot before its upgrade, as explore found on Grizzly to Havana).
 */
export function capCandidates(from: ReleaseName, to: ReleaseName): (string | null)[] {
  const out: (string | null)[] = [null];
  const nova = release(to).raw.nova;
  if (nova.upgradeLevelsComputeAutoAvailable) out.push('auto');
  const aliases: string[] = [];
  try {
    aliases.push(computeCapFor(from, to));
  } catch {
    // no documented cap: the simulator decides whether the others do
  }
  for (const alias of [`${to}-compat`, from]) if (nova.computeRpcAliasesKnownAtTag[alias]) aliases.push(alias);
  for (const a of aliases) {
    const v = nova.computeRpcAliasesKnownAtTag[a];
    if (v) out.push(v);
  }
  out.push(...aliases.filter((a) => a !== 'auto'));
  return [...new Set(out)];
}

/** Conductors first, then the other control services, nova-api last; each wave installs right before it restarts unless `install` is off. */
function novaControlBlocks(h: HopCtx, group: string, apiRolling: boolean, label: (what: string) => string, opts: { install: boolean; pre?: Block[] }): Block[] {
  const u = (s: readonly ServiceName[]): Unit => ({ group, topo: h.topo, services: present(h.topo, s) });
  const api = u(['nova-api']);
  const run = (unit: Unit, what: string, pre: Block[] = []) => opts.install
    ? wave(unit, { install: label(`${what}: install ${h.to}`), restart: label(`${what}: restarted`) }, pre)
    : restartAll(unit, label(`${what}: restarted`));
  return [
    ...run(u(['nova-conductor']), 'Conductors first, computes and apis talk to them', opts.pre),
    ...run(u(NOVA_CONTROL.slice(1, -1)), 'Then the schedulers and the other control services'),
    ...(apiRolling
      ? restartRolling(api, (n) => label(`nova-api on ${n.name}: drained, ${opts.install ? 'upgraded, ' : ''}restarted, back in rotation (api last)`), { install: opts.install })
      : run(api, 'nova-api last')),
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
        const sync = dbPhases('nova-control', h.topo, 'nova', ph.before ?? ['sync'], 'nova-manage db sync: additive, the old computes keep working on it');
        const variants = apiRolls ? [true, false] : [false];
        return variants.map((rolling) => ({
          id: `cap=${c ?? 'none'}${rolling ? '' : '/api-at-once'}`,
          sets: { cap: c },
          render: () => [...cfg, ...novaControlBlocks(h, 'nova-control', rolling, (w) => `Nova: ${w}`, { install: true, pre: sync })],
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
        render: () => wave(u, { install: `Computes: install ${h.to} packages; instances keep running`, restart: `Computes restarted on ${h.to} (a restart keeps instances running and the service enabled)` }),
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
          lift.push(...novaControlBlocks(h, 'nova-finish', apiRolls, (w) => `Cap recomputed: ${w.charAt(0).toLowerCase()}${w.slice(1)}`, { install: false }));
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

