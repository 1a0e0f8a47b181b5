/**
 * Which release pairs are supported upgrades: adjacent releases, and SLURP to SLURP
 * (governance resolution 2022-02-10). Anything else is routed through intermediate releases.
 */
import type { ReleaseName } from '../../scenarios/plan.ts';
import type { SourceRef } from '../../sim/result.ts';
import { sourceRefs } from './facts.ts';
import { release, RELEASES, type Release } from './releases.ts';

export const UPGRADE_PATH_SOURCES: SourceRef[] = sourceRefs('governance-release-cadence', 'releases-series-status');

export type UpgradePath =
  | { supported: true; kind: 'same' | 'adjacent' | 'slurp' }
  | { supported: false; reason: string; route: ReleaseName[] };

/**
 * One hop is supported when the releases are adjacent, or consecutive SLURP releases (a SLURP
 * upgrade skips the one release between them; nova's oldest supported compute enforces it).
 */
export function isSupportedHop(from: Release, to: Release): boolean {
  if (to.index === from.index + 1) return true;
  if (!(to.index > from.index && from.slurp && to.slurp)) return false;
  return !RELEASES.slice(from.index + 1, to.index).some((r) => r.slurp);
}

/** The shortest supported route from→to (inclusive of both ends), preferring SLURP jumps. */
export function supportedRoute(from: ReleaseName, to: ReleaseName): ReleaseName[] {
  const a = release(from);
  const b = release(to);
  const route: Release[] = [a];
  let cur = a;
  while (cur.index < b.index) {
    // Furthest supported hop that does not overshoot.
    let next = RELEASES[cur.index + 1]!;
    for (let i = b.index; i > cur.index + 1; i--) {
      const cand = RELEASES[i]!;
      if (isSupportedHop(cur, cand)) {
        next = cand;
        break;
      }
    }
    route.push(next);
    cur = next;
  }
  return route.map((r) => r.name);
}

export function upgradePath(from: ReleaseName, to: ReleaseName): UpgradePath {
  const a = release(from);
  const b = release(to);
  if (a.index === b.index) return { supported: true, kind: 'same' };
  if (b.index < a.index) return { supported: false, reason: 'downgrades are not supported', route: [] };
  if (b.index === a.index + 1) return { supported: true, kind: 'adjacent' };
  if (isSupportedHop(a, b)) return { supported: true, kind: 'slurp' };
  const why = a.slurp && b.slurp
    ? 'a SLURP upgrade goes to the next SLURP release only'
    : a.slurp || b.slurp
      ? `${!a.slurp ? a.name : b.name} is not a SLURP release`
      : 'neither release is a SLURP release';
  return { supported: false, reason: `not adjacent and ${why}`, route: supportedRoute(from, to) };
}
