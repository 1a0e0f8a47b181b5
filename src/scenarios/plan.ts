/**
 * The plan format (apiVersion preflight/v1) as typed data. This is a public contract:
 * plans written by operators and other tools use these names. Extend, never rename.
 *
 * A parsed plan has every service selector resolved (globs and lists expanded against the
 * topology) and every step located in its source file, so that a violation can point back
 * to the line the operator wrote.
 */

/** Canonical service names a plan may use (OpenStack binaries, plus the API frontends). */
export const SERVICE_NAMES = [
  'keystone',
  'glance-api',
  'glance-registry',
  'placement-api',
  'nova-api',
  'nova-conductor',
  'nova-scheduler',
  'nova-compute',
  'nova-network',
  'nova-novncproxy',
  'nova-consoleauth',
  'nova-cert',
  'quantum-server',
  'neutron-server',
  'neutron-l2-agent',
  'neutron-l3-agent',
  'neutron-dhcp-agent',
  'neutron-metadata-agent',
  'cinder-api',
  'cinder-scheduler',
  'cinder-volume',
  'cinder-backup',
  'horizon',
] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** Projects own database schemas and upgrade rules; services belong to one project. */
export const PROJECTS = ['keystone', 'glance', 'placement', 'nova', 'neutron', 'cinder', 'horizon'] as const;
export type Project = (typeof PROJECTS)[number];

export type NodeName = string & { readonly __brand: 'NodeName' };
export type InstanceName = string & { readonly __brand: 'InstanceName' };
export type FrontendName = string & { readonly __brand: 'FrontendName' };
export type DatabaseName = string & { readonly __brand: 'DatabaseName' };
/** A release codename, lowercase ("epoxy"); series ids like "2025.1" are resolved to it at parse time. */
export type ReleaseName = string & { readonly __brand: 'ReleaseName' };

export type NodeRole = 'controller' | 'compute' | 'network' | 'storage' | 'monitoring';
export const NODE_ROLES: readonly NodeRole[] = ['controller', 'compute', 'network', 'storage', 'monitoring'];

export type DbPhase = 'expand' | 'migrate' | 'contract' | 'sync' | 'online-migrations';
export const DB_PHASES: readonly DbPhase[] = ['expand', 'migrate', 'contract', 'sync', 'online-migrations'];

export type DowntimePolicy = 'forbid' | 'allow';

export interface Policy {
  /** Data plane: may instances stop? */
  instanceDowntime: DowntimePolicy;
  /**
   * Control plane: may APIs and control services be unavailable? Extension: a list of the services
   * or projects whose outage is accepted (`[nova]`), every other one staying forbidden.
   */
  apiDowntime: DowntimePolicy | string[];
}

/** Where a thing was written in the plan file (1-based line and column). */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

export interface NodeSpec {
  name: NodeName;
  role: NodeRole;
  services: ServiceName[];
  /** Release installed and running at the start; defaults to the plan's `from`. */
  release?: ReleaseName;
  /** Database the node's services use, where the topology has several. */
  database?: DatabaseName;
  at?: SourceLocation;
}

export interface FrontendSpec {
  name: FrontendName;
  service: ServiceName;
  backends: NodeName[];
  at?: SourceLocation;
}

export interface DatabaseSpec {
  name: DatabaseName;
  projects: Project[];
  at?: SourceLocation;
}

export interface InstanceSpec {
  name: InstanceName;
  host: NodeName;
  at?: SourceLocation;
}

export interface Topology {
  nodes: NodeSpec[];
  loadBalancers: FrontendSpec[];
  /** Always at least one: the default database holds every project's schema. */
  databases: DatabaseSpec[];
  instances: InstanceSpec[];
}

/** One step's action. `services` are already expanded from names, lists and globs. */
export type Action =
  | { verb: 'drain'; frontend: FrontendName; node: NodeName }
  | { verb: 'undrain'; frontend: FrontendName; node: NodeName }
  | { verb: 'stop'; node: NodeName; services: ServiceName[] }
  | { verb: 'start'; node: NodeName; services: ServiceName[] }
  | { verb: 'restart'; node: NodeName; services: ServiceName[] }
  | {
      verb: 'upgrade';
      node: NodeName;
      services: ServiceName[];
      /** Extension for multi-hop plans: install this release instead of the plan's `to`. */
      release?: ReleaseName;
    }
  | {
      verb: 'db';
      project: Project;
      phase: DbPhase;
      database?: DatabaseName;
      /** Extension for multi-hop plans: migrate to this release instead of the plan's `to`. */
      release?: ReleaseName;
    }
  | {
      verb: 'config';
      nodes: NodeName[];
      file: string;
      section: string;
      key: string;
      /** null removes the key. */
      value: string | null;
    }
  | { verb: 'disable'; node: NodeName; services: ServiceName[] }
  | { verb: 'enable'; node: NodeName; services: ServiceName[] }
  | { verb: 'live-migrate'; instance: InstanceName; to: NodeName }
  | { verb: 'cold-migrate'; instance: InstanceName; to: NodeName }
  | { verb: 'redeploy'; instance: InstanceName; to: NodeName }
  | { verb: 'delete-instance'; instance: InstanceName }
  | { verb: 'reboot'; node: NodeName }
  | {
      verb: 'add-node';
      node: NodeName;
      role: NodeRole;
      services: ServiceName[];
      release: ReleaseName;
      database?: DatabaseName;
    }
  | { verb: 'remove-node'; node: NodeName }
  | { verb: 'failover'; service: ServiceName; to: NodeName }
  | { verb: 'parallel'; steps: Step[] };

export type Verb = Action['verb'];
export const VERBS: readonly Verb[] = [
  'drain', 'undrain', 'stop', 'start', 'restart', 'upgrade', 'db', 'config', 'disable', 'enable',
  'live-migrate', 'cold-migrate', 'redeploy', 'delete-instance', 'reboot', 'add-node', 'remove-node',
  'failover', 'parallel',
];

export interface Step {
  /** Position in the plan: "3" for a top-level step, "3.2" for the second step of parallel group 3. */
  id: string;
  /** 1-based index of the top-level step this belongs to (what reports call "step N"). */
  number: number;
  label?: string;
  action: Action;
  /** Estimated duration in seconds, when the plan overrides the default for this step. */
  durationSeconds?: number;
  at?: SourceLocation;
}

export interface Plan {
  apiVersion: 'preflight/v1';
  name: string;
  from: ReleaseName;
  to: ReleaseName;
  policy: Policy;
  topology: Topology;
  steps: Step[];
  /** Per-verb duration estimates in seconds that override the built-in defaults. */
  durations: Partial<Record<Verb, number>>;
  /** The file the plan came from ("<inline>" when parsed from a string). */
  file: string;
}
