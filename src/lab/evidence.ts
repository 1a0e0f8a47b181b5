/**
 * Log lines that say what nova decided, collected from every nova container after each step:
 * the compute RPC pin it chose, and each refusal. They are the evidence a verdict quotes.
 */
import type { LabCloud } from './cloud/cloud.ts';

export interface Evidence {
  /** "ctl1/nova-conductor" */
  entity: string;
  kind: 'rpc-pin' | 'service-too-old' | 'too-old-compute' | 'node-identity' | 'app-not-loaded' | 'messaging-timeout' | 'lb-state';
  line: string;
  /** For rpc-pin: the version chosen ("6.4") and the minimum service version it came from. */
  pin?: { version: string; minServiceVersion: number };
}

const PATTERNS: { kind: Evidence['kind']; re: RegExp }[] = [
  { kind: 'rpc-pin', re: /Automatically selected compute RPC version (\S+) from minimum service version (\d+)/ },
  { kind: 'service-too-old', re: /\bServiceTooOld: .*/ },
  { kind: 'too-old-compute', re: /\bTooOldComputeService: .*/ },
  { kind: 'node-identity', re: /No local node identity found.*/ },
  { kind: 'app-not-loaded', re: /no python application found.*/ },
  { kind: 'messaging-timeout', re: /\bMessagingTimeout: .*/ },
  { kind: 'lb-state', re: /Server \S+ is (?:DOWN|UP|going DOWN)\b.*/ },
];

/** Evidence kinds that mean a service refused to start, even when its process lingers (uwsgi). */
export const REFUSAL_KINDS: ReadonlySet<Evidence['kind']> = new Set(['service-too-old', 'too-old-compute', 'node-identity', 'app-not-loaded']);

/** Evidence from one container's log text; each distinct line once. */
export function scanLog(entity: string, text: string): Evidence[] {
  const out: Evidence[] = [];
  const seen = new Set<string>();
  for (const raw of text.split('\n')) {
    for (const { kind, re } of PATTERNS) {
      const m = re.exec(raw);
      if (!m) continue;
      // The pin is quoted with its logger; refusals and HAProxy events from the exception name on,
      // so a traceback's repeats of the same message count once.
      const line = (kind === 'rpc-pin' ? raw.replace(/^\S+ \S+ \d+ /, '') : m[0]).trim().slice(0, 400);
      const key = `${kind}:${line.replace(/req-[0-9a-f-]+|[0-9a-f]{32}/g, '')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ entity, kind, line, ...(kind === 'rpc-pin' ? { pin: { version: m[1] ?? '', minServiceVersion: Number(m[2]) } } : {}) });
    }
  }
  return out;
}

/** Evidence logged by any nova container (and HAProxy) of the run since `sinceMs` (epoch milliseconds). */
export async function collectEvidence(cloud: LabCloud, sinceMs: number): Promise<Evidence[]> {
  const sources = [...cloud.nodes.values()].flatMap((node) => node.services.map((s) => ({ entity: `${node.name}/${s}`, container: cloud.containerName(node.name, s) })));
  sources.push({ entity: 'haproxy', container: cloud.containerName('', 'lb') });
  const texts = await Promise.all(sources.map((x) => cloud.docker.logsSince(x.container, sinceMs).catch(() => '')));
  return sources.flatMap((x, i) => scanLog(x.entity, texts[i] ?? ''));
}
