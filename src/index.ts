/** preflight's programmatic API. */
export { parsePlan } from './scenarios/parse.ts';
export { loadPlanFile } from './scenarios/load.ts';
export { serializePlan } from './scenarios/serialize.ts';
export { checkPlan, type CheckOptions } from './sim/check.ts';
export { generateScenario, GENERATORS, SCENARIOS, type ScenarioName, type ScenarioOptions } from './scenarios/generators/index.ts';
export { loadInventory, parseInventory } from './scenarios/inventory/index.ts';
export { writtenOrder, type LeafStep } from './sim/sequence.ts';
export { compatibilityMatrix } from './models/catalogue/compat.ts';
export { findRelease, RELEASES } from './models/catalogue/releases.ts';
export { upgradePath, supportedRoute } from './models/catalogue/upgrade-path.ts';
export { MACHINES } from './models/machines/index.ts';
export type * from './scenarios/plan.ts';
export type * from './sim/result.ts';
