/** What applying one step did, beyond the new state: findings of the action and transient outages. */
import type { InstanceName, ServiceName, Step } from '../../scenarios/plan.ts';
import type { Finding } from '../finding.ts';
import type { World } from '../world.ts';

export interface StepEffects {
  findings: Finding[];
  /** APIs unavailable while this step runs although up before and after (a restart, a reboot). */
  transientApiDown: Set<ServiceName>;
  /** Instances down while this step runs. */
  instancesDown: Set<InstanceName>;
}

export interface StepContext extends StepEffects {
  world: World;
  step: Step;
}

export function newContext(world: World, step: Step): StepContext {
  return { world, step, findings: [], transientApiDown: new Set(), instancesDown: new Set() };
}
