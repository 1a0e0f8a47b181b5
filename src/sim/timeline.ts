/** The state after a step, as reports draw it: every service on every node, every frontend. */
import type { InvariantCode, StepRecord } from './result.ts';
import type { LeafStep } from './sequence.ts';
import { describeAction } from './describe.ts';
import { apiAvailable } from './availability.ts';
import { isRunning, nodeUp, type World } from './world.ts';

export function timelineRecord(world: World, leaf: LeafStep | undefined, start: number, duration: number, apisDown: string[], instancesDown: string[], codes: InvariantCode[]): StepRecord {
  const services: StepRecord['services'] = [];
  for (const node of world.nodes.values()) {
    for (const [service, snap] of node.services) {
      const status = !nodeUp(node) ? 'stopped' : snap.value === 'running' ? 'running' : snap.value === 'failed' ? 'failed' : 'stopped';
      services.push({
        node: node.name,
        service,
        status,
        installed: snap.context.installed,
        ...(isRunning(snap) ? { running: snap.context.code } : {}),
        ...(service === 'nova-compute' ? { enabled: snap.context.enabled } : {}),
        ...(isRunning(snap) && snap.context.computeCap ? { computeCap: snap.context.computeCap } : {}),
      });
    }
  }
  const frontends: StepRecord['frontends'] = [...world.frontends.values()].map((f) => ({
    name: f.spec.name,
    service: f.spec.service,
    backends: [...f.backends].map(([node, b]) => {
      const n = world.nodes.get(node);
      const up = n !== undefined && nodeUp(n) && isRunning(n.services.get(f.spec.service));
      return { node, state: b.value === 'drained' ? ('drained' as const) : up ? ('active' as const) : ('down' as const) };
    }),
    available: apiAvailable(world, f.spec.service),
  }));
  return {
    step: leaf?.step.number ?? 0,
    stepId: leaf ? leaf.step.id + (leaf.injected ?? '') : '0',
    ...(leaf?.step.label ? { label: leaf.step.label } : {}),
    verb: leaf?.step.action.verb ?? 'initial',
    summary: leaf ? describeAction(leaf.step.action) : 'initial state',
    startSeconds: start,
    durationSeconds: duration,
    services,
    frontends,
    apisDown,
    instancesDown,
    codes,
  };
}
