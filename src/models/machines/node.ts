/** A host. A reboot takes it down and back up; removal is final. */
import { setup } from 'xstate';

export type NodeEvent = { type: 'POWER_OFF' } | { type: 'POWER_ON' } | { type: 'REMOVE' };

export const nodeMachine = setup({
  types: { events: {} as NodeEvent },
}).createMachine({
  id: 'node',
  initial: 'up',
  states: {
    up: { on: { POWER_OFF: 'down', REMOVE: 'removed' } },
    down: { on: { POWER_ON: 'up', REMOVE: 'removed' } },
    removed: { type: 'final' },
  },
});

/** A node that is up. */
const NODE_INITIAL = nodeMachine.resolveState({ value: 'up', context: undefined as never });
/** One shared initial snapshot: snapshots are immutable (see step.ts). */
export function initialNode() {
  return NODE_INITIAL;
}
