/** One backend (node) of an haproxy frontend: in rotation or drained through the runtime API. */
import { setup } from 'xstate';

export type BackendEvent = { type: 'DRAIN' } | { type: 'UNDRAIN' };

export const backendMachine = setup({
  types: { events: {} as BackendEvent },
}).createMachine({
  id: 'backend',
  initial: 'active',
  states: {
    active: { on: { DRAIN: 'drained' } },
    drained: { on: { UNDRAIN: 'active' } },
  },
});

/** A backend in rotation. */
const BACKEND_INITIAL = backendMachine.resolveState({ value: 'active', context: undefined as never });
/** One shared initial snapshot: snapshots are immutable (see step.ts). */
export function initialBackend() {
  return BACKEND_INITIAL;
}
