/** Invariants over the state after a step. Each returns findings keyed by the condition they describe. */
import type { Finding } from '../finding.ts';
import type { World } from '../world.ts';
import { perDatabase, type Census } from './census.ts';
import { orderInvariants } from './order.ts';
import { rpcInvariants } from './rpc.ts';
import { schemaInvariants } from './schema.ts';
import { serviceInvariants } from './services.ts';

export { finalInvariants } from './final.ts';

export { CensusIndex } from './census.ts';

export function stateInvariants(world: World, c: Census): Finding[] {
  return [...perDatabase(c).flatMap(rpcInvariants), ...schemaInvariants(world, c), ...orderInvariants(c), ...serviceInvariants(world, c)];
}
