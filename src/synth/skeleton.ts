/**
 * The per-service skeleton of an upgrade, read off the service machine with `xstate/graph`: the
 * shortest event path from "running the old release" to "running the new one", preferring paths
 * that keep the service running longest. It yields INSTALL, then STOP and START: install the
 * package while the old code still serves, and pay only a restart. Every procedure of the search
 * is built on this skeleton; the cross-service order is the search's business (see search.ts).
 */
import { getShortestPaths } from 'xstate/graph';
import { serviceMachine, type ServiceEvent } from '../models/machines/service.ts';
import type { ReleaseName } from '../scenarios/plan.ts';

export type SkeletonEvent = 'INSTALL' | 'STOP' | 'START';

const cache = new Map<string, SkeletonEvent[]>();

/** Events taking one service from running `from` to running `to`, fewest first, running longest among equals. */
export function serviceSkeleton(from: ReleaseName, to: ReleaseName): SkeletonEvent[] {
  const key = `${from}>${to}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const start = serviceMachine.resolveState({
    value: 'running',
    context: { installed: from, code: from, computeCap: null, enabled: true, failure: null },
  });
  const events: ServiceEvent[] = [{ type: 'INSTALL', release: to }, { type: 'STOP' }, { type: 'START', computeCap: null }];
  const paths = getShortestPaths(serviceMachine, {
    fromState: start,
    events,
    toState: (s) => s.value === 'running' && s.context.code === to,
    serializeState: (s) => `${String(s.value)}|${s.context.installed}|${s.context.code}`,
  });
  const candidates = paths.map((p) => p.steps.slice(1).map((st) => st.event.type as SkeletonEvent));
  // Equal length: the path whose first event is not STOP keeps the old code serving while installing.
  candidates.sort((a, b) => a.length - b.length || Number(a[0] === 'STOP') - Number(b[0] === 'STOP'));
  const best = candidates[0];
  if (!best) throw new Error(`service machine: no path from running ${from} to running ${to}`);
  cache.set(key, best);
  return best;
}
