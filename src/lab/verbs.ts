/**
 * Every plan verb as real operations on the lab cloud: HAProxy's runtime socket for drain, Docker
 * for service lifecycles, nova-manage for database phases, nova.conf edits, and the compute API
 * for disable/enable and migrations. A step reports what it started and whether each start was
 * accepted by nova; it never decides whether the plan was right (the comparison does).
 */
import { compareReleases } from '../models/catalogue/releases.ts';
import type { Action, Plan, ReleaseName, Step } from '../scenarios/plan.ts';
import type { LabCloud, Readiness } from './cloud/cloud.ts';
import { isLabService, type LabService } from './cloud/services.ts';
import { LabError } from './errors.ts';
import type { OpenStackClient, Server } from './openstack/client.ts';
import type { StepTiming } from './report.ts';

export interface StartOutcome {
  /** "ctl1/nova-conductor" */
  entity: string;
  release: ReleaseName;
  readiness: Readiness;
}

/** A migration as nova carried it out: where the instance ended and every status it went through. */
export interface MoveOutcome {
  instance: string;
  kind: 'live' | 'cold';
  to: string;
  /** Its host when the move was asked for. */
  from: string;
  /** The instance is ACTIVE on `to` (another host than `from`) and nova's migration record says done. */
  ok: boolean;
  /** Its host at the end. */
  host: string;
  /** Status of nova's migration record at the end (completed, confirmed, error, failed...). */
  migration?: string;
  /** Distinct statuses in the order seen (polled every 0.2 s), from the request on. */
  statuses: string[];
  /** Why it failed: the API's refusal, the fault, or a wait that ran out. */
  detail?: string;
}

export interface StepOutcome {
  starts: StartOutcome[];
  moves: MoveOutcome[];
  /** Output worth keeping (nova-manage, API replies). */
  notes: string[];
  /** Where the step's time went: each stop, container launch, readiness wait, nova-manage run, API wait. */
  timings: StepTiming[];
}

export interface VerbContext {
  plan: Plan;
  cloud: LabCloud;
  client: OpenStackClient;
  /** Hard limit for one service to become ready. */
  readyLimitSeconds: number;
}

/**
 * How long an undrained backend may take to pass HAProxy's health checks: rise 2 at inter 1 s
 * brings a healthy one up in about 2 s; one that fails them (a refused nova-api) never comes.
 */
const LB_UP_LIMIT_SECONDS = 10;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function performStep(ctx: VerbContext, step: Step): Promise<StepOutcome> {
  const out: StepOutcome = { starts: [], moves: [], notes: [], timings: [] };
  await perform(ctx, step.action, out);
  return out;
}

/** Runs `fn` and records its seconds under `what`. */
async function timed<T>(out: StepOutcome, what: string, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    out.timings.push({ what, seconds: Math.round((performance.now() - t0) / 100) / 10 });
  }
}

async function perform(ctx: VerbContext, a: Action, out: StepOutcome): Promise<void> {
  const { cloud, client } = ctx;
  switch (a.verb) {
    case 'drain':
    case 'undrain': {
      await cloud.haproxy(`set server ${a.frontend}/${a.node} state ${a.verb === 'drain' ? 'drain' : 'ready'}`);
      // Back in rotation means two passed health checks; a backend that fails them stays out,
      // which is an observation (the probes see it), not a failure of the step.
      if (a.verb === 'undrain' && (await cloud.running(a.node, 'nova-api'))) {
        await timed(out, `haproxy ${a.node} up`, () => cloud.waitLbUp(a.frontend, [a.node], LB_UP_LIMIT_SECONDS)).catch((e: Error) => out.notes.push(e.message));
      }
      return;
    }
    case 'stop':
      await stopAll(ctx, a.node, labServices(a.services), out);
      return;
    case 'start':
      await startAll(ctx, a.node, labServices(a.services), out);
      return;
    case 'restart':
      await stopAll(ctx, a.node, labServices(a.services), out);
      await startAll(ctx, a.node, labServices(a.services), out);
      return;
    case 'upgrade':
      for (const s of labServices(a.services)) cloud.install(a.node, s, ctx.plan.to);
      return;
    case 'db':
      await dbPhase(ctx, a, out);
      return;
    case 'config':
      for (const n of a.nodes) if (cloud.nodes.has(n)) cloud.editConfig(n, a.section, a.key, a.value);
      return;
    case 'disable':
    case 'enable': {
      const row = (await client.services('nova-compute')).find((s) => s.host === a.node);
      if (!row) throw new LabError('LAB-STEP', `no nova-compute service row for ${a.node}`);
      await client.ok('PUT', `/os-services/${row.id}`, { status: a.verb === 'disable' ? 'disabled' : 'enabled', ...(a.verb === 'disable' ? { disabled_reason: 'preflight lab' } : {}) });
      return;
    }
    case 'live-migrate':
      out.moves.push(await timed(out, `live migration of ${a.instance}`, () => liveMigrate(client, a.instance, a.to)));
      return;
    case 'cold-migrate':
      out.moves.push(await timed(out, `cold migration of ${a.instance}`, () => coldMigrate(client, a.instance, a.to)));
      return;
    case 'delete-instance': {
      const server = await serverByName(client, a.instance);
      await client.ok('DELETE', `/servers/${server.id}`);
      return;
    }
    case 'reboot': {
      const node = cloud.node(a.node);
      await stopAll(ctx, a.node, node.services, out);
      await startAll(ctx, a.node, node.services, out);
      return;
    }
    case 'add-node': {
      const services = labServices(a.services);
      await cloud.addNode(a.node, a.role, services, a.release);
      await startAll(ctx, a.node, services, out);
      // A compute that started takes work once nova has mapped it to its cell.
      if (services.includes('nova-compute') && out.starts.some((s) => s.entity === `${a.node}/nova-compute` && s.readiness.ok)) {
        await timed(out, `host mapping of ${a.node}`, () => cloud.waitHostMapped(a.node));
      }
      return;
    }
    case 'remove-node': {
      const node = cloud.node(a.node);
      for (const s of node.services) await cloud.retire(a.node, s);
      for (const row of (await client.services()).filter((r) => r.host === a.node)) await client.ok('DELETE', `/os-services/${row.id}`);
      cloud.nodes.delete(a.node);
      return;
    }
    case 'parallel': {
      await Promise.all(a.steps.map((s) => perform(ctx, s.action, out)));
      return;
    }
    case 'redeploy':
    case 'failover':
      throw new LabError('LAB-REFUSED', `${a.verb} should have been refused before the run`);
  }
}

