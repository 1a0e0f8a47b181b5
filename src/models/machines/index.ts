/** Every entity of a cloud is one of these XState machines; the simulator steps their snapshots purely. */
import { backendMachine, initialBackend } from './backend.ts';
import { initialInstance, instanceMachine } from './instance.ts';
import { initialNode, nodeMachine } from './node.ts';
import { initialSchema, schemaMachine } from './schema.ts';
import { initialService, serviceMachine } from './service.ts';

export { backendMachine, instanceMachine, nodeMachine, schemaMachine, serviceMachine };
export { initialBackend, initialInstance, initialNode, initialSchema, initialService };
export type { ServiceContext, ServiceEvent } from './service.ts';
export type { SchemaContext, SchemaEvent } from './schema.ts';
export type { InstanceEvent } from './instance.ts';
export type { NodeEvent } from './node.ts';
export type { BackendEvent } from './backend.ts';

/** All machines by name, for coverage reports and contract tests. */
export const MACHINES = {
  service: serviceMachine,
  node: nodeMachine,
  schema: schemaMachine,
  backend: backendMachine,
  instance: instanceMachine,
} as const;
export type MachineName = keyof typeof MACHINES;
