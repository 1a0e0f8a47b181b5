/**
 * The scenario library: each documented upgrade procedure as a generator, and `generateScenario`,
 * which refuses an unsupported release pair with the route to take instead.
 */
import { displayRelease } from '../../models/catalogue/releases.ts';
import { upgradePath } from '../../models/catalogue/upgrade-path.ts';
import type { Plan, ReleaseName, Topology } from '../plan.ts';
import { allAtOnce } from './all-at-once.ts';
import { haRolling } from './ha-rolling.ts';
import { liveCompute } from './live-compute.ts';
import { parallelCompute } from './parallel-compute.ts';
import { serviceByService } from './service-by-service.ts';
import { ScenarioRefusal, SCENARIOS, type Generator, type RefusalCode, type ScenarioName, type ScenarioOptions } from './types.ts';

export { SCENARIOS, ScenarioRefusal, type Generator, type RefusalCode, type ScenarioName, type ScenarioOptions };

export const GENERATORS: Record<ScenarioName, Generator> = {
  'all-at-once': allAtOnce,
  'service-by-service': serviceByService,
  'parallel-compute': parallelCompute,
  'live-compute': liveCompute,
  'ha-rolling': haRolling,
};

/** One line per scenario, for help texts. */
export const SCENARIO_SUMMARIES: Record<ScenarioName, string> = {
  'all-at-once': 'stop everything, upgrade, sync databases, start (API and instance downtime accepted)',
  'service-by-service': 'one project at a time; nova APIs and computes interrupted',
  'parallel-compute': 'a new nova environment on its own database; instances redeployed; old computes redeployed into it',
  'live-compute': 'controllers under an [upgrade_levels] cap, then computes one by one; cap lifted at the end',
  'ha-rolling': 'three or more controllers behind haproxy, node by node per project, nova under compute=auto',
};

export function isScenarioName(name: string): name is ScenarioName {
  return (SCENARIOS as readonly string[]).includes(name);
}

export type GenerateResult =
  | { ok: true; plan: Plan }
  | { ok: false; code: RefusalCode; message: string; route: ReleaseName[] };

export function generateScenario(name: ScenarioName, topology: Topology, from: ReleaseName, to: ReleaseName, options: ScenarioOptions = {}): GenerateResult {
  const path = upgradePath(from, to);
  if (!path.supported && !options.allowUnsupported) {
    const route = path.route;
    const via = route.length > 0 ? `; upgrade ${route.map((r) => displayRelease(r)).join(' → ')}, one plan per hop` : '';
    return { ok: false, code: 'UNSUPPORTED_ROUTE', message: `${displayRelease(from)} → ${displayRelease(to)} is not a supported upgrade (${path.reason})${via}`, route };
  }
  try {
    return { ok: true, plan: GENERATORS[name](topology, from, to, options) };
  } catch (err) {
    if (err instanceof ScenarioRefusal) return { ok: false, code: err.code, message: err.message, route: err.route };
    throw err;
  }
}
