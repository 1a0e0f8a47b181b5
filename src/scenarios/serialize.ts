/**
 * Plan → YAML in the contract format, for scenario generators and `plan` tooling. The output is
 * what an operator would write by hand: one line per step with a flow-map body, labels as
 * `name:`, and it parses back to the same Plan (apart from source locations and file).
 */
import { Document, isMap, isSeq, type YAMLMap, type YAMLSeq } from 'yaml';
import { DEFAULT_DATABASE } from './parse-topology.ts';
import { DATABASE_PROJECTS } from './selectors.ts';
import type { Action, DatabaseSpec, Plan, Step } from './plan.ts';

type Plain = Record<string, unknown>;

// Named entries are written from Maps: a plain object would move integer-like names ("1") first.

export interface SerializeOptions {
  /**
   * The comment written above the plan, one `#` line per line of text; null writes none.
   * Default: "<name>: <from> → <to> (preflight plan)".
   */
  header?: string | null;
}

export function serializePlan(plan: Plan, options: SerializeOptions = {}): string {
  const topology: Plain = {
    nodes: new Map(
      plan.topology.nodes.map((n) => [
        n.name,
        { role: n.role, services: n.services, ...(n.release ? { release: n.release } : {}), ...(n.database ? { database: n.database } : {}) },
      ]),
    ),
  };
  if (plan.topology.loadBalancers.length > 0) {
    topology.loadBalancers = new Map(
      plan.topology.loadBalancers.map((f) => [f.name, { service: f.service, backends: f.backends }]),
    );
  }
  const databases = declaredDatabases(plan.topology.databases);
  if (databases.length > 0) {
    topology.databases = new Map(databases.map((d) => [d.name, { services: d.projects }]));
  }
  if (plan.topology.instances.length > 0) {
    topology.instances = new Map(plan.topology.instances.map((i) => [i.name, { host: i.host }]));
  }
  const root: Plain = {
    apiVersion: plan.apiVersion,
    name: plan.name,
    from: plan.from,
    to: plan.to,
    policy: plan.policy,
    ...(Object.keys(plan.durations).length > 0 ? { durations: plan.durations } : {}),
    topology,
    steps: plan.steps.map(stepToPlain),
  };

  const doc = new Document(root);
  const header = options.header === undefined ? `${plan.name}: ${plan.from} → ${plan.to} (preflight plan)` : options.header;
  if (header !== null) doc.commentBefore = header.split('\n').map((line) => (line ? ` ${line}` : '')).join('\n');
  flowEntries(doc.getIn(['topology', 'nodes']));
  flowEntries(doc.getIn(['topology', 'loadBalancers']));
  flowEntries(doc.getIn(['topology', 'databases']));
  flowEntries(doc.getIn(['topology', 'instances']));
  const apiDowntime = doc.getIn(['policy', 'apiDowntime']);
  if (isSeq(apiDowntime)) apiDowntime.flow = true;
  flowSteps(doc.get('steps'));
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/**
 * The databases worth writing: the implicit `default` (last, holding exactly the projects no
 * other database declares) is left out, since parsing recreates it.
 */
function declaredDatabases(databases: readonly DatabaseSpec[]): DatabaseSpec[] {
  const last = databases[databases.length - 1];
  if (!last || last.name !== DEFAULT_DATABASE) return [...databases];
  const others = databases.slice(0, -1);
  const placed = new Set(others.flatMap((d) => d.projects));
  const leftover = DATABASE_PROJECTS.filter((p) => !placed.has(p));
  const implicit = leftover.length === last.projects.length && leftover.every((p, i) => last.projects[i] === p);
  return implicit && (leftover.length > 0 || others.length === 0) ? others : [...databases];
}

function stepToPlain(step: Step): Plain {
  return {
    ...(step.label !== undefined ? { name: step.label } : {}),
    ...actionToPlain(step.action),
    ...(step.durationSeconds !== undefined ? { duration: step.durationSeconds } : {}),
  };
}

/** One service is written as a name, several as a list: how an operator writes them. */
const selector = (services: readonly string[]): string | readonly string[] =>
  services.length === 1 ? services[0]! : services;

function actionToPlain(action: Action): Plain {
  switch (action.verb) {
    case 'upgrade':
      return { upgrade: { node: action.node, service: selector(action.services), ...(action.release ? { release: action.release } : {}) } };
    case 'stop':
    case 'start':
    case 'restart':
    case 'disable':
    case 'enable':
      return { [action.verb]: { node: action.node, service: selector(action.services) } };
    case 'db':
      return {
        db: {
          service: action.project,
          phase: action.phase,
          ...(action.database ? { database: action.database } : {}),
          ...(action.release ? { release: action.release } : {}),
        },
      };
    case 'config':
      return {
        config: { nodes: action.nodes, file: action.file, section: action.section, key: action.key, value: action.value },
      };
    case 'add-node':
      return {
        'add-node': {
          node: action.node,
          role: action.role,
          services: action.services,
          release: action.release,
          ...(action.database ? { database: action.database } : {}),
        },
      };
    case 'parallel':
      return { parallel: action.steps.map(stepToPlain) };
    default: {
      const { verb, ...body } = action;
      return { [verb]: body };
    }
  }
}

function flowEntries(node: unknown): void {
  if (!isMap(node)) return;
  for (const pair of (node as YAMLMap).items) if (isMap(pair.value)) pair.value.flow = true;
}

/** Step bodies as flow maps (`stop: { node: c1, service: keystone }`); parallel groups stay block lists. */
function flowSteps(steps: unknown): void {
  if (!isSeq(steps)) return;
  for (const step of (steps as YAMLSeq).items) {
    if (!isMap(step)) continue;
    for (const pair of step.items) {
      if (isMap(pair.value)) pair.value.flow = true;
      else if (isSeq(pair.value)) flowSteps(pair.value);
    }
  }
}
