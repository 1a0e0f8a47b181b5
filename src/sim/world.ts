/**
 * The simulated cloud: one XState snapshot per entity, plus the indexes the invariants need
 * (instances by host, registered compute service records). Built from a plan's topology and
 * stepped in place by apply.ts; the machines' transitions are pure (see models/machines/step.ts).
 */
import type { SnapshotFrom } from 'xstate';
import { stepper } from '../models/machines/step.ts';
import { COMPUTE_RPC_SENDERS, projectOf, SERVICE_INFO } from '../models/catalogue/services.ts';
import { hasSchema } from '../models/catalogue/db-rules.ts';
import { release as releaseOf } from '../models/catalogue/releases.ts';
import {
  backendMachine, initialBackend, initialInstance, initialNode, initialSchema, initialService,
  instanceMachine, nodeMachine, schemaMachine, serviceMachine,
  type BackendEvent, type InstanceEvent, type NodeEvent, type SchemaEvent, type ServiceEvent,
} from '../models/machines/index.ts';
import { ComputeRecords } from './compute-records.ts';
import type {
  DatabaseName, FrontendName, FrontendSpec, InstanceName, NodeName, NodeRole, Plan, Project, ReleaseName, ServiceName,
} from '../scenarios/plan.ts';

export type ServiceSnap = SnapshotFrom<typeof serviceMachine>;
export type NodeSnap = SnapshotFrom<typeof nodeMachine>;
export type SchemaSnap = SnapshotFrom<typeof schemaMachine>;
export type BackendSnap = SnapshotFrom<typeof backendMachine>;
export type InstanceSnap = SnapshotFrom<typeof instanceMachine>;

export interface NodeEntity {
  name: NodeName;
  role: NodeRole;
  database?: DatabaseName;
  snap: NodeSnap;
  services: Map<ServiceName, ServiceSnap>;
  /** Config files as "file [section] key" → value, e.g. "nova.conf [upgrade_levels] compute". */
  config: Map<string, string>;
}

export interface FrontendEntity {
  spec: FrontendSpec;
  backends: Map<NodeName, BackendSnap>;
}

export interface World {
  plan: Plan;
  nodes: Map<NodeName, NodeEntity>;
  /** Keyed by `${database}/${project}`. */
  schemas: Map<string, SchemaSnap>;
  frontends: Map<FrontendName, FrontendEntity>;
  instances: Map<InstanceName, InstanceSnap>;
  instancesByHost: Map<NodeName, Set<InstanceName>>;
  /**
   * nova-compute service records per nova database (a parallel environment has its own):
   * the release each compute last registered with. Stopped computes keep their record.
   */
  computeRecords: Map<DatabaseName, ComputeRecords>;
  /** Which database holds each project when a node names none. */
  defaultDatabase: Map<Project, DatabaseName>;
}

export const CONFIG_COMPUTE_CAP = 'nova.conf [upgrade_levels] compute';
export function configKey(file: string, section: string, key: string): string {
  return `${file} [${section}] ${key}`;
}

export const sendService: (snap: ServiceSnap, event: ServiceEvent) => ServiceSnap = stepper(serviceMachine, { release: 'grizzly' as ReleaseName });
export const sendSchema: (snap: SchemaSnap, event: SchemaEvent) => SchemaSnap = stepper(schemaMachine, { release: 'grizzly' as ReleaseName });
export const sendNode: (snap: NodeSnap, event: NodeEvent) => NodeSnap = stepper(nodeMachine, undefined);
export const sendBackend: (snap: BackendSnap, event: BackendEvent) => BackendSnap = stepper(backendMachine, undefined);
export const sendInstance: (snap: InstanceSnap, event: InstanceEvent) => InstanceSnap = stepper(instanceMachine, { host: '' as NodeName });

export function schemaKey(db: DatabaseName, project: Project): string {
  return `${db}/${project}`;
}

/** The database a node's services of `project` use. */
export function databaseFor(world: World, node: NodeEntity, project: Project): DatabaseName {
  if (node.database && holds(world, node.database, project)) return node.database;
  return world.defaultDatabase.get(project) ?? world.plan.topology.databases[0]!.name;
}

/** Does the database hold the project? A database declared with no projects, or unknown here, is taken to. */
function holds(world: World, db: DatabaseName, project: Project): boolean {
  const spec = world.plan.topology.databases.find((d) => d.name === db);
  return !spec || spec.projects.length === 0 || spec.projects.includes(project);
}

export function isRunning(snap: ServiceSnap | undefined): boolean {
  return snap !== undefined && snap.value === 'running';
}

