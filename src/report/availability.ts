/**
 * Availability strips: for each API frontend (or API service without a frontend) and for the
 * instances, whether they were reachable during each timeline column, with totals over the
 * whole plan.
 *
 * "Down" means down at any moment of the step (the record's apisDown/instancesDown), not only
 * after it. Totals count top-level steps: the leaves of a parallel group share one duration.
 */
import type { StepRecord } from '../sim/result.ts';
import type { TimelineColumn } from './timeline.ts';

export interface StripCell {
  down: boolean;
  /** For instances: how many were down (the maximum inside a merged column). */
  count: number;
  /** Steps of the column that were down. */
  downSteps: number;
}

export interface Strip {
  kind: 'api' | 'instances';
  /** Frontend name, API service name, or "instances". */
  subject: string;
  /** The API service behind a frontend. */
  service?: string;
  cells: StripCell[];
  downSteps: number;
  downSeconds: number;
  /** For instances: distinct instances that were down at least once. */
  affected: number;
  /** For instances: sum over instances of seconds down. */
  instanceSeconds: number;
}

export function buildStrips(timeline: readonly StepRecord[], columns: readonly TimelineColumn[]): Strip[] {
  const strips: Strip[] = [];
  const frontends = new Map<string, string>();
  for (const r of timeline) for (const f of r.frontends) if (!frontends.has(f.name)) frontends.set(f.name, f.service);
  for (const [name, service] of frontends) {
    strips.push(
      strip('api', name, timeline, columns, (r) => {
        const f = r.frontends.find((x) => x.name === name);
        return r.apisDown.includes(service) || (f !== undefined && !f.available) ? 1 : 0;
      }, service),
    );
  }
  // APIs reported down that no frontend stands for (single controller, no load balancer).
  const fronted = new Set(frontends.values());
  const bare = [...new Set(timeline.flatMap((r) => r.apisDown))].filter((s) => !fronted.has(s));
  for (const service of bare) {
    strips.push(strip('api', service, timeline, columns, (r) => (r.apisDown.includes(service) ? 1 : 0), service));
  }
  strips.push(strip('instances', 'instances', timeline, columns, (r) => r.instancesDown.length));
  return strips;
}

function strip(
  kind: Strip['kind'],
  subject: string,
  timeline: readonly StepRecord[],
  columns: readonly TimelineColumn[],
  down: (r: StepRecord) => number,
  service?: string,
): Strip {
  const cells = columns.map((c) => {
    const counts = c.records.map(down);
    const downSteps = counts.filter((n) => n > 0).length;
    return { down: downSteps > 0, count: Math.max(0, ...counts), downSteps };
  });
  let downSteps = 0;
  let downSeconds = 0;
  let instanceSeconds = 0;
  const affected = new Set<string>();
  // Walk top-level steps: consecutive records with the same step number.
  for (let i = 0; i < timeline.length; ) {
    const step = timeline[i]!.step;
    let j = i;
    let worst = 0;
    let seconds = 0;
    const names = new Set<string>();
    for (; j < timeline.length && timeline[j]!.step === step; j++) {
      const r = timeline[j]!;
      worst = Math.max(worst, down(r));
      seconds = Math.max(seconds, r.durationSeconds);
      if (kind === 'instances') for (const x of r.instancesDown) names.add(x);
    }
    if (worst > 0 && step > 0) {
      downSteps++;
      downSeconds += seconds;
      instanceSeconds += (kind === 'instances' ? names.size : worst) * seconds;
    }
    for (const x of names) affected.add(x);
    i = j;
  }
  return {
    kind,
    subject,
    ...(service ? { service } : {}),
    cells,
    downSteps,
    downSeconds,
    affected: affected.size,
    instanceSeconds,
  };
}
