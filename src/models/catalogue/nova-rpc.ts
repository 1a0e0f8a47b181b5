/**
 * Nova compute RPC rules, read from the catalogue's per-release facts:
 * what version a service sends (its release's alias, or less under an `[upgrade_levels]` cap)
 * and what a nova-compute of a given release accepts (its own major up to its server version,
 * plus the previous major through a compat proxy where the release kept one).
 */
import type { ReleaseName } from '../../scenarios/plan.ts';
import type { SourceRef } from '../../sim/result.ts';
import { FACTS, sourceRefs } from './facts.ts';
import { release, type Release } from './releases.ts';
import { compareRpc, formatRpcVersion, isRpcVersion, minRpc, parseRpcVersion, type ParsedVersion, type RpcVersion } from './rpc-version.ts';

export const NOVA_RPC_SOURCES: SourceRef[] = sourceRefs('nova-compute-rpcapi');

/** The compute RPC version a release's clients send by default. */
export function computeRpcLatest(rel: ReleaseName): ParsedVersion | undefined {
  const n = release(rel).raw.nova;
  const v = n.computeRpcAlias ?? n.computeRpcServerVersionAtTag;
  return v ? parseRpcVersion(v) : undefined;
}

/** Releases that introduced a compute RPC major version; their clients can still be pinned to the previous major. */
const MAJOR_BUMP_RELEASES = new Set<string>(
  (FACTS.services.nova.rpc.compute.majorBumps as { release: string | null }[])
    .map((b) => b.release)
    .filter((r): r is string => r !== null),
);

/**
 * Havana computes understand 3.0: the 'icehouse-compat' alias exists so Icehouse controllers can
 * talk to them (nova/compute/rpcapi.py docstring: "supported by both havana and icehouse").
 */
const EXTRA_ACCEPTED: Record<string, string[]> = { havana: ['3.0'] };

/** Does a nova-compute of release `receiver` accept a compute RPC message of version `v`? */
export function computeAccepts(receiver: ReleaseName, v: ParsedVersion): boolean {
  const n = release(receiver).raw.nova;
  const server = n.computeRpcServerVersionAtTag ? parseRpcVersion(n.computeRpcServerVersionAtTag) : undefined;
  if (server && v.major === server.major && v.minor <= server.minor) return true;
  const proxy = n.computeRpcCompatProxyAtTag ? parseRpcVersion(n.computeRpcCompatProxyAtTag.acceptsUpTo) : undefined;
  if (proxy && v.major === proxy.major && v.minor <= proxy.minor) return true;
  return (EXTRA_ACCEPTED[receiver] ?? []).some((x) => compareRpc(parseRpcVersion(x), v) === 0);
}

/** A cap value as written in `[upgrade_levels] compute`: absent, `auto`, a version, or a release alias. */
export type CapSetting =
  | { kind: 'none' }
  | { kind: 'auto' }
  | { kind: 'version'; version: ParsedVersion; text: string }
  | { kind: 'alias'; alias: string };

export function parseCapSetting(value: string | null | undefined): CapSetting {
  if (value === null || value === undefined || value.trim() === '') return { kind: 'none' };
  const v = value.trim();
  if (v.toLowerCase() === 'auto') return { kind: 'auto' };
  if (isRpcVersion(v)) return { kind: 'version', version: parseRpcVersion(v), text: v };
  return { kind: 'alias', alias: v.toLowerCase() };
}

/** The outcome of resolving a cap when a service (re)starts. */
export type ResolvedCap =
  | { ok: true; version: ParsedVersion; via: string }
  | { ok: false; reason: string };

/**
 * Resolve the compute cap a service of release `sender` sends with, as nova does at start-up.
 * `minComputeRelease` is the release of the oldest registered nova-compute (for `auto`).
 */
export function resolveComputeCap(sender: ReleaseName, setting: CapSetting, minComputeRelease: ReleaseName | undefined): ResolvedCap {
  const senderRel = release(sender);
  const latest = computeRpcLatest(sender);
  if (!latest) return { ok: false, reason: `no compute RPC version is recorded for ${sender}` };
  let wanted: ParsedVersion;
  let via: string;
  switch (setting.kind) {
    case 'none':
      return { ok: true, version: latest, via: 'no cap' };
    case 'auto': {
      if (!senderRel.raw.nova.upgradeLevelsComputeAutoAvailable) {
        return { ok: false, reason: `[upgrade_levels] compute = auto does not exist in ${sender} (added in Mitaka)` };
      }
      if (!minComputeRelease) return { ok: true, version: latest, via: 'auto, no computes registered' };
      if (release(minComputeRelease).index > senderRel.index) {
        return { ok: false, reason: `auto: the oldest compute (${minComputeRelease}) is newer than this ${sender} service knows (ServiceTooOld)` };
      }
      const min = computeRpcLatest(minComputeRelease);
      if (!min) return { ok: false, reason: `auto: no compute RPC version is recorded for ${minComputeRelease}` };
      wanted = min;
      via = `auto from the oldest compute (${minComputeRelease})`;
      break;
    }
    case 'version':
      wanted = setting.version;
      via = `cap ${setting.text}`;
      break;
    case 'alias': {
      const known = senderRel.raw.nova.computeRpcAliasesKnownAtTag;
      const v = known[setting.alias];
      if (!v) {
        return { ok: false, reason: `${sender} does not know the alias "${setting.alias}" (it knows: ${Object.keys(known).join(', ') || 'none'})` };
      }
      wanted = parseRpcVersion(v);
      via = `alias ${setting.alias} = ${v}`;
      break;
    }
  }
  const sent = minRpc(wanted, latest);
  if (sent.major === latest.major) return { ok: true, version: sent, via };
  if (sent.major === latest.major - 1 && MAJOR_BUMP_RELEASES.has(sender)) return { ok: true, version: sent, via };
  return { ok: false, reason: `${sender} cannot send compute RPC ${formatRpcVersion(sent)}: it only speaks ${latest.major}.x` };
}

export { formatRpcVersion, type RpcVersion };
