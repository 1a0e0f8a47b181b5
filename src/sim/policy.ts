/** What the plan's policy accepts. `apiDowntime` may also list the API services whose outage is accepted. */
import type { Policy, ServiceName } from '../scenarios/plan.ts';

export function apiDowntimeAllowed(policy: Policy, service?: ServiceName): boolean {
  const p = policy.apiDowntime as Policy['apiDowntime'] | readonly string[];
  if (Array.isArray(p)) return service !== undefined && p.includes(service);
  return p === 'allow';
}

/** A control-plane outage as a whole (no conductor, no cinder-volume) is accepted only with apiDowntime: allow. */
export function controlOutageAllowed(policy: Policy): boolean {
  return policy.apiDowntime === 'allow';
}

export function instanceDowntimeAllowed(policy: Policy): boolean {
  return policy.instanceDowntime === 'allow';
}
