/** A project's finishing schema work (contract, online migrations), placed once the project runs the new code. */
import type { Project, ServiceName } from '../../scenarios/plan.ts';
import { dbPhases } from '../procedures.ts';
import { phasesFor } from '../schema.ts';
import { present } from '../topo.ts';
import { cap, type Group, type HopCtx } from './types.ts';

/** A project's contract and online migrations, once all its services run the new code. */
export function finish(h: HopCtx, project: Project, services: readonly ServiceName[], groups: string[]): Group[] {
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

