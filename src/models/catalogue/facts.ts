/**
 * The raw release facts, copied from the team's catalogue (shared/openstack-facts). Every value
 * there carries a source id; `sourceRef` turns an id into the link a verdict cites. Nothing here
 * interprets the facts (see releases.ts and the rule modules); the one change made to them is a
 * correction the lab found, with its evidence.
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

export const FACTS: RawFacts = applyLabCorrections(require('./openstack-upgrade-facts.json') as RawFacts);

/**
 * What the lab found against the copied facts, with its evidence. The facts read 2026.2 from nova
 * master (2026-08-21, before its release); the released nova 34.0.0, as Debian sid ships it
 * (python3-nova 2:34.0.0-4), has SERVICE_VERSION 74 ('Hibiscus': 74) and the compute RPC alias
 * 'hibiscus': '6.5', and its services log "minimum service version 74" (preflight lab).
 */
function applyLabCorrections(facts: RawFacts): RawFacts {
  const source: RawSource = {
    id: 'lab-debian-nova-34',
    repo: 'debian python3-nova 2:34.0.0-4',
    path: 'nova/objects/service.py, nova/compute/rpcapi.py',
    commit: '2:34.0.0-4',
    url: 'https://packages.debian.org/sid/python3-nova',
    note: 'Read in the lab image: SERVICE_VERSION = 74, SERVICE_VERSION_ALIASES Hibiscus 74, VERSION_ALIASES hibiscus 6.5; logged "Automatically selected compute RPC version 6.5 from minimum service version 74".',
  };
  const hibiscus = facts.releases.find((r) => r.name.toLowerCase() === 'hibiscus');
  if (!hibiscus || hibiscus.projectVersions.nova) return facts;
  hibiscus.projectVersions.nova = '34.0.0';
  hibiscus.nova.serviceVersionAtTag = 74;
  hibiscus.nova.computeRpcAlias = '6.5';
  hibiscus.nova.computeRpcAliasesKnownAtTag = { ...hibiscus.nova.computeRpcAliasesKnownAtTag, hibiscus: '6.5' };
  hibiscus.sourceIds.push(source.id);
  facts.sources.push(source);
  return facts;
}

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
