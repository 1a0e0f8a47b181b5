/** A customer instance: it runs on a host, stops when the host goes down or a move needs it to. */
import { assign, setup } from 'xstate';
import type { NodeName } from '../../scenarios/plan.ts';

export type InstanceEvent =
  | { type: 'HOST_DOWN' }
  | { type: 'HOST_UP' }
  | { type: 'STOP' }
  | { type: 'START' }
  | { type: 'MOVE'; to: NodeName }
  | { type: 'DELETE' };

export const instanceMachine = setup({
  types: {
    context: {} as { host: NodeName },
    events: {} as InstanceEvent,
    input: {} as { host: NodeName },
  },
}).createMachine({
  id: 'instance',
  context: ({ input }) => ({ host: input.host }),
  initial: 'running',
  on: { DELETE: '.deleted' },
  states: {
    running: {
      on: {
        HOST_DOWN: 'stopped',
        STOP: 'stopped',
        MOVE: { actions: assign(({ event }) => ({ host: event.to })) },
      },
    },
    stopped: {
      on: {
        HOST_UP: 'running',
        START: 'running',
        MOVE: { actions: assign(({ event }) => ({ host: event.to })) },
      },
    },
    deleted: { type: 'final' },
  },
});

/** A running instance on `host`, without spinning up an actor. */
const initialInstances = new Map<string, ReturnType<typeof resolveInstance>>();
function resolveInstance(host: NodeName) {
  return instanceMachine.resolveState({ value: 'running', context: { host } });
}
/** Snapshots are immutable, so one initial snapshot per host is shared (and its transitions memoized, see step.ts). */
export function initialInstance(host: NodeName) {
  let snap = initialInstances.get(host);
  if (!snap) initialInstances.set(host, (snap = resolveInstance(host)));
  return snap;
}
