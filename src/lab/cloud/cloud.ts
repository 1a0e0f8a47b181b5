/**
 * One run's cloud: the shared infra container, HAProxy, and one container per nova service per
 * node, all on the run's own network and all labelled with the run id. Node state that must
 * survive an upgrade lives outside the containers: nova.conf in the run directory (bind-mounted)
 * and /var/lib/nova (the compute's node identity) in a labelled volume.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NodeRole, ReleaseName } from '../../scenarios/plan.ts';
import { LabDocker, withLimit } from '../docker.ts';
import { REFUSAL_KINDS, scanLog } from '../evidence.ts';
import { LabError } from '../errors.ts';
import { lastLines } from '../exec.ts';
import type { ImageFacts } from '../images/describe.ts';
import { HAPROXY_SOCKET, haproxyCfg, type LbFrontend } from './haproxy-cfg.ts';
import { setIniKey } from './ini.ts';
import { novaConf } from './nova-conf.ts';
import { hasServiceRow, isComputeOnly, type LabService, shortName } from './services.ts';

export interface ReleaseImages {
  control?: ImageFacts;
  compute?: ImageFacts;
}

export interface CloudImages {
  infra: string;
  haproxy: string;
  nova: Map<ReleaseName, ReleaseImages>;
}

export interface LabNode {
  name: string;
  role: NodeRole;
  services: LabService[];
  /** Release of each service's current container (the code that runs, or ran last). */
  release: Map<LabService, ReleaseName>;
  /**
   * Release installed for each service. `upgrade` only installs (as in the model: only a start
   * loads new code), so the container is replaced by one of this release at its next start.
   */
  installed: Map<LabService, ReleaseName>;
}

export type Readiness = { ok: true; seconds: number } | { ok: false; seconds: number; reason: string; logTail: string };

