/** One project's services (keystone, glance, placement, horizon, the neutron servers): rolling, all at once, or offline. */
import type { Project, ServiceName } from '../../scenarios/plan.ts';
import { seq, type Block } from '../blocks.ts';
import { dbActions, dbPhases, install, restartAll, restartRolling, startAll, stopAll, wave, type Unit } from '../procedures.ts';
import { phasesFor } from '../schema.ts';
import { serviceSkeleton } from '../skeleton.ts';
import { canRoll, present } from '../topo.ts';
import { cap, type Group, type HopCtx, type Procedure } from './types.ts';

/** The three ways to load new code for one project's services, where its schema allows each. */
export function projectProcedures(h: HopCtx, group: string, project: Project, services: readonly ServiceName[], extra: { before?: Block[]; after?: Block[] } = {}): Procedure[] {
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

export function simple(h: HopCtx, id: string, project: Project, services: readonly ServiceName[]): Group[] {
  const s = present(h.topo, services);
  if (s.length === 0) return [];
  return [{ id, procedures: () => projectProcedures(h, id, project, s) }];
}

