/**
 * The raw release facts, copied from the team's catalogue (shared/openstack-facts) by
 * `npm run facts:sync`. Every value there carries a source id; `sourceRef` turns an id into
 * the link a verdict cites. Nothing here interprets the facts: see releases.ts and rules/.
 */
import { createRequire } from 'node:module';
import type { SourceRef } from '../../sim/result.ts';

const require = createRequire(import.meta.url);

export interface RawNovaRelease {
  releaseTag: string | null;
  computeRpcAlias: string | null;
  computeRpcAliasRemoved: string | null;
  conductorRpcAlias: string | null;
  schedulerRpcAlias: string | null;
  computeRpcServerVersionAtTag: string | null;
  computeRpcCompatProxyAtTag: { class: string; acceptsUpTo: string } | null;
  serviceVersionAtTag: number | null;
  oldestSupportedComputeAtTag: { release: string; minServiceVersion: number } | null;
  upgradeLevelsKeysAtTag: string[];
  computeRpcAliasesKnownAtTag: Record<string, string>;
  upgradeLevelsComputeAutoAvailable: boolean;
  refusesToStartWithTooOldCompute: boolean;
  maxComputeReleaseSkewEnforced: number | null;
}

export interface RawRelease {
  name: string;
  series: string;
  releaseId: string | null;
  slurp: boolean;
  status: string;
  initialRelease: string | null;
  projectVersions: Record<string, string | null>;
  sourceIds: string[];
  nova: RawNovaRelease;
  features: {
    nova: Record<string, boolean>;
    keystone: Record<string, boolean>;
    glance: Record<string, boolean>;
    neutron: Record<string, boolean>;
    cinder: Record<string, boolean>;
    placement: Record<string, boolean>;
  };
}

interface RawSource {
  id: string;
  repo: string;
  path: string;
  commit: string;
  url: string;
  note?: string;
}

export interface RawFacts {
  meta: unknown;
  releases: RawRelease[];
  services: Record<string, any>;
  sources: RawSource[];
}

export const FACTS: RawFacts = require('./openstack-upgrade-facts.json') as RawFacts;

const SOURCES = new Map(FACTS.sources.map((s) => [s.id, s]));

/** The citation for a source id of the catalogue. Unknown ids are a programming error. */
export function sourceRef(id: string): SourceRef {
  const s = SOURCES.get(id);
  if (!s) throw new Error(`catalogue: unknown source id ${id}`);
  return { id, url: s.url, ...(s.note ? { note: s.note } : {}) };
}

export function sourceRefs(...ids: string[]): SourceRef[] {
  return ids.map(sourceRef);
}
