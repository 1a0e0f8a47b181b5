/** The search's vocabulary: groups of services, the procedures that could upgrade each, the state choices leave. */
import type { ReleaseName, Topology } from '../../scenarios/plan.ts';
import type { Block } from '../blocks.ts';

/** What earlier choices fix for later groups: the `[upgrade_levels] compute` cap nova runs under. */
export interface SearchState {
  /** undefined: nova's control plane not done yet; null: no cap set. */
  cap?: string | null;
}

export interface Procedure {
  id: string;
  render(state: SearchState): Block[];
  sets?: SearchState;
  /** Other groups this procedure also completes. */
  covers?: string[];
}

export interface Group {
  id: string;
  procedures(state: SearchState): Procedure[];
  /** Groups that must be done first: a project's finishing work follows the project. */
  after?: string[];
  /** Its procedures depend on the search state (nova's finish on the cap). */
  readsState?: boolean;
}

export interface HopCtx {
  topo: Topology;
  from: ReleaseName;
  to: ReleaseName;
}


/** "keystone" → "Keystone", for labels. */
export const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
