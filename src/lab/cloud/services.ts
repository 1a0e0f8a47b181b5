/**
 * The nova services the lab runs as containers (one container per service per node), and how a
 * plan's service name maps to the container's command. Everything else a plan names (keystone,
 * glance, placement, neutron) is provided once, by the shared infra container.
 */
import type { ServiceName } from '../../scenarios/plan.ts';

export const LAB_SERVICES = ['nova-api', 'nova-conductor', 'nova-scheduler', 'nova-compute'] as const;
export type LabService = (typeof LAB_SERVICES)[number];

export function isLabService(s: ServiceName | string): s is LabService {
  return (LAB_SERVICES as readonly string[]).includes(s);
}

/** The argument of the images' `nova-service` entry point. */
export function shortName(s: LabService): string {
  return s.slice('nova-'.length);
}

/** Services whose readiness is a fresh row in nova.services (the API has none). */
export function hasServiceRow(s: LabService): boolean {
  return s !== 'nova-api';
}

/** A node that runs nova-compute and nothing else of nova (its nova.conf has no database). */
export function isComputeOnly(services: readonly LabService[]): boolean {
  return services.length > 0 && services.every((s) => s === 'nova-compute');
}
