/**
 * Text output of `preflight explore`. A counterexample reads as a story: what ran differently
 * (reordered groups, faults), the step that broke and why, then the seed and how to replay it.
 */
import type { ExploreResult } from './explore.ts';
import { describeBreach } from './budget.ts';
import type { MachineCoverage } from './coverage.ts';

export function formatExploreText(r: ExploreResult, replayFile?: string): string {
  const L: string[] = [];
  const head = `${r.plan.name} (${r.plan.file})`;
  const faults = r.faults.length ? r.faults.join(', ') : 'none';
  const base = r.baseline.verdict === 'pass' ? 'its straight check passes' : `its straight check already has ${r.baseline.errors} error(s), not counted again`;
  if (r.status === 'stale-replay') return `${head}\nreplay does not apply: ${r.message}`;
  if (r.status === 'ok') {
    L.push(`${head}: nothing found in ${r.runs} run(s) (seed ${r.seed}, faults: ${faults}; ${base}) in ${(r.elapsedMs / 1000).toFixed(1)} s`);
    L.push(`worst downtime seen: APIs ${r.worst.apiSeconds} s in total (as written: ${r.baseline.apiSeconds} s), longest instance outage ${r.worst.instanceSeconds} s (as written: ${r.baseline.instanceSeconds} s)`);
    return L.join('\n');
  }
  const c = r.counterexample;
  L.push(`${head}: counterexample after ${r.runs} run(s), shrunk in ${r.shrinks} step(s) (seed ${r.seed}, faults: ${faults}; ${base})`);
  if (c.trace.length > 0) L.push('', 'Steps that matter, in the order they ran (every other step ran as written):');
  for (const t of c.trace) {
    const tag = t.why === 'fault' ? 'fault    ' : t.why === 'reordered' ? 'reordered' : 'BREAKS   ';
    L.push(`  ${tag} ${t.stepId.padEnd(22)} ${t.summary}${t.label && t.why !== 'fault' ? `  (${t.label})` : ''}${t.ahead ? `  [ran before ${t.ahead.join(', ')}]` : ''}${t.codes.length ? `  → ${t.codes.join(', ')}` : ''}`);
  }
  if (c.faults.length > 0) {
    L.push('', 'Faults:');
    for (const f of c.faults) L.push(`  ${f.label.slice(1).padEnd(22)} ${f.summary}`);
  }
  if (c.violations.length > 0) {
    L.push('', 'Violations the written order does not have:');
    for (const v of c.violations) L.push(`  [${v.code}] step ${v.stepId}: ${v.message}`, `      rule: ${v.rule}`);
  }
  if (c.over.length > 0) {
    L.push('', 'Downtime over budget (the written order keeps it):');
    for (const b of c.over) L.push(`  ${describeBreach(b)}`);
  }
  L.push('', `seed ${r.seed}, path ${JSON.stringify(r.path)}`);
  if (replayFile) L.push(`replay: preflight explore ${r.plan.file} --replay ${replayFile}`);
  return L.join('\n');
}

export function formatCoverageText(rows: readonly MachineCoverage[]): string {
  const L = ['Model coverage (states, transitions visited by the explored runs):'];
  for (const r of rows) {
    L.push(`  ${r.machine.padEnd(9)} states ${r.states.visited}/${r.states.total}, transitions ${r.transitions.visited}/${r.transitions.total}`);
    const missed = [...r.states.missed.map((s) => `state ${s}`), ...r.transitions.missed];
    if (missed.length) L.push(`            missed: ${missed.join('; ')}`);
  }
  return L.join('\n');
}
