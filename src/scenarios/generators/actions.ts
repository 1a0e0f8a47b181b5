/** Typed constructors for plan actions, so procedures read like the runbooks they come from. */
import type { Action, DatabaseName, DbPhase, FrontendName, InstanceName, NodeName, NodeRole, Project, ReleaseName, ServiceName } from '../plan.ts';

type Svc = readonly ServiceName[];

export const stop = (node: NodeName, services: Svc): Action => ({ verb: 'stop', node, services: [...services] });
export const start = (node: NodeName, services: Svc): Action => ({ verb: 'start', node, services: [...services] });
export const restart = (node: NodeName, services: Svc): Action => ({ verb: 'restart', node, services: [...services] });
export const upgrade = (node: NodeName, services: Svc): Action => ({ verb: 'upgrade', node, services: [...services] });
export const disable = (node: NodeName): Action => ({ verb: 'disable', node, services: ['nova-compute'] });
export const enable = (node: NodeName): Action => ({ verb: 'enable', node, services: ['nova-compute'] });
export const drain = (frontend: FrontendName, node: NodeName): Action => ({ verb: 'drain', frontend, node });
export const undrain = (frontend: FrontendName, node: NodeName): Action => ({ verb: 'undrain', frontend, node });
export const failover = (service: ServiceName, to: NodeName): Action => ({ verb: 'failover', service, to });
export const removeNode = (node: NodeName): Action => ({ verb: 'remove-node', node });
export const liveMigrate = (instance: InstanceName, to: NodeName): Action => ({ verb: 'live-migrate', instance, to });
export const coldMigrate = (instance: InstanceName, to: NodeName): Action => ({ verb: 'cold-migrate', instance, to });
export const redeploy = (instance: InstanceName, to: NodeName): Action => ({ verb: 'redeploy', instance, to });

export function db(project: Project, phase: DbPhase, database?: DatabaseName): Action {
  return { verb: 'db', project, phase, ...(database ? { database } : {}) };
}

/** `[upgrade_levels] compute` in nova.conf on the given nodes; null removes it. */
export function computeCap(nodes: readonly NodeName[], value: string | null): Action {
  return { verb: 'config', nodes: [...nodes], file: 'nova.conf', section: 'upgrade_levels', key: 'compute', value };
}

export function addNode(node: NodeName, role: NodeRole, services: Svc, release: ReleaseName, database?: DatabaseName): Action {
  return { verb: 'add-node', node, role, services: [...services], release, ...(database ? { database } : {}) };
}