function labServices(services: readonly string[]): LabService[] {
  return services.filter(isLabService);
}

async function stopAll(ctx: VerbContext, node: string, services: LabService[], out: StepOutcome): Promise<void> {
  await Promise.all(services.map((s) => timed(out, `stop ${node}/${s}`, () => ctx.cloud.stop(node, s))));
}

async function startAll(ctx: VerbContext, node: string, services: LabService[], out: StepOutcome): Promise<void> {
  const results = await Promise.all(services.map(async (s) => {
    const replaced = ctx.cloud.node(node).release.get(s) !== ctx.cloud.node(node).installed.get(s);
    const since = await timed(out, `${replaced ? 'replace' : 'start'} ${node}/${s}`, () => ctx.cloud.start(node, s));
    const readiness = await ctx.cloud.waitReady(node, s, since, ctx.readyLimitSeconds);
    out.timings.push({ what: `ready ${node}/${s}`, seconds: readiness.seconds });
    return { entity: `${node}/${s}`, release: ctx.cloud.node(node).release.get(s) ?? ctx.plan.from, readiness };
  }));
  out.starts.push(...results);
}

/** The database phase runs from the newest nova installed on any controller, as an operator would. */
async function dbPhase(ctx: VerbContext, a: Extract<Action, { verb: 'db' }>, out: StepOutcome): Promise<void> {
  let best: { node: string; release: ReleaseName } | undefined;
  for (const n of ctx.cloud.nodes.values()) {
    for (const [s, r] of n.installed) {
      if (s === 'nova-compute') continue;
      if (!best || compareReleases(r, best.release) > 0) best = { node: n.name, release: r };
    }
  }
  if (!best) throw new LabError('LAB-STEP', 'no controller to run nova-manage from');
  if (a.phase === 'sync') {
    out.notes.push(await timed(out, 'nova-manage db sync', () => ctx.cloud.manage(best.node, best.release, 'nova-manage api_db sync && nova-manage db sync')));
    return;
  }
  // online_data_migrations: exit 1 means "some done, run again", 2 means errors (nova-manage docs).
  out.notes.push(await timed(out, 'nova-manage online_data_migrations', () => ctx.cloud.manage(best.node, best.release,
    'for i in 1 2 3 4 5; do nova-manage db online_data_migrations; rc=$?; [ $rc -eq 1 ] || exit $rc; done; exit 1')));
}

async function serverByName(client: OpenStackClient, name: string): Promise<Server> {
  const s = (await client.servers()).find((x) => x.name === name);
  if (!s) throw new LabError('LAB-STEP', `no server named ${name}`);
  return s;
}

/** Statuses of one server until `done` or ERROR or the limit; every distinct status is kept, in order. */
async function watchServer(client: OpenStackClient, id: string, done: (s: Server) => boolean, limitSeconds: number, statuses: string[]): Promise<{ server?: Server; reached: boolean }> {
  const start = performance.now();
  let last: Server | undefined;
  while ((performance.now() - start) / 1000 < limitSeconds) {
    const r = await client.nova<{ server?: Server }>('GET', `/servers/${id}`);
    last = r.body.server ?? last;
    if (last && statuses[statuses.length - 1] !== last.status) statuses.push(last.status);
    if (last && done(last)) return { server: last, reached: true };
    if (last?.status === 'ERROR') break;
    await sleep(200);
  }
  return { ...(last ? { server: last } : {}), reached: false };
}

