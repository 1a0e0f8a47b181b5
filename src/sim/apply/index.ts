/** Apply one (non-parallel) step to the world, in place, and say what it did. */
import type { Step } from '../../scenarios/plan.ts';
import type { Together } from '../together.ts';
import { sendBackend, type World } from '../world.ts';
import { db } from './db.ts';
import { newContext, type StepEffects } from './effects.ts';
import { coldMove, deleteInstance, liveMigrate } from './instances.ts';
import { addNode, reboot, removeNode } from './nodes.ts';
import { config, failover, restart, setEnabled, start, stop, upgrade } from './services.ts';

export type { StepEffects } from './effects.ts';

/** `together`: what else bounces in the step's parallel group (see together.ts). */
export function applyStep(world: World, step: Step, together?: Together): StepEffects {
  const ctx = newContext(world, step, together);
  const a = step.action;
  const to = world.plan.to;
  switch (a.verb) {
    case 'drain':
    case 'undrain': {
      const fe = world.frontends.get(a.frontend);
      const b = fe?.backends.get(a.node);
      if (fe && b) fe.backends.set(a.node, sendBackend(b, { type: a.verb === 'drain' ? 'DRAIN' : 'UNDRAIN' }));
      break;
    }
    case 'stop': stop(ctx, a.node, a.services); break;
    case 'start': start(ctx, a.node, a.services); break;
    case 'restart': restart(ctx, a.node, a.services); break;
    case 'upgrade': upgrade(ctx, a.node, a.services, a.release ?? to); break;
    case 'db': db(ctx, a.project, a.phase, a.database, a.release ?? to); break;
    case 'config': config(ctx, a.nodes, a.file, a.section, a.key, a.value); break;
    case 'disable': setEnabled(ctx, a.node, a.services, false); break;
    case 'enable': setEnabled(ctx, a.node, a.services, true); break;
    case 'live-migrate': liveMigrate(ctx, a.instance, a.to); break;
    case 'cold-migrate': coldMove(ctx, a.instance, a.to, 'cold migration'); break;
    case 'redeploy': coldMove(ctx, a.instance, a.to, 'redeploy'); break;
    case 'delete-instance': deleteInstance(ctx, a.instance); break;
    case 'reboot': reboot(ctx, a.node); break;
    case 'add-node': addNode(ctx, a); break;
    case 'remove-node': removeNode(ctx, a.node); break;
    case 'failover': failover(ctx, a.service, a.to); break;
    case 'parallel': throw new Error('applyStep: parallel groups are expanded by the simulator');
  }
  return ctx;
}
