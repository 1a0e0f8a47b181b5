/**
 * What exists at a given point of the plan: nodes with their services, instances with their
 * hosts, frontends and databases. The semantic pass walks the steps over this so a step is
 * checked against the topology as the steps before it left it, not as it was declared.
 */
import type { NodeName, Project, ServiceName } from './plan.ts';

/** Sections of the topology whose declaration was not even a map: names in them are not checked. */
export type Section = 'nodes' | 'frontends' | 'instances' | 'databases';

export interface NodeState {
  /** null when the node's declaration was itself invalid: then its services are not checked. */
  services: ServiceName[] | null;
}

export interface FrontendState {
  /** null when the frontend's declaration was invalid. */
  service: ServiceName | null;
  backends: NodeName[];
}

export class PlanWorld {
  readonly nodes = new Map<string, NodeState>();
  /** Node name → id of the step that removed it, for "removed at step N" messages. */
  readonly removedNodes = new Map<string, string>();
  /** Node name → id of the first step that adds it, for "added at step N" messages. */
  readonly laterNodes = new Map<string, string>();
  readonly instances = new Map<string, NodeName>();
  readonly deletedInstances = new Map<string, string>();
  readonly frontends = new Map<string, FrontendState>();
  /** Database name → projects whose schema it holds. */
  readonly databases = new Map<string, Project[]>();

  addNode(name: string, state: NodeState): void {
    this.nodes.set(name, state);
    this.removedNodes.delete(name);
  }

  removeNode(name: string, stepId: string): void {
    this.nodes.delete(name);
    this.removedNodes.set(name, stepId);
  }

  deleteInstance(name: string, stepId: string): void {
    this.instances.delete(name);
    this.deletedInstances.set(name, stepId);
  }

  nodeNames(): NodeName[] {
    return [...this.nodes.keys()] as NodeName[];
  }

  /** Sections whose names cannot be checked, so that one broken section does not flood the output. */
  readonly opaque = new Set<Section>();
}
