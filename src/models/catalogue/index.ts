/** The release catalogue: real OpenStack facts, each with its source, and the rules read from them. */
export * from './releases.ts';
export * from './services.ts';
export * from './rpc-version.ts';
export * from './nova-rpc.ts';
export * from './nova-skew.ts';
export * from './upgrade-path.ts';
export * from './db-rules.ts';
export * from './order-rules.ts';
export * from './compat.ts';
export { sourceRef, sourceRefs } from './facts.ts';
