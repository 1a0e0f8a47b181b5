/** Cinder in the documented order (scheduler, volume where active, backup, api last), or stopped when it cannot mix. */
import * as A from '../../scenarios/generators/actions.ts';
import { CINDER_ORDER } from '../../scenarios/generators/view.ts';
import type { ServiceName } from '../../scenarios/plan.ts';
import { seq, type Block } from '../blocks.ts';
import { dbPhases, install, restartRolling, startAll, stopAll, wave, type Unit } from '../procedures.ts';
import { activeNode, canRoll, present } from '../topo.ts';
import type { Group, HopCtx, Procedure } from './types.ts';

export function cinder(h: HopCtx): Group[] {
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

