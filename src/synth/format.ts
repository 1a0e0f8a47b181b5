/** The text `preflight plan` prints about what it found: per hop, the prediction, the proof and the comparison. */
import { displayRelease } from '../models/catalogue/releases.ts';
import type { Policy } from '../scenarios/plan.ts';
import type { Proof } from './prove.ts';
import type { Hop, Predicted, SynthesisResult } from './types.ts';

function downtime(p: Predicted): string {
  const apis = Object.entries(p.apiByService).map(([s, sec]) => `${s} ${sec} s`);
  const inst = p.instanceSeconds > 0 ? `; instances: ${p.instancesAffected} down, ${p.instanceSeconds} instance-s` : '; instances: none down';
  return `API downtime: ${apis.length > 0 ? apis.join(', ') : 'none'}${inst}`;
}

function policyText(p: Policy): string {
  const api = Array.isArray(p.apiDowntime) ? `[${p.apiDowntime.join(', ')}]` : p.apiDowntime;
  return `instances ${p.instanceDowntime}, api ${api}`;
}

function hopLines(h: Hop, proof?: Proof): string[] {
  const out = [
    `${displayRelease(h.from)} → ${displayRelease(h.to)}: ${h.predicted.steps} steps, about ${Math.round(h.predicted.durationSeconds / 60)} min; ${downtime(h.predicted)}`,
    `  search: ${h.checked} partial plans checked, ${h.pruned} rejected by the simulator`,
    `  check: ${h.check.verdict}${h.predicted.warnings > 0 ? ` (${h.predicted.warnings} warnings)` : ''}`,
  ];
  if (proof?.explore) {
    const e = proof.explore;
    out.push(`  explore: ${e.status}${'runs' in e ? ` after ${e.runs} runs` : ''} (seed ${e.seed}, faults ${e.faults.join(',')})`);
    if (e.status === 'counterexample') out.push(...e.counterexample.violations.map((v) => `    step ${v.stepId}: ${v.code} ${v.message}`));
  }
  if (h.comparison) {
    out.push(`  against the generators${h.comparison.best ? ` (best: ${h.comparison.best})` : ''}: ${h.comparison.noWorse ? 'no worse' : 'WORSE'} on the objective`);
    out.push(...h.comparison.summary.map((s) => `    ${s}`));
  }
  return out;
}

export function formatSynthesis(r: SynthesisResult, proofs: readonly Proof[] = []): string {
  if (r.ok) {
    const lines = r.hops.length > 1 ? [`${r.hops.length} hops: ${[r.hops[0]!.from, ...r.hops.map((h) => h.to)].map((x) => displayRelease(x)).join(' → ')}`] : [];
    r.hops.forEach((h, i) => lines.push(...hopLines(h, proofs[i])));
    if (r.hops.length > 1) lines.push(`total: ${r.predicted.steps} steps; ${downtime(r.predicted)}`);
    return lines.join('\n');
  }
  const lines = [`impossible: ${r.reason}`];
  if (r.alternative) {
    lines.push(`least-downtime alternative (policy: ${policyText(r.alternative.policy)}):`);
    r.alternative.hops.forEach((h, i) => lines.push(...hopLines(h, proofs[i]).map((l) => `  ${l}`)));
  } else lines.push('no alternative found');
  return lines.join('\n');
}
