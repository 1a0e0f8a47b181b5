/** Nova: the control plane under a cap (conductors first, api last), the computes, and the finish (cap lifted, online migrations). */
import * as A from '../../scenarios/generators/actions.ts';
import { NOVA_CONTROL } from '../../scenarios/generators/view.ts';
import type { ServiceName } from '../../scenarios/plan.ts';
import { seq, type Block } from '../blocks.ts';
import { dbPhases, nodeNames, restartAll, restartRolling, wave, type Unit } from '../procedures.ts';
import { phasesFor } from '../schema.ts';
import { canRoll, present } from '../topo.ts';
import { capCandidates } from './caps.ts';
import type { Group, HopCtx } from './types.ts';

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

export function nova(h: HopCtx): Group[] {
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

