/**
 * A violation's counterexample, told from the timeline: the steps that lead to it (the last
 * few, the rest counted) and the state of what it names at the moment it happens. The checker
 * already proved the violation; this is the story an operator reads to believe it.
 */
import type { StepRecord, Violation } from '../sim/result.ts';
import { names } from './timeline.ts';

export const TRACE_STEPS = 6;

export interface TraceStep {
  stepId: string;
  summary: string;
  durationSeconds: number;
  /** The step the violation happens at. */
  here: boolean;
}

export interface Counterexample {
  trace: TraceStep[];
  /** Earlier steps left out of the trace. */
  omitted: number;
  /** "ctl2/nova-api: stopped (queens installed)", "frontend nova-api: no active backend". */
  state: string[];
}

export function counterexample(v: Violation, timeline: readonly StepRecord[] | undefined): Counterexample | undefined {
  if (!timeline || v.step < 0) return undefined;
  if (v.step === 0) {
    // A violation of the initial state: no steps led to it, the starting point is the story.
    const start = timeline.find((r) => r.step === 0);
    return start ? { trace: [], omitted: 0, state: stateOf(v, start) } : undefined;
  }
  const upTo = timeline.filter((r) => r.step > 0 && r.step <= v.step);
  if (upTo.length === 0) return undefined;
  const shown = upTo.slice(-TRACE_STEPS);
  const trace = shown.map((r) => ({
    stepId: r.stepId,
    summary: r.label ? `${r.label}: ${r.summary}` : r.summary,
    durationSeconds: r.durationSeconds,
    here: r.step === v.step,
  }));
  const at = [...upTo].reverse().find((r) => r.step === v.step) ?? upTo[upTo.length - 1]!;
  return { trace, omitted: upTo.length - shown.length, state: stateOf(v, at) };
}

function stateOf(v: Violation, r: StepRecord): string[] {
  const out: string[] = [];
  for (const e of v.entities) {
    const services = r.services.filter((s) => names(e, s.node, s.service));
    for (const s of services) {
      const parts: string[] = [s.status];
      if (s.status === 'running' && s.running && s.running !== s.installed) parts.push(`running ${s.running}, ${s.installed} installed`);
      else parts.push(s.status === 'running' ? (s.running ?? s.installed) : `${s.installed} installed`);
      if (s.computeCap) parts.push(`compute RPC cap ${s.computeCap}`);
      if (s.enabled === false) parts.push('disabled');
      out.push(`${s.node}/${s.service}: ${parts.join(', ')}`);
    }
    const name = e.replace(/^frontend:/, '');
    for (const f of r.frontends.filter((x) => x.name === name || x.service === name)) {
      const b = f.backends.map((x) => `${x.node} ${x.state}`).join(', ');
      out.push(`frontend ${f.name}: ${f.available ? 'available' : 'no active backend'} (${b || 'no backends'})`);
    }
    if (e.startsWith('instance:') || r.instancesDown.includes(e)) {
      const i = e.replace(/^instance:/, '');
      out.push(`instance ${i}: ${r.instancesDown.includes(i) ? 'down during this step' : 'up'}`);
    }
  }
  return [...new Set(out)];
}
