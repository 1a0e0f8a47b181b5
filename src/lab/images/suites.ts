/**
 * Which Debian suite to build a release's nova images from. This is only where to look: the
 * release an image really holds is resolved from its installed nova version (see describe.ts),
 * because suites move (LAB-NOTES "What Debian offers").
 */
import type { ReleaseName } from '../../scenarios/plan.ts';

export type Suite = 'bookworm' | 'trixie' | 'forky' | 'sid';

export const SUITE_FOR_RELEASE: Readonly<Record<string, Suite>> = {
  zed: 'bookworm',
  epoxy: 'trixie',
  gazpacho: 'forky',
  hibiscus: 'sid',
};

/** The suite of the shared services (keystone, glance, placement): forky has no glance-api. */
export const INFRA_SUITE: Suite = 'trixie';

export function suiteFor(release: ReleaseName): Suite | undefined {
  return SUITE_FOR_RELEASE[release];
}

/** Releases the lab can build nova images for, in the words a refusal uses. */
export function labReleases(): string[] {
  return Object.keys(SUITE_FOR_RELEASE);
}
