/**
 * Builds (or finds by content hash) every image a run needs, in parallel, and checks that each
 * nova image really holds the release it was built for: a suite that moved on is a refusal,
 * not a silently different experiment.
 */
import type { ReleaseName } from '../../scenarios/plan.ts';
import type { CloudImages, ReleaseImages } from '../cloud/cloud.ts';
import { LabError } from '../errors.ts';
import type { Say } from '../phase.ts';
import { ImageBuilder } from './build.ts';
import { describeImage } from './describe.ts';

export interface PreparedImages extends CloudImages {
  /** Image builds this run actually performed (cached ones are absent), with seconds and host memory after. */
  built: { tag: string; seconds: number; memoryMiB: number }[];
}

export async function prepareImages(
  releases: { release: ReleaseName; control: boolean; compute: boolean }[],
  logDir: string,
  say?: Say,
): Promise<PreparedImages> {
  const built: PreparedImages['built'] = [];
  const builder = new ImageBuilder({ logDir, onBuilt: (tag, seconds, memoryMiB) => built.push({ tag, seconds, memoryMiB }), ...(say ? { say } : {}) });
  const nova = new Map<ReleaseName, ReleaseImages>();
  const [infra, haproxy] = await Promise.all([
    builder.infra(),
    builder.haproxy(),
    ...releases.map(async (r) => {
      // One image serves every nova service of a release.
      const facts = await describeImage(await builder.nova(r.release));
      if (facts.release !== r.release) {
        throw new LabError('LAB-RELEASE', `image ${facts.image} was built for ${r.release} but holds nova ${facts.novaVersion} (${facts.release})`);
      }
      nova.set(r.release, { ...(r.compute ? { compute: facts } : {}), ...(r.control ? { control: facts } : {}) });
    }),
  ]);
  return { infra: infra as string, haproxy: haproxy as string, nova, built };
}
