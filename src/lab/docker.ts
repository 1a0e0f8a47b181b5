/**
 * The lab's only door to Docker. Every container, network and volume it creates carries the
 * run's label, and cleanup removes exactly what carries that label: nothing else is touched.
 */
import Docker from 'dockerode';
import { LabError } from './errors.ts';

export const RUN_LABEL = 'preflight.lab.run';

export type Labels = Record<string, string>;

export class LabDocker {
  readonly docker = new Docker({ socketPath: '/var/run/docker.sock' });
  constructor(readonly runId: string) {}

  labels(extra: Labels = {}): Labels {
    return { [RUN_LABEL]: this.runId, ...extra };
  }

  async createNetwork(name: string): Promise<string> {
    const net = await this.docker.createNetwork({ Name: name, Driver: 'bridge', Labels: this.labels(), CheckDuplicate: true });
    return net.id;
  }

  async createVolume(name: string, extra: Labels = {}): Promise<string> {
    await this.docker.createVolume({ Name: name, Labels: this.labels(extra) });
    return name;
  }

  /** Creates and starts a container on the run's network (with `--init`, so SIGTERM stops it at once). */
  async run(spec: {
    name: string;
    image: string;
    network: string;
    aliases: string[];
    cmd?: string[];
    env?: string[];
    binds?: string[];
    labels?: Labels;
    /** Container port → host port on 127.0.0.1 (0 = any free port). */
    publish?: Record<number, number>;
  }): Promise<Docker.Container> {
    const exposed: Record<string, object> = {};
    const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
    for (const [port, host] of Object.entries(spec.publish ?? {})) {
      exposed[`${port}/tcp`] = {};
      bindings[`${port}/tcp`] = [{ HostIp: '127.0.0.1', HostPort: host ? String(host) : '' }];
    }
    const container = await this.docker.createContainer({
      name: spec.name,
      Image: spec.image,
      Hostname: spec.aliases[0],
      ...(spec.cmd ? { Cmd: spec.cmd } : {}),
      Env: spec.env ?? [],
      Labels: this.labels(spec.labels),
      ExposedPorts: exposed,
      HostConfig: { Init: true, Binds: spec.binds ?? [], PortBindings: bindings, NetworkMode: spec.network },
      NetworkingConfig: { EndpointsConfig: { [spec.network]: { Aliases: spec.aliases } } },
    });
    await container.start();
    return container;
  }

  container(idOrName: string): Docker.Container {
    return this.docker.getContainer(idOrName);
  }

  async logs(idOrName: string, opts: { since?: number; tail?: number } = {}): Promise<string> {
    const buf = (await this.container(idOrName).logs({
      stdout: true, stderr: true, follow: false, timestamps: false,
      ...(opts.since ? { since: opts.since } : {}), ...(opts.tail ? { tail: opts.tail } : {}),
    })) as unknown as Buffer;
    return demux(buf);
  }

  /**
   * A container's log lines written at or after `sinceMs` (epoch milliseconds), to the
   * millisecond: Docker's `since` counts whole seconds, so a step's window would also hold the
   * last second of the step before it.
   */
  async logsSince(idOrName: string, sinceMs: number): Promise<string> {
    const buf = (await this.container(idOrName).logs({
      stdout: true, stderr: true, follow: false, timestamps: true, since: Math.floor(sinceMs / 1000),
    })) as unknown as Buffer;
    return linesSince(demux(buf), sinceMs);
  }

  async state(idOrName: string): Promise<{ running: boolean; exitCode: number; startedAt: string; ip: string; ports: Record<string, string> }> {
    const info = await this.container(idOrName).inspect();
    const nets = Object.values(info.NetworkSettings.Networks ?? {});
    const ports: Record<string, string> = {};
    for (const [k, v] of Object.entries(info.NetworkSettings.Ports ?? {})) if (v?.[0]) ports[k] = v[0].HostPort;
    return { running: info.State.Running, exitCode: info.State.ExitCode, startedAt: info.State.StartedAt, ip: nets[0]?.IPAddress ?? '', ports };
  }

  /** Runs a command in a running container; returns exit code and combined output. */
  async exec(idOrName: string, cmd: string[], limitSeconds = 120): Promise<{ code: number; out: string }> {
    const exec = await this.container(idOrName).exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true });
    const stream = await exec.start({ hijack: true, stdin: false });
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    await withLimit(new Promise<void>((resolve) => stream.on('end', () => resolve())), limitSeconds,
      `exec ${cmd.join(' ')} in ${idOrName}`);
    const info = await exec.inspect();
    return { code: info.ExitCode ?? -1, out: demux(Buffer.concat(chunks)) };
  }

  /** Removes every container, then network and volume, that carries this run's label. */
  async cleanup(): Promise<{ containers: number; networks: number; volumes: number }> {
    const filters = JSON.stringify({ label: [`${RUN_LABEL}=${this.runId}`] });
    const containers = await this.docker.listContainers({ all: true, filters });
    await Promise.all(containers.map((c) => this.container(c.Id).remove({ force: true, v: true }).catch(() => {})));
    const networks = await this.docker.listNetworks({ filters });
    await Promise.all(networks.map((n) => this.docker.getNetwork(n.Id).remove().catch(() => {})));
    const { Volumes } = await this.docker.listVolumes({ filters });
    await Promise.all((Volumes ?? []).map((v) => this.docker.getVolume(v.Name).remove().catch(() => {})));
    return { containers: containers.length, networks: networks.length, volumes: Volumes?.length ?? 0 };
  }
}

/** Lines of a timestamped Docker log ("2026-11-24T06:52:35.229123456Z text") at or after `sinceMs`, without their stamps. */
export function linesSince(text: string, sinceMs: number): string {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const space = line.indexOf(' ');
    const at = Date.parse(line.slice(0, space));
    if (space > 0 && !Number.isNaN(at) && at >= sinceMs) out.push(line.slice(space + 1));
  }
  return out.join('\n');
}

/** Docker multiplexes stdout/stderr in 8-byte-headed frames when there is no TTY. */
export function demux(buf: Buffer): string {
  let out = '';
  let i = 0;
  while (i + 8 <= buf.length && (buf[i] === 1 || buf[i] === 2) && buf[i + 1] === 0) {
    const len = buf.readUInt32BE(i + 4);
    out += buf.subarray(i + 8, i + 8 + len).toString();
    i += 8 + len;
  }
  return i === 0 ? buf.toString() : out;
}

export async function withLimit<T>(p: Promise<T>, seconds: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LabError('LAB-TIMEOUT', `${what}: no result within ${seconds} s`)), seconds * 1000);
  });
  try {
    return await Promise.race([p, limit]);
  } finally {
    clearTimeout(timer);
  }
}

