/**
 * A real boot on one compute host: create a server forced onto the host, wait for ACTIVE or
 * ERROR within a hard limit, then delete it. This is the lab's proof that a compute can take
 * work after a step, beyond its service row saying "up".
 */
import type { OpenStackClient, Server } from '../openstack/client.ts';

export interface BootResult {
  host: string;
  ok: boolean;
  seconds: number;
  status: string;
  detail?: string;
}

export interface BootSpec {
  imageId: string;
  flavorId: string;
}

/** No answer, or HAProxy's own answers when no backend could serve the request. */
const GATEWAY_ERRORS = new Set([0, 502, 503, 504]);
const GATEWAY_RETRY_SECONDS = 6;

/** `keep` leaves an ACTIVE server in place (the plan's own instances); probes delete theirs. */
export async function bootOn(client: OpenStackClient, spec: BootSpec, host: string, name: string, limitSeconds = 45, keep = false): Promise<BootResult> {
  const start = performance.now();
  const seconds = () => Math.round((performance.now() - start) / 100) / 10;
  const body = { server: { name, imageRef: spec.imageId, flavorRef: spec.flavorId, networks: 'none', availability_zone: `nova:${host}` } };
  let created = await client.nova<{ server?: { id: string } }>('POST', '/servers', body);
  // A gateway error is HAProxy still sending to a backend that just went away (it takes three
  // failed health checks, about 3 s, to notice): the API probe measures that outage. The boot
  // check asks whether the compute can take work, so it retries the request for a few seconds.
  while (GATEWAY_ERRORS.has(created.status) && seconds() < GATEWAY_RETRY_SECONDS) {
    await new Promise((r) => setTimeout(r, 500));
    created = await client.nova<{ server?: { id: string } }>('POST', '/servers', body);
  }
  const id = created.body.server?.id;
  if (!id) return { host, ok: false, seconds: seconds(), status: `HTTP ${created.status}`, detail: JSON.stringify(created.body).slice(0, 300) };
  let status = 'BUILD';
  let fault: string | undefined;
  while (seconds() < limitSeconds) {
    await new Promise((r) => setTimeout(r, 300));
    const r = await client.nova<{ server?: Server }>('GET', `/servers/${id}`);
    status = r.body.server?.status ?? `HTTP ${r.status}`;
    fault = r.body.server?.fault?.message;
    if (status === 'ACTIVE' || status === 'ERROR') break;
  }
  const result: BootResult = { host, ok: status === 'ACTIVE', seconds: seconds(), status, ...(fault ? { detail: fault } : {}) };
  if (status !== 'ACTIVE' && status !== 'ERROR') result.detail = `still ${status} after ${limitSeconds} s`;
  if (!keep || !result.ok) await client.nova('DELETE', `/servers/${id}`);
  return result;
}
