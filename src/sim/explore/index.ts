/** Exploration of orderings, faults and timings (`preflight explore`). */
export { explore, replayExplore, type Counterexample, type ExploreOptions, type ExploreResult } from './explore.ts';
export { breaches, describeBreach, type BudgetBreach, type Budgets } from './budget.ts';
export { FAULT_KINDS, FAULTS, parseFaultList, type FaultKind } from './faults.ts';
export { Coverage, GRAPHS, machineGraph, type MachineCoverage } from './coverage.ts';
export { readReplay, toReplay, type ReplayFile } from './replay.ts';
export { formatCoverageText, formatExploreText } from './format.ts';
export { syntheticPairs, syntheticPlan, syntheticPlanText, type SyntheticShape } from './synthetic.ts';
