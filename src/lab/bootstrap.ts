/**
 * Brings the plan's starting topology up on real services, in the order nova needs: infra, load
 * balancer, databases and cells, control services on every controller, then computes (oldest
 * release first: nova refuses a compute older than the ones already registered), then the
 * plan's instances booted on their hosts.
 */
import { compareReleases } from '../models/catalogue/releases.ts';
import type { LabCloud } from './cloud/cloud.ts';
import type { LabService } from './cloud/services.ts';
import { LabError } from './errors.ts';
import type { Layout } from './layout.ts';
import { OpenStackClient } from './openstack/client.ts';
import { bootOn } from './probes/boot-check.ts';
import type { PhaseRecord, Say } from './phase.ts';
import { phase, round1 } from './phase.ts';

export interface Booted {
  client: OpenStackClient;
  flavorId: string;
  imageId: string;
  /** Seconds from the first container to the plan's instances ACTIVE. */
  seconds: number;
  /** The slowest boot this cloud completed so far (boot checks' limit follows it). */
  slowestBoot?: number;
}

export async function bootstrapCloud(cloud: LabCloud, layout: Layout, phases: PhaseRecord[], say: Say): Promise<Booted> {
  const start = performance.now();
  await cloud.createNetwork();
  const controllers = layout.nodes.filter((n) => n.services.some((s) => s !== 'nova-compute'));
  const first = controllers[0];
  if (!first) throw new LabError('LAB-LAYOUT', 'the plan has no node running nova control services');
  await phase(phases, say, 'infra, with nova databases and cells as soon as MariaDB is up', async () => {
    for (const n of layout.nodes) if (n.services.length) await cloud.addNode(n.name, n.role, n.services, n.release);
    await cloud.startLb(layout.frontends.map((f) => ({
      name: f.name, port: 8774, healthPath: '/',
      backends: f.backends.map((b) => ({ server: b, address: `${b}-nova-api`, port: 8774 })),
    })));
    const { infraReady } = await cloud.startInfra();
    await Promise.all([
      infraReady,
      cloud.manage(first.name, first.release, [
        'nova-manage api_db sync',
        'nova-manage cell_v2 map_cell0 --database_connection mysql+pymysql://os:os@infra/nova_cell0',
        'nova-manage cell_v2 create_cell --name cell1',
        'nova-manage db sync',
      ].join(' && ')),
    ]);
  });

  await phase(phases, say, 'nova control services', async () => {
    await Promise.all(controllers.flatMap((n) => n.services.filter((s) => s !== 'nova-compute').map((s) => startReady(cloud, n.name, s))));
    for (const f of layout.frontends) await cloud.waitLbUp(f.name, f.backends);
  });

  const client = new OpenStackClient(`http://127.0.0.1:${cloud.keystonePort}`, `http://127.0.0.1:${cloud.novaPort}`);
  await client.authenticate();
  const flavor = await client.ok<{ flavor: { id: string } }>('POST', '/flavors', { flavor: { name: 'lab.tiny', ram: 64, vcpus: 1, disk: 0 } });

  await phase(phases, say, 'nova computes', async () => {
    const computes = layout.nodes.filter((n) => n.services.includes('nova-compute'));
    // Oldest first, one release at a time: a compute older than every registered one is refused.
    const releases = [...new Set(computes.map((n) => n.release))].sort(compareReleases);
    for (const r of releases) {
      const t0 = performance.now();
      await Promise.all(computes.filter((n) => n.release === r).map((n) => startReady(cloud, n.name, 'nova-compute')));
      say(`  ${r} computes ready in ${round1((performance.now() - t0) / 1000)} s`);
    }
    const t0 = performance.now();
    await cloud.manage(first.name, first.release, 'nova-manage cell_v2 discover_hosts');
    say(`  nova-manage cell_v2 discover_hosts: ${round1((performance.now() - t0) / 1000)} s`);
  });

  const instances = await phase(phases, say, 'instances', async () => {
    const results = await Promise.all(layout.instances.map((i) => bootOn(client, { imageId: cloud.imageId, flavorId: flavor.flavor.id }, i.host, i.name, 90, true)));
    const bad = results.filter((r) => !r.ok);
    if (bad.length) throw new LabError('LAB-BOOT', `instances failed to boot: ${bad.map((b) => `${b.host}: ${b.status} ${b.detail ?? ''}`).join('; ')}`);
    return results;
  });
  say(`instances ACTIVE: ${instances.map((i) => `${i.host} ${i.seconds} s`).join(', ')}`);
  return {
    client, flavorId: flavor.flavor.id, imageId: cloud.imageId, seconds: Math.round((performance.now() - start) / 100) / 10,
    ...(instances.length ? { slowestBoot: Math.max(...instances.map((i) => i.seconds)) } : {}),
  };
}

async function startReady(cloud: LabCloud, node: string, service: LabService): Promise<void> {
  const since = await cloud.start(node, service);
  const r = await cloud.waitReady(node, service, since);
  if (!r.ok) throw new LabError('LAB-START', `${node}/${service} did not start: ${r.reason}\n${r.logTail}`);
}

