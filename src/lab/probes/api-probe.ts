/**
 * Probes the compute API through HAProxy several times a second for the whole run, recording
 * each request's latency and outcome, so a step's API availability is measured rather than
 * inferred. Failures are grouped into downtime windows measured in seconds.
 */
import type { OpenStackClient } from '../openstack/client.ts';

export interface ProbeSample {
  /** Epoch milliseconds when the request was sent. */
  at: number;
  ms: number;
  /** HTTP status; 0 when no response came (connection reset, timeout). */
  status: number;
  error?: string;
}

export interface DowntimeWindowObserved {
  fromMs: number;
  toMs: number;
  seconds: number;
  failures: number;
}

export interface ProbeSummary {
  requests: number;
  failures: number;
  /** Distinct failure kinds with counts: "HTTP 503" → 4. */
  errors: Record<string, number>;
  p50ms: number;
  maxMs: number;
  windows: DowntimeWindowObserved[];
  downSeconds: number;
}

export class ApiProbe {
  readonly samples: ProbeSample[] = [];
  private timer: NodeJS.Timeout | undefined;
  private inFlight = 0;

  constructor(
    private readonly client: OpenStackClient,
    private readonly intervalMs = 200,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.once(), this.intervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    while (this.inFlight > 0) await new Promise((r) => setTimeout(r, 50));
  }

  private async once(): Promise<void> {
    if (this.inFlight >= 5) return; // a hung API must not pile up requests
    this.inFlight++;
    const at = Date.now();
    // A slow answer is an answer (its latency is recorded); only 5xx or no answer within 30 s fail.
    const r = await this.client.nova('GET', '/servers?limit=5', undefined, 30_000);
    const failed = r.status === 0 || r.status >= 500;
    this.samples.push({ at, ms: Math.round(r.ms), status: r.status, ...(failed ? { error: errorKind(r.status, r.body) } : {}) });
    this.inFlight--;
  }

  summary(fromMs: number, toMs: number): ProbeSummary {
    return summarize(this.samples.filter((s) => s.at >= fromMs && s.at < toMs));
  }
}

function errorKind(status: number, body: unknown): string {
  if (status !== 0) return `HTTP ${status}`;
  const text = String(body);
  return /timeout|aborted/i.test(text) ? 'timeout' : (/\((\w+)\)/.exec(text)?.[1] ?? 'connection error');
}

export function summarize(samples: ProbeSample[]): ProbeSummary {
  const sorted = [...samples].sort((a, b) => a.at - b.at);
  const errors: Record<string, number> = {};
  const windows: DowntimeWindowObserved[] = [];
  let open: DowntimeWindowObserved | undefined;
  for (const s of sorted) {
    if (s.error) {
      errors[s.error] = (errors[s.error] ?? 0) + 1;
      if (!open) open = { fromMs: s.at, toMs: s.at + s.ms, seconds: 0, failures: 0 };
      open.failures++;
      open.toMs = Math.max(open.toMs, s.at + s.ms);
    } else if (open) {
      open.toMs = s.at;
      windows.push(close(open));
      open = undefined;
    }
  }
  if (open) windows.push(close(open));
  const lat = sorted.map((s) => s.ms).sort((a, b) => a - b);
  return {
    requests: sorted.length,
    failures: sorted.filter((s) => s.error).length,
    errors,
    p50ms: lat[Math.floor(lat.length / 2)] ?? 0,
    maxMs: lat[lat.length - 1] ?? 0,
    windows,
    downSeconds: Math.round(windows.reduce((t, w) => t + w.seconds, 0) * 10) / 10,
  };
}

function close(w: DowntimeWindowObserved): DowntimeWindowObserved {
  return { ...w, seconds: Math.round((w.toMs - w.fromMs) / 100) / 10 };
}
