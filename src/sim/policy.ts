/**
 * What the plan's policy accepts. Besides forbid/allow, `apiDowntime` may list the services or
 * projects whose outage is accepted (`[nova]`, `[nova-api, nova-conductor]`): an operator who
 * accepts a short nova outage still wants every other API kept up.
 */
import { projectOf } from '../models/catalogue/services.ts';
import type { Policy, ServiceName } from '../scenarios/plan.ts';

export function apiDowntimeAllowed(policy: Policy, service: ServiceName): boolean {
  const p = policy.apiDowntime;
  if (Array.isArray(p)) return p.includes(service) || p.includes(projectOf(service));
  return p === 'allow';
}

/** Is an outage of this control service (no conductor, no cinder-volume) accepted? */
export function controlOutageAllowed(policy: Policy, service: ServiceName): boolean {
  return apiDowntimeAllowed(policy, service);
}

export function instanceDowntimeAllowed(policy: Policy): boolean {
  return policy.instanceDowntime === 'allow';
}
