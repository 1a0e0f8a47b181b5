/**
 * What a built nova image really holds. The release comes from the installed python3-nova
 * version matched against the catalogue's nova release tags (major version), never from the
 * suite's name: Debian suites move between releases.
 */
import { RELEASES } from '../../models/catalogue/releases.ts';
import type { ReleaseName } from '../../scenarios/plan.ts';
import { LabError } from '../errors.ts';
import { capture } from '../exec.ts';

export interface ImageFacts {
  image: string;
  release: ReleaseName;
  novaVersion: string;
  fakeDriver: string;
  packages: Record<string, string>;
  /** The lab's patches to Debian's code that applied in this image (containers/nova/bin/patch-reply-poll). */
  patches: string[];
}

/** "2:31.0.0-6+deb13u3" → the release whose nova tag has major 31. */
export function releaseOfNovaVersion(debVersion: string): ReleaseName | undefined {
  const upstream = debVersion.replace(/^\d+:/, '');
  const major = upstream.split('.')[0] ?? '';
  const hit = RELEASES.find((r) => r.raw.projectVersions.nova?.split('.')[0] === major);
  return hit?.name;
}

export async function describeImage(image: string): Promise<ImageFacts> {
  const { code, out } = await capture('docker', ['run', '--rm', '--network', 'none', '--entrypoint', 'cat', image, '/etc/preflight-image.json']);
  if (code !== 0) throw new LabError('LAB-IMAGE', `cannot read /etc/preflight-image.json from ${image}: ${out.trim()}`);
  const raw = JSON.parse(out) as { fakeDriver: string; packages: Record<string, string>; patches?: string[] };
  const novaVersion = raw.packages['python3-nova'] ?? '';
  const release = releaseOfNovaVersion(novaVersion);
  if (!release) throw new LabError('LAB-IMAGE', `${image}: nova ${novaVersion || '(none)'} matches no release of the catalogue`);
  return { image, release, novaVersion, fakeDriver: raw.fakeDriver, packages: raw.packages, patches: raw.patches ?? [] };
}
