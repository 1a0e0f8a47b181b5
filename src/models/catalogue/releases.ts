/**
 * Releases Grizzly → Indri, ordered, with the nova facts read at each release's tag.
 * A release is accepted by codename ("epoxy") or series id ("2025.1"), case-insensitively.
 */
import type { ReleaseName } from '../../scenarios/plan.ts';
import { FACTS, type RawRelease } from './facts.ts';

export interface Release {
  name: ReleaseName;
  /** "2025.1" from Antelope on; the codename before. */
  series: string;
  /** Position in the release order, Grizzly = 0. */
  index: number;
  slurp: boolean;
  /** "maintained", "end of life", "development", "future", ... */
  status: string;
  raw: RawRelease;
}

export const RELEASES: readonly Release[] = FACTS.releases.map((raw, index) => ({
  name: raw.name.toLowerCase() as ReleaseName,
  series: raw.series,
  index,
  slurp: raw.slurp,
  status: raw.status,
  raw,
}));

const BY_KEY = new Map<string, Release>();
for (const r of RELEASES) {
  BY_KEY.set(r.name, r);
  BY_KEY.set(r.series.toLowerCase(), r);
}

/** The release named by a codename or series id, or undefined. */
export function findRelease(nameOrSeries: string): Release | undefined {
  return BY_KEY.get(nameOrSeries.trim().toLowerCase());
}

/** The release for a name already validated at the boundary. */
export function release(name: ReleaseName | string): Release {
  const r = BY_KEY.get(name) ?? findRelease(name);
  if (!r) throw new Error(`catalogue: unknown release ${name}`);
  return r;
}

/** Every accepted spelling, for "did you mean" hints. */
export function releaseKeys(): string[] {
  return [...BY_KEY.keys()];
}

/** "Epoxy (2025.1)" or "Icehouse". */
export function displayRelease(r: Release | ReleaseName): string {
  const rel = typeof r === 'string' ? release(r) : r;
  const name = rel.name.charAt(0).toUpperCase() + rel.name.slice(1);
  return rel.series === rel.name ? name : `${name} (${rel.series})`;
}

export function compareReleases(a: ReleaseName, b: ReleaseName): number {
  return release(a).index - release(b).index;
}

export function releaseAt(index: number): Release | undefined {
  return RELEASES[index];
}
