/**
 * How far apart nova services may be. Service versions and the oldest supported compute are read
 * at each release's tag; before Wallaby nothing enforced it and the upgrade guide says only one
 * release apart (N-2 between SLURP releases from 2023.1 on).
 */
import type { ReleaseName } from '../../scenarios/plan.ts';
import type { SourceRef } from '../../sim/result.ts';
import { sourceRefs } from './facts.ts';
import { findRelease, release, RELEASES } from './releases.ts';

export const SKEW_SOURCES: SourceRef[] = sourceRefs('nova-doc-upgrades', 'nova-objects-service', 'nova-utils');
export const SERVICE_TOO_OLD_SOURCES: SourceRef[] = sourceRefs('nova-objects-service', 'nova-commit-service-too-old');

/** Nova's SERVICE_VERSION at the release's tag; undefined before Liberty. */
export function serviceVersion(rel: ReleaseName): number | undefined {
  return release(rel).raw.nova.serviceVersionAtTag ?? undefined;
}

/** The oldest compute release a control service of `control` supports, and whether it refuses to start below it. */
export function oldestSupportedCompute(control: ReleaseName): { oldest: ReleaseName; enforced: boolean; sourceNote: string } {
  const rel = release(control);
  const atTag = rel.raw.nova.oldestSupportedComputeAtTag;
  if (atTag) {
    const oldest = findRelease(atTag.release);
    if (oldest) {
      return {
        oldest: oldest.name,
        enforced: rel.raw.nova.refusesToStartWithTooOldCompute,
        sourceNote: `OLDEST_SUPPORTED_SERVICE_VERSION = ${atTag.release} (${atTag.minServiceVersion}) at ${rel.raw.nova.releaseTag}`,
      };
    }
  }
  // Before Wallaby: documented N-1, not enforced by code.
  const prev = RELEASES[Math.max(0, rel.index - 1)]!;
  return { oldest: prev.name, enforced: false, sourceNote: 'upgrade guide: only one release apart before 2023.1' };
}

/**
 * Is a nova-compute of `compute` supported under control services of `control`? Where nova
 * enforces it, as nova does: the compute's service version against OLDEST_SUPPORTED_SERVICE_VERSION
 * (an Antelope compute, v66, passes a Caracal minimum, also v66). Otherwise by release order.
 */
export function computeSupported(control: ReleaseName, compute: ReleaseName): boolean {
  const min = release(control).raw.nova.oldestSupportedComputeAtTag?.minServiceVersion;
  const mine = serviceVersion(compute);
  if (typeof min === 'number' && mine !== undefined) return mine >= min;
  return release(compute).index >= release(oldestSupportedCompute(control).oldest).index;
}

/** Does nova of this release refuse to (re)register a service older than the minimum of its binary? (Mitaka+) */
export function hasServiceTooOldCheck(rel: ReleaseName): boolean {
  return release(rel).raw.features.nova['serviceTooOldCheck'] === true;
}