/** Terminal statuses of nova's migration records. */
const SETTLED = new Set(['completed', 'confirmed', 'finished', 'error', 'failed', 'cancelled', 'done']);

/**
 * The newest migration record of a server, once settled: its status says how nova itself judged
 * the move. A live migration's instance is ACTIVE on the target a moment before its record says
 * completed (post-migration work on both computes), so this waits up to `limitSeconds`.
 */
async function lastMigration(client: OpenStackClient, serverId: string, limitSeconds = 30): Promise<string | undefined> {
  const start = performance.now();
  let status: string | undefined;
  do {
    const r = await client.nova<{ migrations?: { status: string; id: number }[] }>('GET', `/os-migrations?instance_uuid=${serverId}`);
    status = [...(r.body.migrations ?? [])].sort((a, b) => b.id - a.id)[0]?.status;
    if (status === undefined || SETTLED.has(status)) return status;
    await sleep(200);
  } while ((performance.now() - start) / 1000 < limitSeconds);
  return status;
}

/** Migration statuses of a move nova finished (live: completed; cold: confirmed once the resize is). */
const MOVED = new Set(['completed', 'confirmed', 'finished']);

async function moveOf(client: OpenStackClient, serverId: string, m: Omit<MoveOutcome, 'ok' | 'host'>, w: { server?: Server; reached: boolean }, what: string): Promise<MoveOutcome> {
  const host = w.server?.['OS-EXT-SRV-ATTR:host'] ?? '';
  const migration = await lastMigration(client, serverId);
  const ok = w.reached && host === m.to && m.from !== m.to && MOVED.has(migration ?? '');
  return {
    ...m, ok, host, ...(migration ? { migration } : {}),
    ...(ok ? {} : { detail: `${what}: ${w.server ? `${w.server.status} on ${host}` : 'no answer'}, migration ${migration ?? 'record missing'}${w.server?.fault?.message ? ` (${w.server.fault.message})` : ''}` }),
  };
}

/** A live migration to a named host; nova's refusal or failure is an outcome, not a lab error. */
async function liveMigrate(client: OpenStackClient, name: string, to: string): Promise<MoveOutcome> {
  const server = await serverByName(client, name);
  const m = { instance: name, kind: 'live' as const, to, from: server['OS-EXT-SRV-ATTR:host'] ?? '', statuses: [server.status] };
  const r = await client.nova('POST', `/servers/${server.id}/action`, { 'os-migrateLive': { host: to, block_migration: 'auto' } });
  if (r.status !== 202) return { ...m, ok: false, host: m.from, detail: `refused: HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 300)}` };
  // Done when ACTIVE on the target, or ACTIVE again after MIGRATING (a failed migration rolls
  // back). 90 s: a compute RPC call that gets no answer fails after rpc_response_timeout (60 s).
  const w = await watchServer(client, server.id, (s) => s.status === 'ACTIVE' && (s['OS-EXT-SRV-ATTR:host'] === to || m.statuses.includes('MIGRATING')), 90, m.statuses);
  return moveOf(client, server.id, m, w, 'live migration did not end ACTIVE on the target');
}

/** A cold migration (resize to the same flavor on a named host), confirmed once nova asks. */
async function coldMigrate(client: OpenStackClient, name: string, to: string): Promise<MoveOutcome> {
  const server = await serverByName(client, name);
  const m = { instance: name, kind: 'cold' as const, to, from: server['OS-EXT-SRV-ATTR:host'] ?? '', statuses: [server.status] };
  const r = await client.nova('POST', `/servers/${server.id}/action`, { migrate: { host: to } });
  if (r.status !== 202) return { ...m, ok: false, host: m.from, detail: `refused: HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 300)}` };
  const resized = await watchServer(client, server.id, (s) => s.status === 'VERIFY_RESIZE' || (s.status === 'ACTIVE' && m.statuses.includes('RESIZE')), 90, m.statuses);
  if (!resized.reached || resized.server?.status !== 'VERIFY_RESIZE') return moveOf(client, server.id, m, { ...resized, reached: false }, 'cold migration did not reach VERIFY_RESIZE');
  const c = await client.nova('POST', `/servers/${server.id}/action`, { confirmResize: null });
  if (c.status !== 204) return { ...m, ok: false, host: resized.server['OS-EXT-SRV-ATTR:host'] ?? '', detail: `confirm refused: HTTP ${c.status}` };
  const w = await watchServer(client, server.id, (s) => s.status === 'ACTIVE', 60, m.statuses);
  return moveOf(client, server.id, m, w, 'resize confirm did not end ACTIVE on the target');
}
