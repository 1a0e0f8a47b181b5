/** What applying one step did, beyond the new state: findings of the action and transient outages. */
import type { InstanceName, ServiceName, Step } from '../../scenarios/plan.ts';
import type { Finding } from '../finding.ts';
import type { Together } from '../together.ts';
import { ALONE } from '../together.ts';
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
  /** What bounces in the same parallel group (run at once, it is down at the same time). */
  together: Together;
}

export function newContext(world: World, step: Step, together: Together = ALONE): StepContext {
  return { world, step, together, findings: [], transientApiDown: new Set(), instancesDown: new Set() };
}
