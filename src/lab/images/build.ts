/**
 * Builds the lab's images on demand, each tagged by the content hash of its definition
 * (containers/<name>/) and of its parent image, so a rerun finds them by name and builds nothing.
 * Bases come from debootstrap + `docker import` (no registry is reachable).
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ReleaseName } from '../../scenarios/plan.ts';
import { LabError } from '../errors.ts';
import { capture, runLogged } from '../exec.ts';
import { contentHash } from './hash.ts';
import { debianMirror } from './mirror.ts';
import { INFRA_SUITE, suiteFor, type Suite } from './suites.ts';

export const CONTAINERS_DIR = resolve(import.meta.dirname, '../../../containers');
export const IMAGE_LABEL = 'preflight.lab.image';

export interface BuildOptions {
  /** Where build logs go. */
  logDir: string;
  /** Called once per image actually built, with its seconds. */
  onBuilt?: (tag: string, seconds: number) => void;
}

/** Builds in flight or done in this process, by tag: concurrent runs share one build. */
const pending = new Map<string, Promise<string>>();

export class ImageBuilder {
  constructor(private readonly options: BuildOptions) {
    mkdirSync(options.logDir, { recursive: true });
  }

  /** The root filesystem image of a Debian suite. */
  base(suite: Suite): Promise<string> {
    const mirror = debianMirror();
    const dir = join(CONTAINERS_DIR, 'base');
    const tag = `preflight-base:${suite}-${contentHash(dir, [suite, mirror])}`;
    return this.once(tag, (log) => runLogged(join(dir, 'build-base.sh'), [suite, tag, mirror], log, 600));
  }

  infra(): Promise<string> {
    return this.fromDir('infra', INFRA_SUITE, this.fromDir('nova-control', INFRA_SUITE, this.fromDir('nova-compute', INFRA_SUITE, this.base(INFRA_SUITE))));
  }

  haproxy(): Promise<string> {
    return this.fromDir('haproxy', INFRA_SUITE, this.base(INFRA_SUITE));
  }

  novaCompute(release: ReleaseName): Promise<string> {
    const suite = this.suite(release);
    return this.fromDir('nova-compute', suite, this.base(suite));
  }

  novaControl(release: ReleaseName): Promise<string> {
    return this.fromDir('nova-control', this.suite(release), this.novaCompute(release));
  }

  private suite(release: ReleaseName): Suite {
    const suite = suiteFor(release);
    if (!suite) throw new LabError('LAB-NO-IMAGE', `the lab has no Debian suite for release ${release}`);
    return suite;
  }

  private async fromDir(name: string, suite: Suite, parent: Promise<string>): Promise<string> {
    const parentTag = await parent;
    const dir = join(CONTAINERS_DIR, name);
    const tag = `preflight-${name}:${suite}-${contentHash(dir, [parentTag])}`;
    return this.once(tag, (log) =>
      runLogged('docker', ['build', '--network', 'host', '--label', `${IMAGE_LABEL}=${name}`,
        '--build-arg', `BASE=${parentTag}`, '-t', tag, dir], log, 900),
    );
  }

  private once(tag: string, build: (logFile: string) => Promise<void>): Promise<string> {
    let p = pending.get(tag);
    if (!p) {
      p = (async () => {
        if ((await capture('docker', ['image', 'inspect', '--format', '{{.Id}}', tag])).code === 0) return tag;
        const start = performance.now();
        await build(join(this.options.logDir, `build-${tag.replace(/[:/]/g, '_')}.log`));
        this.options.onBuilt?.(tag, Math.round((performance.now() - start) / 100) / 10);
        return tag;
      })();
      pending.set(tag, p);
      p.catch(() => pending.delete(tag)); // a failed build may be retried
    }
    return p;
  }
}
