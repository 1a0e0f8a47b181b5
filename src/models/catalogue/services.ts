/**
 * What kind of thing each service is. The simulator needs to know which services answer an API
 * behind a load balancer, which ones talk to the database, and which ones are agents or computes
 * that trail the control plane.
 */
import type { Project, ServiceName } from '../../scenarios/plan.ts';

export type ServiceKind =
  /** Answers HTTP behind a frontend; its outage is API downtime. */
  | 'api'
  /** Control-plane worker (conductor, scheduler, neutron/cinder server side). */
  | 'control'
  /** nova-compute: runs the instances' control loop, talks RPC to conductors. */
  | 'compute'
  /** neutron agents, cinder-volume/backup: data-plane helpers on any node. */
  | 'agent';

export interface ServiceInfo {
  project: Project;
  kind: ServiceKind;
  /** Opens its own database connection (nova-compute and neutron agents go through RPC). */
  usesDatabase: boolean;
  /** Runs on one node at a time (pacemaker-style); moved with `failover`. */
  activePassive?: boolean;
}

export const SERVICE_INFO: Record<ServiceName, ServiceInfo> = {
  keystone: { project: 'keystone', kind: 'api', usesDatabase: true },
  'glance-api': { project: 'glance', kind: 'api', usesDatabase: true },
  'glance-registry': { project: 'glance', kind: 'control', usesDatabase: true },
  'placement-api': { project: 'placement', kind: 'api', usesDatabase: true },
  'nova-api': { project: 'nova', kind: 'api', usesDatabase: true },
  'nova-conductor': { project: 'nova', kind: 'control', usesDatabase: true },
  'nova-scheduler': { project: 'nova', kind: 'control', usesDatabase: true },
  'nova-compute': { project: 'nova', kind: 'compute', usesDatabase: false },
  'nova-network': { project: 'nova', kind: 'agent', usesDatabase: false },
  'nova-novncproxy': { project: 'nova', kind: 'control', usesDatabase: false },
  'nova-consoleauth': { project: 'nova', kind: 'control', usesDatabase: false },
  'nova-cert': { project: 'nova', kind: 'control', usesDatabase: false },
  'quantum-server': { project: 'neutron', kind: 'api', usesDatabase: true },
  'neutron-server': { project: 'neutron', kind: 'api', usesDatabase: true },
  'neutron-l2-agent': { project: 'neutron', kind: 'agent', usesDatabase: false },
  'neutron-l3-agent': { project: 'neutron', kind: 'agent', usesDatabase: false },
  'neutron-dhcp-agent': { project: 'neutron', kind: 'agent', usesDatabase: false },
  'neutron-metadata-agent': { project: 'neutron', kind: 'agent', usesDatabase: false },
  'cinder-api': { project: 'cinder', kind: 'api', usesDatabase: true },
  'cinder-scheduler': { project: 'cinder', kind: 'control', usesDatabase: true },
  'cinder-volume': { project: 'cinder', kind: 'agent', usesDatabase: true, activePassive: true },
  'cinder-backup': { project: 'cinder', kind: 'agent', usesDatabase: true },
  horizon: { project: 'horizon', kind: 'api', usesDatabase: false },
};

export function projectOf(service: ServiceName): Project {
  return SERVICE_INFO[service].project;
}

export function isApi(service: ServiceName): boolean {
  return SERVICE_INFO[service].kind === 'api';
}

/** nova-compute and neutron agents are the "many nodes" side that trails the control plane. */
export function isNovaControl(service: ServiceName): boolean {
  return service === 'nova-api' || service === 'nova-conductor' || service === 'nova-scheduler';
}

/** Services that send nova compute RPC: they carry an `[upgrade_levels] compute` cap. */
export const COMPUTE_RPC_SENDERS: readonly ServiceName[] = ['nova-api', 'nova-conductor', 'nova-scheduler', 'nova-compute'];
