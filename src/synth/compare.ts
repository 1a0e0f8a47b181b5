/**
 * The synthesized plan against the hand-written scenario generators, for the same topology and
 * pair: each generator's plan is checked, the best passing one on the objective is the bar, and
 * the summary says measure by measure where the synthesized plan is better or worse.
 */
import { generateScenario, SCENARIOS } from '../scenarios/generators/index.ts';
import type { ReleaseName, Topology } from '../scenarios/plan.ts';
import { checkPlan } from '../sim/check.ts';
import { compare, costOf, predictedOf } from './cost.ts';
import type { Comparison, GeneratorFigure, Objective, Predicted } from './types.ts';

const MEASURES: { key: keyof Predicted; name: string; unit: string }[] = [
  { key: 'instanceSeconds', name: 'instance downtime', unit: 'instance-s' },
  { key: 'apiServiceSeconds', name: 'API downtime summed over services', unit: 's' },
  { key: 'apiSeconds', name: 'time with any API down', unit: 's' },
  { key: 'steps', name: 'steps', unit: '' },
  { key: 'durationSeconds', name: 'estimated duration', unit: 's' },
];

/** How many leading cost components are the objective's own measures. */
const PRIMARY: Record<Objective, number> = { downtime: 3, steps: 1, duration: 1 };

export function compareWithGenerators(topo: Topology, from: ReleaseName, to: ReleaseName, mine: Predicted, objective: Objective): Comparison {
  const generators: GeneratorFigure[] = SCENARIOS.map((scenario) => {
    const g = generateScenario(scenario, topo, from, to);
    if (!g.ok) return { scenario, verdict: 'refused', note: g.message };
    const r = checkPlan(g.plan);
    return { scenario, verdict: r.verdict, predicted: predictedOf(r, g.plan.steps.length) };
  });
  const n = PRIMARY[objective];
  const passing = generators.filter((g) => g.verdict === 'pass' && g.predicted);
  passing.sort((a, b) => compare(costOf(a.predicted!, objective), costOf(b.predicted!, objective)));
  const best = passing[0];
  if (!best) return { generators, noWorse: true, summary: ['no generator produces a passing plan for this topology and pair'] };
  const bp = best.predicted!;
  const noWorse = compare(costOf(mine, objective).slice(0, n), costOf(bp, objective).slice(0, n)) <= 0;
  const summary = MEASURES.flatMap((m) => {
    const a = mine[m.key] as number;
    const b = bp[m.key] as number;
    if (a === b) return [];
    const unit = m.unit ? ` ${m.unit}` : '';
    return [`${m.name}: ${a}${unit} against ${b}${unit} for ${best.scenario} (${a < b ? `${b - a}${unit} less` : `${a - b}${unit} more`})`];
  });
  if (summary.length === 0) summary.push(`equal to ${best.scenario} on every measure`);
  return { generators, best: best.scenario, noWorse, summary };
}
