/**
 * Pure stepping of a machine's snapshot, fast enough for thousands of entities per plan.
 * xstate's own `transition(machine, snapshot, event)` builds a throwaway actor (and its initial
 * snapshot) on every call; our machines only assign context, so one inert scope per machine,
 * built once, serves every call and the transition stays pure.
 */
import { createActor, type AnyActorScope, type AnyStateMachine, type EventFromLogic, type InputFrom, type SnapshotFrom } from 'xstate';

export function stepper<M extends AnyStateMachine>(machine: M, input: InputFrom<M>): (snapshot: SnapshotFrom<M>, event: EventFromLogic<M>) => SnapshotFrom<M> {
  const self = createActor(machine, { input } as never);
  const scope: AnyActorScope = {
    self,
    id: '',
    sessionId: '',
    logger: () => {},
    defer: () => {},
    emit: () => {},
    system: self.system,
    stopChild: () => {},
    actionExecutor: () => {},
  };
  return (snapshot, event) => machine.transition(snapshot, event, scope) as SnapshotFrom<M>;
}
