/**
 * Pure stepping of a machine's snapshot, fast enough for thousands of entities per plan and
 * thousands of explored runs.
 * xstate's own `transition(machine, snapshot, event)` builds a throwaway actor (and its initial
 * snapshot) on every call; our machines only assign context, so one inert scope per machine,
 * built once, serves every call and the transition stays pure.
 * Because it is pure and snapshots are never mutated, a transition is computed once per
 * (snapshot, event) and remembered: a hundred computes walking the same stop/upgrade/start path
 * share their snapshots, and every explored run after the first replays them from the memo.
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
  const memo = new WeakMap<object, Map<string, SnapshotFrom<M>>>();
  return (snapshot, event) => {
    let next = memo.get(snapshot);
    if (!next) memo.set(snapshot, (next = new Map()));
    const key = JSON.stringify(event);
    const known = next.get(key);
    if (known) return known;
    const after = machine.transition(snapshot, event, scope) as SnapshotFrom<M>;
    next.set(key, after);
    return after;
  };
}
