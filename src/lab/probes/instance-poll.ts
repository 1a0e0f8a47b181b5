/**
 * Polls the status of the plan's instances once a second. Fake-driver instances live in memory,
 * so power state says little after a compute restart (LAB-NOTES); status and API behaviour are
 * what an instance's availability is judged by.
 */
import type { OpenStackClient } from '../openstack/client.ts';

export interface StatusChange {
  at: number;
  instance: string;
  status: string;
}

export class InstancePoll {
  /** Status transitions only, starting with the first status seen. */
  readonly changes: StatusChange[] = [];
  private readonly last = new Map<string, string>();
  private timer: NodeJS.Timeout | undefined;
  private busy = false;

  constructor(
    private readonly client: OpenStackClient,
    private readonly instances: readonly string[],
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.once(), 1000);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async once(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    const r = await this.client.nova<{ servers?: { name: string; status: string }[] }>('GET', '/servers/detail', undefined, 5000);
    const at = Date.now();
    const seen = new Map((r.status === 200 ? (r.body.servers ?? []) : []).map((s) => [s.name, s.status]));
    for (const name of this.instances) {
      const status = r.status === 200 ? (seen.get(name) ?? 'MISSING') : 'UNKNOWN';
      if (this.last.get(name) !== status) {
        this.last.set(name, status);
        this.changes.push({ at, instance: name, status });
      }
    }
    this.busy = false;
  }

  /**
   * Per instance, the seconds it spent in a known status other than ACTIVE (UNKNOWN means the
   * API did not answer, which says nothing about the instance).
   */
  downtime(untilMs: number): { instance: string; seconds: number; statuses: string[] }[] {
    return this.instances.map((instance) => {
      const mine = this.changes.filter((c) => c.instance === instance);
      let seconds = 0;
      const statuses = new Set<string>();
      mine.forEach((c, k) => {
        if (c.status === 'ACTIVE' || c.status === 'UNKNOWN') return;
        statuses.add(c.status);
        seconds += ((mine[k + 1]?.at ?? untilMs) - c.at) / 1000;
      });
      return { instance, seconds: Math.round(seconds * 10) / 10, statuses: [...statuses] };
    });
  }

  /** Instances seen in a status other than ACTIVE/UNKNOWN during [from, to). */
  troubled(fromMs: number, toMs: number): StatusChange[] {
    return this.changes.filter((c) => c.at >= fromMs && c.at < toMs && c.status !== 'ACTIVE' && c.status !== 'UNKNOWN');
  }
}
