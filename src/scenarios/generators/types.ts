/**
 * What a scenario generator is: a documented upgrade procedure turned into a pure function from an
 * inventory's topology and a release pair to a plan an operator can read, edit and check.
 */
import type { Plan, ReleaseName, Topology } from '../plan.ts';

export const SCENARIOS = ['all-at-once', 'service-by-service', 'parallel-compute', 'live-compute', 'ha-rolling'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface ScenarioOptions {
  /** How instances leave a compute before it is upgraded (live-compute, ha-rolling). Default: none. */
  migrate?: 'none' | 'live' | 'cold';
  /** Generate a plan even for a pair that is not a supported upgrade (it then fails UPGRADE_PATH). */
  allowUnsupported?: boolean;
  /** The plan's name; default: "<From> to <To>, <scenario title>". */
  name?: string;
}

export type Generator = (topology: Topology, from: ReleaseName, to: ReleaseName, options: ScenarioOptions) => Plan;

/**
 * Why a scenario cannot be generated: the pair is no supported upgrade, the topology does not fit
 * the procedure, or the catalogue lacks facts the procedure needs for the pair (a future series).
 */
export type RefusalCode = 'UNSUPPORTED_ROUTE' | 'TOPOLOGY' | 'CATALOGUE';

/** Thrown by generators for inputs the procedure cannot serve; `generateScenario` turns it into data. */
export class ScenarioRefusal extends Error {
  override readonly name = 'ScenarioRefusal';
  constructor(
    readonly code: RefusalCode,
    message: string,
    /** The supported route to take instead, for UNSUPPORTED_ROUTE. */
    readonly route: ReleaseName[] = [],
  ) {
    super(message);
  }
}
