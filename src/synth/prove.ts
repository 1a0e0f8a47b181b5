/** The proof the issue asks for: every hop's plan checked (already, in the search) and explored. */
import { explore, FAULT_KINDS, type ExploreResult, type FaultKind } from '../sim/explore/index.ts';
import type { Hop } from './types.ts';

export interface Proof {
  hop: string;
  check: 'pass' | 'fail';
  explore?: ExploreResult;
}

export function prove(hops: readonly Hop[], runs: number, seed: number, faults: readonly FaultKind[] = FAULT_KINDS): Proof[] {
  return hops.map((h) => ({
    hop: `${h.from} → ${h.to}`,
    check: h.check.verdict,
    ...(runs > 0 ? { explore: explore(h.plan, { runs, seed, faults }) } : {}),
  }));
}

export function proven(proofs: readonly Proof[]): boolean {
  return proofs.every((p) => p.check === 'pass' && (!p.explore || p.explore.status === 'ok'));
}