export interface ServiceRowState {
  binary: string;
  host: string;
  version: number;
  /** Unix seconds of the last report. */
  reportedAt: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class LabCloud {
  readonly network: string;
  readonly nodes = new Map<string, LabNode>();
  imageId = '';
  keystonePort = 0;
  novaPort = 0;
  /** Log files of containers that were replaced or removed (under runDir/logs), kept as evidence. */
  readonly savedLogs: string[] = [];
  private retired = 0;

  constructor(
    readonly docker: LabDocker,
    readonly runDir: string,
    readonly images: CloudImages,
  ) {
    this.network = `pf-${docker.runId}`;
    mkdirSync(join(runDir, 'nodes'), { recursive: true });
  }

  containerName(node: string, service: LabService | 'infra' | 'lb'): string {
    return service === 'infra' || service === 'lb' ? `pf-${this.docker.runId}-${service}` : `pf-${this.docker.runId}-${node}-${shortName(service)}`;
  }

  async createNetwork(): Promise<void> {
    await this.docker.createNetwork(this.network);
  }

  /**
   * Starts the shared services. Resolves once the database is usable; `infraReady` resolves when
   * keystone, glance and placement are (the catalog and test image exist), so that nova's schema
   * sync can overlap the rest of the infra start.
   */
  async startInfra(limitSeconds = 240): Promise<{ infraReady: Promise<void> }> {
    const name = this.containerName('', 'infra');
    await this.docker.run({ name, image: this.images.infra, network: this.network, aliases: ['infra'], labels: { 'preflight.lab.role': 'infra' } });
    await this.waitForLog(name, /PREFLIGHT-DB-READY/, limitSeconds);
    const infraReady = this.waitForLog(name, /PREFLIGHT-INFRA-READY image=(\S+)/, limitSeconds).then((line) => {
      this.imageId = line[1] ?? '';
    });
    infraReady.catch(() => {}); // awaited by the caller; this only keeps Node from calling it unhandled
    return { infraReady };
  }

  async startLb(frontends: LbFrontend[]): Promise<void> {
    const cfg = join(this.runDir, 'haproxy.cfg');
    const all = [{ name: 'keystone', port: 5000, healthPath: '/v3', backends: [{ server: 'infra', address: 'infra', port: 5000 }] }, ...frontends];
    writeFileSync(cfg, haproxyCfg(all));
    const name = this.containerName('', 'lb');
    const publish: Record<number, number> = {};
    for (const fe of all) publish[fe.port] = 0;
    await this.docker.run({
      name, image: this.images.haproxy, network: this.network, aliases: ['lb'], publish,
      binds: [`${cfg}:/etc/haproxy/haproxy.cfg:ro`], labels: { 'preflight.lab.role': 'lb' },
    });
    const st = await this.docker.state(name);
    this.keystonePort = Number(st.ports['5000/tcp']);
    this.novaPort = Number(st.ports['8774/tcp'] ?? 0);
  }

  /** A runtime API command on HAProxy's admin socket (drain, ready, show servers state). */
  async haproxy(command: string): Promise<string> {
    const r = await this.docker.exec(this.containerName('', 'lb'), ['sh', '-c', `echo "${command}" | socat stdio ${HAPROXY_SOCKET}`], 10);
    if (r.code !== 0) throw new LabError('LAB-LB', `haproxy "${command}" failed: ${r.out}`);
    return r.out.trim();
  }

  /** Backend servers of one HAProxy backend: operational (2 = up) and admin state (1 = maint, 8 = drain). */
  async lbServers(backend: string): Promise<{ server: string; up: boolean; admin: number; addr: string }[]> {
    const out = await this.haproxy(`show servers state ${backend}`);
    // Line 1 is the format version; server lines have 20-odd fields.
    return out.split('\n').filter((l) => /^\d+ \S+ \d+ /.test(l)).map((l) => {
      const f = l.split(/\s+/);
      return { server: f[3] ?? '', addr: f[4] ?? '', up: f[5] === '2', admin: Number(f[6] ?? 0) };
    });
  }

  /** Waits until HAProxy sees each named server of `backend` up (health checks pass). */
  async waitLbUp(backend: string, servers: string[], limitSeconds = 30): Promise<void> {
    const start = performance.now();
    while ((performance.now() - start) / 1000 < limitSeconds) {
      const state = await this.lbServers(backend);
      if (servers.every((s) => state.find((x) => x.server === s)?.up)) return;
      await sleep(300);
    }
    throw new LabError('LAB-TIMEOUT', `haproxy ${backend}: ${servers.join(', ')} not all up within ${limitSeconds} s: ${JSON.stringify(await this.lbServers(backend))}`);
  }

  configPath(node: string): string {
    return join(this.runDir, 'nodes', node, 'nova.conf');
  }

  /** Registers a node: writes its nova.conf and, for computes, creates its state volume. */
  async addNode(name: string, role: NodeRole, services: LabService[], release: ReleaseName): Promise<LabNode> {
    const facts = this.facts(release, role === 'compute' ? 'compute' : 'control');
    mkdirSync(join(this.runDir, 'nodes', name), { recursive: true });
    writeFileSync(this.configPath(name), novaConf({ host: name, fakeDriver: facts.fakeDriver, computeOnly: isComputeOnly(services) }));
    if (services.includes('nova-compute')) await this.docker.createVolume(this.volumeName(name), { 'preflight.lab.node': name });
    const node: LabNode = { name, role, services, release: new Map(services.map((s) => [s, release])), installed: new Map(services.map((s) => [s, release])) };
    this.nodes.set(name, node);
    return node;
  }

  editConfig(node: string, section: string, key: string, value: string | null): void {
    const path = this.configPath(node);
    // Written in place: the file is bind-mounted, a rename would leave containers on the old inode.
    writeFileSync(path, setIniKey(readFileSync(path, 'utf8'), section, key, value));
  }

  facts(release: ReleaseName, kind: keyof ReleaseImages): ImageFacts {
    const f = this.images.nova.get(release)?.[kind];
    if (!f) throw new LabError('LAB-NO-IMAGE', `no nova ${kind} image for ${release}`);
    return f;
  }

  private volumeName(node: string): string {
    return `pf-${this.docker.runId}-${node}-state`;
  }

  /** Creates and starts a service container from the image of `release`; returns its start time. */
  async startNew(node: string, service: LabService, release: ReleaseName): Promise<number> {
    const n = this.node(node);
    const facts = this.facts(release, service === 'nova-compute' ? 'compute' : 'control');
    const binds = [`${this.configPath(node)}:/etc/nova/nova.conf`];
    if (service === 'nova-compute') binds.push(`${this.volumeName(node)}:/var/lib/nova`);
    const since = Date.now() / 1000;
    await this.docker.run({
      name: this.containerName(node, service), image: facts.image, network: this.network,
      aliases: [`${node}-${service}`], cmd: [shortName(service)], binds,
      labels: { 'preflight.lab.node': node, 'preflight.lab.service': service, 'preflight.lab.release': release },
    });
    n.release.set(service, release);
    n.installed.set(service, release);
    return since;
  }

  /**
   * Starts a service on its installed release: the existing container when its release is the
   * installed one, otherwise a new container of the installed release (same config and volume).
   * Returns the start time (Unix seconds) that readiness is measured from.
   */
  async start(node: string, service: LabService): Promise<number> {
    const n = this.node(node);
    const installed = n.installed.get(service);
    if (!installed) throw new LabError('LAB-NODE', `${node} runs no ${service}`);
    const exists = await this.docker.state(this.containerName(node, service)).then(() => true, () => false);
    if (exists && n.release.get(service) !== installed) await this.retire(node, service);
    if (!exists || n.release.get(service) !== installed) return this.startNew(node, service, installed);
    const since = Date.now() / 1000;
    await this.docker.container(this.containerName(node, service)).start().catch((e: { statusCode?: number }) => {
      if (e.statusCode !== 304) throw e; // 304: already running
    });
    return since;
  }

  install(node: string, service: LabService, release: ReleaseName): void {
    this.facts(release, service === 'nova-compute' ? 'compute' : 'control');
    this.node(node).installed.set(service, release);
  }

  async stop(node: string, service: LabService): Promise<void> {
    await this.docker.container(this.containerName(node, service)).stop({ t: 10 }).catch((e: { statusCode?: number }) => {
      if (e.statusCode !== 304) throw e;
    });
  }

  async running(node: string, service: LabService): Promise<boolean> {
    return (await this.docker.state(this.containerName(node, service)).catch(() => undefined))?.running ?? false;
  }

  /** Removes a service container (its logs are kept as evidence); volumes and config stay. */
  async retire(node: string, service: LabService): Promise<void> {
    const name = this.containerName(node, service);
    await this.stop(node, service);
    await this.saveLog(name, `-retired${++this.retired}`);
    await this.docker.container(name).remove({ force: true });
  }

  /** Writes a container's whole log to runDir/logs/<container><suffix>.log. */
  private async saveLog(container: string, suffix = ''): Promise<void> {
    const text = await this.docker.logs(container).catch(() => '');
    if (!text) return;
    const path = join(this.runDir, 'logs', `${container}${suffix}.log`);
    mkdirSync(join(this.runDir, 'logs'), { recursive: true });
    writeFileSync(path, text);
    this.savedLogs.push(path);
  }

  /** Saves the logs of every container of the cloud (before it is removed): a finding's evidence. */
  async saveLogs(): Promise<void> {
    const names = [this.containerName('', 'infra'), this.containerName('', 'lb')];
    for (const n of this.nodes.values()) for (const s of n.services) names.push(this.containerName(n.name, s));
    await Promise.all(names.map((c) => this.saveLog(c)));
  }

  node(name: string): LabNode {
    const n = this.nodes.get(name);
    if (!n) throw new LabError('LAB-NODE', `unknown node ${name}`);
    return n;
  }

  /** Rows of nova.services as the database holds them (not the API's view, which may be down). */
  async serviceRows(): Promise<ServiceRowState[]> {
    // updated_at, not created_at: a service writes its row early in its start, but reports
    // (sets updated_at) only once started, after a compute has created its node and provider.
    const sql = 'SELECT `binary`, host, version, COALESCE(UNIX_TIMESTAMP(updated_at), 0) FROM nova.services WHERE deleted = 0';
    const r = await this.docker.exec(this.containerName('', 'infra'), ['mariadb', '-N', '-B', '-e', sql], 20);
    if (r.code !== 0) throw new LabError('LAB-DB', `reading nova.services: ${r.out}`);
    return r.out.trim().split('\n').filter(Boolean).map((line) => {
      const [binary = '', host = '', version = '0', at = '0'] = line.split('\t');
      return { binary, host, version: Number(version), reportedAt: Number(at) };
    });
  }

  /**
   * Waits until nova maps a compute host to its cell (the schedulers discover hosts every 2 s,
   * `discover_hosts_in_cells_interval`): before that, a boot or a migration to it finds no host.
   */
  async waitHostMapped(host: string, limitSeconds = 20): Promise<number> {
    const start = performance.now();
    const sql = `SELECT COUNT(*) FROM nova_api.host_mappings WHERE host = '${host.replace(/[^A-Za-z0-9_.-]/g, '')}'`;
    while ((performance.now() - start) / 1000 < limitSeconds) {
      const r = await this.docker.exec(this.containerName('', 'infra'), ['mariadb', '-N', '-B', '-e', sql], 20);
      if (r.code === 0 && Number(r.out.trim()) > 0) return Math.round((performance.now() - start) / 100) / 10;
      await sleep(250);
    }
    throw new LabError('LAB-TIMEOUT', `${host} was not mapped to a cell within ${limitSeconds} s (nova-scheduler's host discovery)`);
  }

  /**
   * Waits until a started service is really serving: a nova.services row reported after `since`
   * (conductor, scheduler, compute) or HTTP 200 from the API container itself. A container that
   * exits fails at once, with its last log lines as the reason.
   */
  async waitReady(node: string, service: LabService, since: number, limitSeconds = 120): Promise<Readiness> {
    const name = this.containerName(node, service);
    const start = performance.now();
    const seconds = () => Math.round((performance.now() - start) / 100) / 10;
    while (seconds() < limitSeconds) {
      const st = await this.docker.state(name);
      if (!st.running) {
        return { ok: false, seconds: seconds(), reason: `${name} exited with status ${st.exitCode}`, logTail: lastLines(await this.docker.logs(name), 15) };
      }
      const recent = await this.docker.logs(name, { since: Math.floor(since) });
      const refusal = scanLog(name, recent).find((e) => REFUSAL_KINDS.has(e.kind));
      if (refusal) {
        return { ok: false, seconds: seconds(), reason: `${name} logged ${refusal.line.slice(0, 300)}`, logTail: lastLines(recent, 15) };
      }
      if (hasServiceRow(service)) {
        const row = (await this.serviceRows()).find((r) => r.host === node && r.binary === service);
        // updated_at has whole seconds: only a report in a later second than the start is
        // surely the new process's (the stopped one may have reported within the same second).
        if (row && row.reportedAt >= Math.ceil(since)) return { ok: true, seconds: seconds() };
      } else if (st.ip) {
        const ok = await fetch(`http://${st.ip}:8774/`, { signal: AbortSignal.timeout(2000) }).then((r) => r.status === 200, () => false);
        if (ok) return { ok: true, seconds: seconds() };
      }
      await sleep(250);
    }
    return { ok: false, seconds: seconds(), reason: `${name} not ready within ${limitSeconds} s`, logTail: lastLines(await this.docker.logs(name), 15) };
  }

  /** Runs nova-manage in a one-off container of `release`, with `node`'s configuration. */
  async manage(node: string, release: ReleaseName, script: string, limitSeconds = 300): Promise<string> {
    const facts = this.facts(release, 'control');
    const name = `pf-${this.docker.runId}-manage-${Date.now()}`;
    const c = await this.docker.run({
      name, image: facts.image, network: this.network, aliases: [name], cmd: ['sh', '-c', script],
      binds: [`${this.configPath(node)}:/etc/nova/nova.conf:ro`], labels: { 'preflight.lab.role': 'manage' },
    });
    const result = (await withLimit(c.wait(), limitSeconds, `nova-manage (${script})`)) as { StatusCode: number };
    const out = await this.docker.logs(name);
    await c.remove({ force: true });
    if (result.StatusCode !== 0) throw new LabError('LAB-MANAGE', `"${script}" exited ${result.StatusCode}:\n${lastLines(out)}`);
    return out;
  }

  async waitForLog(container: string, pattern: RegExp, limitSeconds: number): Promise<RegExpExecArray> {
    const start = performance.now();
    while ((performance.now() - start) / 1000 < limitSeconds) {
      const text = await this.docker.logs(container);
      const m = pattern.exec(text);
      if (m) return m;
      if (!(await this.docker.state(container)).running) {
        throw new LabError('LAB-START', `${container} exited before "${pattern.source}":\n${lastLines(text)}`);
      }
      await sleep(500);
    }
    throw new LabError('LAB-TIMEOUT', `${container}: no "${pattern.source}" within ${limitSeconds} s:\n${lastLines(await this.docker.logs(container))}`);
  }
}
