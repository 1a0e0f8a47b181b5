/**
 * One service on one node (e.g. nova-conductor on controller1). Installed code and the code in
 * memory are separate: `upgrade` installs, only a (re)start loads it. The compute RPC cap a
 * service resolved at its last start stays in force until the next start, as nova caches it.
 */
import { assign, setup } from 'xstate';
import type { ReleaseName } from '../../scenarios/plan.ts';

export interface ServiceContext {
  installed: ReleaseName;
  /** Release of the code loaded at the last successful start. */
  code: ReleaseName;
  /** Compute RPC version this service sends with since its last start ("6.4"), if it sends any. */
  computeCap: string | null;
  /** Scheduling enabled (nova-compute), as `openstack compute service set --enable/--disable`. */
  enabled: boolean;
  /** Why the last start failed. */
  failure: string | null;
}

export type ServiceEvent =
  | { type: 'START'; computeCap: string | null }
  | { type: 'START_REFUSED'; reason: string }
  | { type: 'STOP' }
  | { type: 'INSTALL'; release: ReleaseName }
  | { type: 'DISABLE' }
  | { type: 'ENABLE' };

export const serviceMachine = setup({
  types: {
    context: {} as ServiceContext,
    events: {} as ServiceEvent,
    input: {} as { release: ReleaseName },
  },
  actions: {
    load: assign(({ context, event }) =>
      event.type === 'START' ? { code: context.installed, computeCap: event.computeCap, failure: null } : {},
    ),
    refuse: assign(({ event }) => (event.type === 'START_REFUSED' ? { failure: event.reason } : {})),
    install: assign(({ event }) => (event.type === 'INSTALL' ? { installed: event.release } : {})),
  },
}).createMachine({
  id: 'service',
  context: ({ input }) => serviceContext(input.release),
  initial: 'stopped',
  on: {
    INSTALL: { actions: 'install' },
    DISABLE: { actions: assign({ enabled: false }) },
    ENABLE: { actions: assign({ enabled: true }) },
  },
  states: {
    stopped: {
      on: { START: { target: 'running', actions: 'load' }, START_REFUSED: { target: 'failed', actions: 'refuse' } },
    },
    running: {
      on: { STOP: 'stopped' },
    },
    failed: {
      on: {
        START: { target: 'running', actions: 'load' },
        START_REFUSED: { target: 'failed', actions: 'refuse', reenter: true },
        STOP: 'stopped',
      },
    },
  },
});

function serviceContext(release: ReleaseName): ServiceContext {
  return { installed: release, code: release, computeCap: null, enabled: true, failure: null };
}

/** A stopped service installed at `release`; resolveState skips the actor getInitialSnapshot spins up (10× faster). */
const initialServices = new Map<string, ReturnType<typeof resolveService>>();
function resolveService(release: ReleaseName) {
  return serviceMachine.resolveState({ value: 'stopped', context: serviceContext(release) });
}
/** Snapshots are immutable, so one initial snapshot per release is shared (and its transitions memoized, see step.ts). */
export function initialService(release: ReleaseName) {
  let snap = initialServices.get(release);
  if (!snap) initialServices.set(release, (snap = resolveService(release)));
  return snap;
}
