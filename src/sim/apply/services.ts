/** stop, start, restart, upgrade, enable, disable, config and failover. */
import { SERVICE_INFO } from '../../models/catalogue/services.ts';
import type { NodeName, ReleaseName, ServiceName } from '../../scenarios/plan.ts';
import { activeFrontendsFor, apiAvailable } from '../availability.ts';
import { finding } from '../finding.ts';
import { apiDowntimeAllowed } from '../policy.ts';
import { startService } from '../start.ts';
import { downWith } from '../together.ts';
import { configKey, isRunning, nodeUp, sendService, type NodeEntity } from '../world.ts';
import type { StepContext } from './effects.ts';
import { sourceRefs } from '../../models/catalogue/facts.ts';

const HAPROXY_DRAIN_SOURCES = sourceRefs('keystone-doc-upgrading', 'glance-doc-rolling');

export function node(ctx: StepContext, name: NodeName): NodeEntity | undefined {
  return ctx.world.nodes.get(name);
}

/** Stopping a backend that a frontend still sends to drops its in-flight requests. */
export function checkUndrained(ctx: StepContext, n: NodeEntity, service: ServiceName, how: string): void {
  if (!isRunning(n.services.get(service)) || !nodeUp(n)) return;
  const frontends = activeFrontendsFor(ctx.world, n.name, service);
  if (frontends.length === 0 || apiDowntimeAllowed(ctx.world.plan.policy, service)) return;
  ctx.findings.push(finding('UNDRAINED_STOP',
    `${how} ${service} on ${n.name} while haproxy frontend ${frontends.join(', ')} still sends it requests: in-flight requests fail`,
    [`${n.name}/${service}`, ...frontends.map((f) => `frontend:${f}`)],
    'Drain a backend in haproxy before stopping its service, and undrain it after it is back.',
    HAPROXY_DRAIN_SOURCES));
}

export function stop(ctx: StepContext, nodeName: NodeName, services: ServiceName[]): void {
  const n = node(ctx, nodeName);
  if (!n) return;
  for (const s of services) {
    const snap = n.services.get(s);
    if (!snap) continue;
    checkUndrained(ctx, n, s, 'stopping');
    if (snap.value !== 'stopped') n.services.set(s, sendService(snap, { type: 'STOP' }));
  }
}

export function start(ctx: StepContext, nodeName: NodeName, services: ServiceName[]): void {
  const n = node(ctx, nodeName);
  if (!n) return;
  for (const s of services) startService(ctx.world, n, s, ctx.findings);
}

export function restart(ctx: StepContext, nodeName: NodeName, services: ServiceName[]): void {
  const n = node(ctx, nodeName);
  if (!n) return;
  for (const s of services) {
    const snap = n.services.get(s);
    if (!snap) continue;
    checkUndrained(ctx, n, s, 'restarting');
    if (SERVICE_INFO[s].kind === 'api' && isRunning(snap) && !apiAvailable(ctx.world, s, downWith(ctx.together, s, n.name))) ctx.transientApiDown.add(s);
    if (snap.value !== 'stopped') n.services.set(s, sendService(snap, { type: 'STOP' }));
    startService(ctx.world, n, s, ctx.findings);
  }
}

export function upgrade(ctx: StepContext, nodeName: NodeName, services: ServiceName[], to: ReleaseName): void {
  const n = node(ctx, nodeName);
  if (!n) return;
  for (const s of services) {
    const snap = n.services.get(s);
    if (snap) n.services.set(s, sendService(snap, { type: 'INSTALL', release: to }));
  }
}

export function setEnabled(ctx: StepContext, nodeName: NodeName, services: ServiceName[], enabled: boolean): void {
  const n = node(ctx, nodeName);
  if (!n) return;
  for (const s of services) {
    const snap = n.services.get(s);
    if (snap) n.services.set(s, sendService(snap, { type: enabled ? 'ENABLE' : 'DISABLE' }));
  }
}

export function config(ctx: StepContext, nodes: NodeName[], file: string, section: string, key: string, value: string | null): void {
  const k = configKey(file, section, key);
  for (const name of nodes) {
    const n = node(ctx, name);
    if (!n) continue;
    if (value === null) n.config.delete(k);
    else n.config.set(k, value);
  }
}

/** Move an active/passive service: stop it where it runs, start it on `to`. */
export function failover(ctx: StepContext, service: ServiceName, to: NodeName): void {
  for (const n of ctx.world.nodes.values()) {
    if (n.name === to) continue;
    const snap = n.services.get(service);
    if (snap && snap.value !== 'stopped') n.services.set(service, sendService(snap, { type: 'STOP' }));
  }
  const target = node(ctx, to);
  if (target) startService(ctx.world, target, service, ctx.findings);
}
