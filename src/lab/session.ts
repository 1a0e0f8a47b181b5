/**
 * A lab session owns one run id, hence one set of labelled containers, and may carry a cloud from
 * one plan to the next when the cloud's state is exactly the next plan's starting topology
 * (releases installed and running, backends in rotation, instances ACTIVE, computes enabled,
 * nova.conf as generated). Booting a cloud costs minutes on two cores; comparing state costs
 * a second. Anything that differs means a fresh cloud.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bootstrapCloud, type Booted } from './bootstrap.ts';
import { LabCloud } from './cloud/cloud.ts';
import { novaConf } from './cloud/nova-conf.ts';
import { isComputeOnly } from './cloud/services.ts';
import { LabDocker } from './docker.ts';
import type { PreparedImages } from './images/prepare.ts';
import type { Layout } from './layout.ts';
import type { PhaseRecord, Say } from './phase.ts';

export class LabSession implements AsyncDisposable {
  readonly runId = `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
  readonly docker = new LabDocker(this.runId);
  readonly runDir: string;
  private current: { cloud: LabCloud; booted: Booted; frontends: string } | undefined;
  private clouds = 0;

  constructor(runsDir = '.lab-runs') {
    this.runDir = resolve(runsDir, this.runId);
    mkdirSync(this.runDir, { recursive: true });
  }

  /** A cloud in the plan's starting state: the current one if it matches, else a fresh one. */
  async cloudFor(layout: Layout, images: PreparedImages, phases: PhaseRecord[], say: Say): Promise<{ cloud: LabCloud; booted: Booted; reused: boolean }> {
    if (this.current) {
      const mismatch = await this.mismatch(layout);
      if (!mismatch) {
        for (const [r, imgs] of images.nova) this.current.cloud.images.nova.set(r, imgs);
        say('reusing the session\'s cloud: its state is the plan\'s starting state');
        return { ...this.current, reused: true };
      }
      say(`fresh cloud: the session's cloud differs from the plan's start (${mismatch})`);
      await this.current.cloud.saveLogs();
      this.current = undefined;
    }
    // Whatever a failed or replaced cloud left behind goes first (by the run's label).
    await this.docker.cleanup();
    const dir = join(this.runDir, `cloud-${++this.clouds}`);
    const cloud = new LabCloud(this.docker, dir, images);
    const booted = await bootstrapCloud(cloud, layout, phases, say);
    this.current = { cloud, booted, frontends: frontendKey(layout) };
    return { cloud, booted, reused: false };
  }

  /** Why the current cloud is not the plan's starting state, or undefined when it is. */
  private async mismatch(layout: Layout): Promise<string | undefined> {
    const cur = this.current;
    if (!cur) return 'no cloud';
    const { cloud, booted } = cur;
    if (cur.frontends !== frontendKey(layout)) return 'load balancers differ';
    const wanted = new Set(layout.nodes.filter((n) => n.services.length).map((n) => n.name));
    const rows = await cloud.serviceRows();
    for (const node of [...cloud.nodes.values()]) {
      if (wanted.has(node.name)) continue;
      // A node nothing runs on and nova never registered is as good as absent.
      const running = await Promise.all(node.services.map((s) => cloud.running(node.name, s)));
      if (running.some(Boolean) || rows.some((r) => r.host === node.name)) return `extra node ${node.name}`;
      for (const s of node.services) await cloud.retire(node.name, s);
      cloud.nodes.delete(node.name);
    }
    for (const n of layout.nodes.filter((x) => x.services.length)) {
      const have = cloud.nodes.get(n.name);
      if (!have || have.services.join() !== n.services.join()) return `node ${n.name} differs`;
      for (const s of n.services) {
        if (have.release.get(s) !== n.release || have.installed.get(s) !== n.release) return `${n.name}/${s} is not on ${n.release}`;
        if (!(await cloud.running(n.name, s))) return `${n.name}/${s} is not running`;
      }
      const conf = novaConf({ host: n.name, fakeDriver: cloud.facts(n.release, n.role === 'compute' ? 'compute' : 'control').fakeDriver, computeOnly: isComputeOnly(n.services) });
      if (readFileSync(cloud.configPath(n.name), 'utf8') !== conf) return `${n.name} nova.conf was edited`;
    }
    for (const f of layout.frontends) {
      // A backend that was just started is back in rotation after two health checks.
      const up = await cloud.waitLbUp(f.name, f.backends, 20).then(() => true, () => false);
      const servers = await cloud.lbServers(f.name);
      if (!up || servers.some((s) => s.admin !== 0)) return `frontend ${f.name} has a backend out of rotation`;
    }
    const computes = await booted.client.services('nova-compute');
    if (computes.some((c) => c.status !== 'enabled')) return 'a compute is disabled';
    const servers = await booted.client.servers();
    for (const i of layout.instances) {
      const s = servers.find((x) => x.name === i.name);
      if (!s || s.status !== 'ACTIVE' || s['OS-EXT-SRV-ATTR:host'] !== i.host) return `instance ${i.name} is not ACTIVE on ${i.host}`;
    }
    return undefined;
  }

  async close(): Promise<{ containers: number; networks: number; volumes: number }> {
    await this.current?.cloud.saveLogs().catch(() => {});
    this.current = undefined;
    return this.docker.cleanup();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}

function frontendKey(layout: Layout): string {
  return JSON.stringify(layout.frontends);
}