export function nodeUp(node: NodeEntity): boolean {
  return node.snap.value === 'up';
}

/** A new, stopped service installed at `release`. */
export function newService(release: ReleaseName): ServiceSnap {
  return initialService(release);
}

export function createWorld(plan: Plan): World {
  const world: World = {
    plan,
    nodes: new Map(),
    schemas: new Map(),
    frontends: new Map(),
    instances: new Map(),
    instancesByHost: new Map(),
    computeRecords: new Map(),
    defaultDatabase: new Map(),
  };
  for (const db of plan.topology.databases) {
    for (const project of db.projects) if (!world.defaultDatabase.has(project)) world.defaultDatabase.set(project, db.name);
  }
  const nodeUpSnap = initialNode();
  for (const spec of plan.topology.nodes) {
    const release = spec.release ?? plan.from;
    const node: NodeEntity = {
      name: spec.name,
      role: spec.role,
      ...(spec.database ? { database: spec.database } : {}),
      snap: nodeUpSnap,
      services: new Map(),
      config: new Map(),
    };
    for (const service of spec.services) {
      node.services.set(service, newService(release));
      if (service === 'nova-compute') computeRecordsFor(world, node).set(spec.name, release);
    }
    world.nodes.set(spec.name, node);
    world.instancesByHost.set(spec.name, new Set());
  }
  // Schemas start at the oldest release that uses them (normally `from`).
  for (const node of world.nodes.values()) {
    for (const [service, snap] of node.services) {
      const project = projectOf(service);
      if (!hasSchema(project) || !SERVICE_INFO[service].usesDatabase) continue;
      const key = schemaKey(databaseFor(world, node, project), project);
      const existing = world.schemas.get(key);
      if (!existing || compareIndex(snap.context.installed, existing.context.level) < 0) {
        world.schemas.set(key, initialSchema(snap.context.installed));
      }
    }
  }
  for (const fe of plan.topology.loadBalancers) {
    const backends = new Map<NodeName, BackendSnap>();
    for (const b of fe.backends) backends.set(b, initialBackend());
    world.frontends.set(fe.name, { spec: fe, backends });
  }
  for (const inst of plan.topology.instances) {
    world.instances.set(inst.name, initialInstance(inst.host));
    world.instancesByHost.get(inst.host)?.add(inst.name);
  }
  capStartingMix(world);
  return world;
}

/**
 * The starting cloud works. Where it already mixes nova releases (a node's `release` below the
 * others'), its newer nova services must have been capped for the older computes: nova.conf is
 * taken to say `[upgrade_levels] compute = auto`, or the oldest compute's alias before Mitaka.
 * A plan that writes the key itself replaces this.
 */
function capStartingMix(world: World): void {
  for (const node of world.nodes.values()) {
    let newest: ReleaseName | undefined;
    for (const [service, snap] of node.services) {
      if (!COMPUTE_RPC_SENDERS.includes(service)) continue;
      if (!newest || compareIndex(snap.context.installed, newest) > 0) newest = snap.context.installed;
    }
    if (!newest) continue;
    let oldest: ReleaseName | undefined;
    for (const r of computeRecordsFor(world, node).releases()) if (!oldest || compareIndex(r, oldest) < 0) oldest = r;
    if (!oldest || compareIndex(oldest, newest) >= 0) continue;
    const nova = releaseOf(newest).raw.nova;
    const cap = nova.upgradeLevelsComputeAutoAvailable ? 'auto' : oldest in nova.computeRpcAliasesKnownAtTag ? oldest : undefined;
    if (cap) node.config.set(CONFIG_COMPUTE_CAP, cap);
  }
}

export function compareIndex(a: ReleaseName, b: ReleaseName): number {
  return releaseOf(a).index - releaseOf(b).index;
}

/** Bring the starting topology up: every service runs, active/passive ones on the first node listing them. */
export function bootWorld(world: World, start: (node: NodeEntity, service: ServiceName) => void): void {
  const activeSeen = new Set<ServiceName>();
  for (const node of world.nodes.values()) {
    for (const service of node.services.keys()) {
      if (SERVICE_INFO[service].activePassive) {
        if (activeSeen.has(service)) continue;
        activeSeen.add(service);
      }
      start(node, service);
    }
  }
}

/** The compute records of the nova database `node` belongs to. */
export function computeRecordsFor(world: World, node: NodeEntity): ComputeRecords {
  const db = databaseFor(world, node, 'nova');
  let m = world.computeRecords.get(db);
  if (!m) world.computeRecords.set(db, (m = new ComputeRecords()));
  return m;
}
