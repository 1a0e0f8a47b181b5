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

export interface StartOutcome {
  /** "ctl1/nova-conductor" */
  entity: string;
  release: ReleaseName;
  readiness: Readiness;
}

export interface StepOutcome {
  starts: StartOutcome[];
  /** Output worth keeping (nova-manage, API replies). */
  notes: string[];
}

export interface VerbContext {
  plan: Plan;
  cloud: LabCloud;
  client: OpenStackClient;
  /** Hard limit for one service to become ready. */
  readyLimitSeconds: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function performStep(ctx: VerbContext, step: Step): Promise<StepOutcome> {
  const out: StepOutcome = { starts: [], notes: [] };
  await perform(ctx, step.action, out);
  return out;
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
        await cloud.waitLbUp(a.frontend, [a.node], 20).catch((e: Error) => out.notes.push(e.message));
      }
      return;
    }
    case 'stop':
      await Promise.all(labServices(a.services).map((s) => cloud.stop(a.node, s)));
      return;
    case 'start':
      await startAll(ctx, a.node, labServices(a.services), out);
      return;
    case 'restart':
      await Promise.all(labServices(a.services).map((s) => cloud.stop(a.node, s)));
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
    case 'live-migrate': {
      const server = await serverByName(client, a.instance);
      await client.ok('POST', `/servers/${server.id}/action`, { 'os-migrateLive': { host: a.to, block_migration: 'auto' } });
      await waitServer(client, server.id, (s) => s.status === 'ACTIVE' && s['OS-EXT-SRV-ATTR:host'] === a.to, 90);
      return;
    }
    case 'cold-migrate': {
      const server = await serverByName(client, a.instance);
      await client.ok('POST', `/servers/${server.id}/action`, { migrate: { host: a.to } });
      await waitServer(client, server.id, (s) => s.status === 'VERIFY_RESIZE', 90);
      await client.ok('POST', `/servers/${server.id}/action`, { confirmResize: null });
      await waitServer(client, server.id, (s) => s.status === 'ACTIVE', 60);
      return;
    }
    case 'delete-instance': {
      const server = await serverByName(client, a.instance);
      await client.ok('DELETE', `/servers/${server.id}`);
      return;
    }
    case 'reboot': {
      const node = cloud.node(a.node);
      await Promise.all(node.services.map((s) => cloud.stop(a.node, s)));
      await startAll(ctx, a.node, node.services, out);
      return;
    }
    case 'add-node': {
      const services = labServices(a.services);
      await cloud.addNode(a.node, a.role, services, a.release);
      await startAll(ctx, a.node, services, out);
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

async function startAll(ctx: VerbContext, node: string, services: LabService[], out: StepOutcome): Promise<void> {
  const results = await Promise.all(services.map(async (s) => {
    const since = await ctx.cloud.start(node, s);
    const readiness = await ctx.cloud.waitReady(node, s, since, ctx.readyLimitSeconds);
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
    out.notes.push(await ctx.cloud.manage(best.node, best.release, 'nova-manage api_db sync && nova-manage db sync'));
    return;
  }
  // online_data_migrations: exit 1 means "some done, run again", 2 means errors (nova-manage docs).
  out.notes.push(await ctx.cloud.manage(best.node, best.release,
    'for i in 1 2 3 4 5; do nova-manage db online_data_migrations; rc=$?; [ $rc -eq 1 ] || exit $rc; done; exit 1'));
}

async function serverByName(client: OpenStackClient, name: string): Promise<Server> {
  const s = (await client.servers()).find((x) => x.name === name);
  if (!s) throw new LabError('LAB-STEP', `no server named ${name}`);
  return s;
}

async function waitServer(client: OpenStackClient, id: string, done: (s: Server) => boolean, limitSeconds: number): Promise<Server> {
  const start = performance.now();
  let last: Server | undefined;
  while ((performance.now() - start) / 1000 < limitSeconds) {
    const r = await client.nova<{ server?: Server }>('GET', `/servers/${id}`);
    last = r.body.server;
    if (last && done(last)) return last;
    if (last?.status === 'ERROR') break;
    await sleep(500);
  }
  throw new LabError('LAB-STEP', `server ${id} did not reach the expected state within ${limitSeconds} s (last: ${last?.status ?? 'unknown'} ${last?.fault?.message ?? ''})`);
}
