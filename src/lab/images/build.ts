/**
 * Builds the lab's images on demand, each tagged by the content hash of its definition
 * (containers/<name>/) and of its parent image, so a rerun finds them by name and builds nothing.
 * Bases come from mmdebstrap + `docker import` (no registry is reachable).
 *
 * Builds are CPU-bound (dpkg, byte-compiling): run all at once on two cores, each of the three
 * suites' chains crawled, and the chain every scenario needs first (trixie base → nova → infra)
 * finished last. So at most one build per core runs, and a waiting build of the infra suite (and
 * HAProxy) goes before the others: the first scenario can boot its cloud while the rest builds.
 */
import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import type { ReleaseName } from '../../scenarios/plan.ts';
import { LabError } from '../errors.ts';
import { capture, runLogged } from '../exec.ts';
import { hostMemoryInUseMiB, round1, type Say } from '../phase.ts';
import { contentHash } from './hash.ts';
import { debianMirror } from './mirror.ts';
import { INFRA_SUITE, suiteFor, type Suite } from './suites.ts';

export const CONTAINERS_DIR = resolve(import.meta.dirname, '../../../containers');
export const IMAGE_LABEL = 'preflight.lab.image';

export interface BuildOptions {
  /** Where build logs go. */
  logDir: string;
  /** Called once per image actually built, with its seconds and the host memory in use after it. */
  onBuilt?: (tag: string, seconds: number, memoryMiB: number) => void;
  /** Progress: each build's start and end (time, memory). */
  say?: Say;
}

/** Builds in flight or done in this process, by tag: concurrent runs share one build. */
const pending = new Map<string, Promise<string>>();

/**
 * At most `slots` builds at once; a freed slot goes to the waiting build with the lowest
 * priority number (then the earliest). A slot is handed on only after the current macrotask: the
 * builds that wait on the finished image (its children) enqueue first, so a finished base hands
 * its slot to its own chain rather than to whatever else happened to be waiting. Exported for
 * its test.
 */
export class BuildSlots {
  private running = 0;
  private readonly waiting: { priority: number; seq: number; go: () => void }[] = [];
  private seq = 0;
  constructor(readonly slots: number) {}

  async run<T>(priority: number, fn: () => Promise<T>): Promise<T> {
    if (this.running >= this.slots || this.waiting.length) {
      await new Promise<void>((go) => {
        this.waiting.push({ priority, seq: this.seq++, go });
        this.waiting.sort((a, b) => a.priority - b.priority || a.seq - b.seq);
      });
    } else this.running++;
    try {
      return await fn();
    } finally {
      setTimeout(() => {
        const next = this.waiting.shift();
        if (next) next.go(); // the slot passes on
        else this.running--;
      }, 0);
    }
  }
}

const slots = new BuildSlots(Math.max(1, availableParallelism()));

/** Lower goes first: the infra suite's chain and HAProxy, which every scenario needs. */
function priorityOf(suite: Suite): number {
  return suite === INFRA_SUITE ? 0 : 1;
}

export class ImageBuilder {
  constructor(private readonly options: BuildOptions) {
    mkdirSync(options.logDir, { recursive: true });
  }

  /** The root filesystem image of a Debian suite. */
  base(suite: Suite): Promise<string> {
    const mirror = debianMirror();
    const dir = join(CONTAINERS_DIR, 'base');
    const tag = `preflight-base:${suite}-${contentHash(dir, [suite, mirror])}`;
    return this.once(tag, priorityOf(suite), (log) => runLogged(join(dir, 'build-base.sh'), [suite, tag, mirror], log, 600));
  }

  infra(): Promise<string> {
    return this.fromDir('infra', INFRA_SUITE, this.novaOf(INFRA_SUITE));
  }

  haproxy(): Promise<string> {
    return this.fromDir('haproxy', INFRA_SUITE, this.base(INFRA_SUITE));
  }

  /** One image per release runs every nova service (api under uwsgi, conductor, scheduler, compute). */
  nova(release: ReleaseName): Promise<string> {
    const suite = suiteFor(release);
    if (!suite) return Promise.reject(new LabError('LAB-NO-IMAGE', `the lab has no Debian suite for release ${release}`));
    return this.novaOf(suite);
  }

  private novaOf(suite: Suite): Promise<string> {
    return this.fromDir('nova', suite, this.base(suite));
  }

  private async fromDir(name: string, suite: Suite, parent: Promise<string>): Promise<string> {
    const parentTag = await parent;
    const dir = join(CONTAINERS_DIR, name);
    const tag = `preflight-${name}:${suite}-${contentHash(dir, [parentTag])}`;
    return this.once(tag, priorityOf(suite), (log) =>
      runLogged('docker', ['build', '--network', 'host', '--label', `${IMAGE_LABEL}=${name}`,
        '--build-arg', `BASE=${parentTag}`, '-t', tag, dir], log, 900),
    );
  }

  private once(tag: string, priority: number, build: (logFile: string) => Promise<void>): Promise<string> {
    let p = pending.get(tag);
    if (!p) {
      // The slot is asked for at once (the order of requests is the order of priority ties);
      // a cached image holds it only for its `docker image inspect`.
      p = slots.run(priority, async () => {
        if (await exists(tag)) return tag;
        const start = performance.now();
        this.options.say?.(`▶ build ${tag}`);
        await build(join(this.options.logDir, `build-${tag.replace(/[:/]/g, '_')}.log`));
        const seconds = round1((performance.now() - start) / 1000);
        const memoryMiB = hostMemoryInUseMiB();
        this.options.say?.(`■ build ${tag}: ${seconds} s, host memory in use ${memoryMiB} MiB`);
        this.options.onBuilt?.(tag, seconds, memoryMiB);
        return tag;
      });
      pending.set(tag, p);
      p.catch(() => pending.delete(tag)); // a failed build may be retried
    }
    return p;
  }
}

async function exists(tag: string): Promise<boolean> {
  return (await capture('docker', ['image', 'inspect', '--format', '{{.Id}}', tag])).code === 0;
}
