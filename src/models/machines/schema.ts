/**
 * One project's schema in one database. `level` is the release whose schema is fully applied;
 * expand (and migrate) prepare the next release's schema while old code still runs, contract
 * finishes it. Online data migrations left pending block the next schema upgrade.
 */
import { assign, setup } from 'xstate';
import type { ReleaseName } from '../../scenarios/plan.ts';

export interface SchemaContext {
  level: ReleaseName;
  expandedTo: ReleaseName | null;
  /** Release whose online data migrations have not been run yet. */
  pendingOnline: ReleaseName | null;
}

export type SchemaEvent =
  | { type: 'SYNC'; to: ReleaseName; leavesOnlineMigrations: boolean }
  | { type: 'EXPAND'; to: ReleaseName }
  | { type: 'MIGRATE' }
  | { type: 'CONTRACT'; leavesOnlineMigrations: boolean }
  | { type: 'ONLINE_MIGRATIONS' };

export const schemaMachine = setup({
  types: {
    context: {} as SchemaContext,
    events: {} as SchemaEvent,
    input: {} as { release: ReleaseName },
  },
  actions: {
    sync: assign(({ event }) =>
      event.type === 'SYNC' ? { level: event.to, expandedTo: null, pendingOnline: event.leavesOnlineMigrations ? event.to : null } : {},
    ),
    expand: assign(({ event }) => (event.type === 'EXPAND' ? { expandedTo: event.to } : {})),
    contract: assign(({ context, event }) => {
      const level = context.expandedTo ?? context.level;
      return { level, expandedTo: null, pendingOnline: event.type === 'CONTRACT' && event.leavesOnlineMigrations ? level : context.pendingOnline };
    }),
  },
}).createMachine({
  id: 'schema',
  context: ({ input }) => schemaContext(input.release),
  initial: 'current',
  on: {
    SYNC: { target: '.current', actions: 'sync' },
    ONLINE_MIGRATIONS: { actions: assign({ pendingOnline: null }) },
  },
  states: {
    current: { on: { EXPAND: { target: 'expanded', actions: 'expand' } } },
    expanded: {
      on: {
        EXPAND: { target: 'expanded', actions: 'expand', reenter: true },
        MIGRATE: 'migrated',
        CONTRACT: { target: 'current', actions: 'contract' },
      },
    },
    migrated: { on: { CONTRACT: { target: 'current', actions: 'contract' } } },
  },
});

function schemaContext(release: ReleaseName): SchemaContext {
  return { level: release, expandedTo: null, pendingOnline: null };
}

/** A schema fully at `release`, without spinning up an actor. */
const initialSchemas = new Map<string, ReturnType<typeof resolveSchema>>();
function resolveSchema(release: ReleaseName) {
  return schemaMachine.resolveState({ value: 'current', context: schemaContext(release) });
}
/** Snapshots are immutable, so one initial snapshot per release is shared (and its transitions memoized, see step.ts). */
export function initialSchema(release: ReleaseName) {
  let snap = initialSchemas.get(release);
  if (!snap) initialSchemas.set(release, (snap = resolveSchema(release)));
  return snap;
}
