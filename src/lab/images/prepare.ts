/**
 * Builds (or finds by content hash) every image a run needs, in parallel, and checks that each
 * nova image really holds the release it was built for: a suite that moved on is a refusal,
 * not a silently different experiment.
 */
import type { ReleaseName } from '../../scenarios/plan.ts';
import type { CloudImages, ReleaseImages } from '../cloud/cloud.ts';
import { LabError } from '../errors.ts';
import { ImageBuilder } from './build.ts';
import { describeImage } from './describe.ts';

export interface PreparedImages extends CloudImages {
  /** Image builds this run actually performed (cached ones are absent), with seconds. */
  built: { tag: string; seconds: number }[];
}

export async function prepareImages(
  releases: { release: ReleaseName; control: boolean; compute: boolean }[],
  logDir: string,
): Promise<PreparedImages> {
  const built: { tag: string; seconds: number }[] = [];
  const builder = new ImageBuilder({ logDir, onBuilt: (tag, seconds) => built.push({ tag, seconds }) });
  const nova = new Map<ReleaseName, ReleaseImages>();
  const [infra, haproxy] = await Promise.all([
    builder.infra(),
    builder.haproxy(),
    ...releases.map(async (r) => {
      const images: ReleaseImages = {};
      if (r.compute) images.compute = await describeImage(await builder.novaCompute(r.release));
      if (r.control) images.control = await describeImage(await builder.novaControl(r.release));
      for (const facts of Object.values(images)) {
        if (facts.release !== r.release) {
          throw new LabError('LAB-RELEASE', `image ${facts.image} was built for ${r.release} but holds nova ${facts.novaVersion} (${facts.release})`);
        }
      }
      nova.set(r.release, images);
    }),
  ]);
  return { infra: infra as string, haproxy: haproxy as string, nova, built };
}
