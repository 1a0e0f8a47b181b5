/**
 * Starting a service, as nova and friends really do it: the code installed is loaded, nova refuses
 * to start a service too old for the deployment (ServiceTooOld, TooOldComputeService), and every
 * compute RPC sender resolves its `[upgrade_levels] compute` cap, `auto` from the oldest
 * registered compute, once, at start.
 */
import { COMPUTE_RPC_SENDERS, isNovaControl } from '../models/catalogue/services.ts';
import { formatRpcVersion, NOVA_RPC_SOURCES, parseCapSetting, resolveComputeCap } from '../models/catalogue/nova-rpc.ts';
import { computeSupported, hasServiceTooOldCheck, oldestSupportedCompute, SERVICE_TOO_OLD_SOURCES, serviceVersion, SKEW_SOURCES } from '../models/catalogue/nova-skew.ts';
import { release } from '../models/catalogue/releases.ts';
import type { ReleaseName, ServiceName } from '../scenarios/plan.ts';
import { finding, type Finding } from './finding.ts';
import { CONFIG_COMPUTE_CAP, computeRecordsFor, isRunning, nodeUp, sendService, type NodeEntity, type World } from './world.ts';

/** The oldest release among the nova-compute records of `node`'s nova database (stopped computes still have one). */
export function oldestComputeRecord(world: World, node: NodeEntity): ReleaseName | undefined {
  let oldest: ReleaseName | undefined;
  for (const r of computeRecordsFor(world, node).releases()) {
    if (oldest === undefined || release(r).index < release(oldest).index) oldest = r;
  }
  return oldest;
}

/** The compute RPC cap a sender of `code` would resolve on `node` now. */
export function resolveCapOn(world: World, node: NodeEntity, code: ReleaseName): { cap: string | null; problem?: string } {
  const setting = parseCapSetting(node.config.get(CONFIG_COMPUTE_CAP));
  const resolved = resolveComputeCap(code, setting, oldestComputeRecord(world, node));
  if (resolved.ok) return { cap: formatRpcVersion(resolved.version) };
  return { cap: null, problem: resolved.reason };
}

/** Start `service` on `node` if stopped or failed; what goes wrong is pushed to `findings`. `initial` boots the starting topology as given. */
export function startService(world: World, node: NodeEntity, service: ServiceName, findings: Finding[], opts: { initial?: boolean } = {}): void {
  const snap = node.services.get(service);
  if (!snap || isRunning(snap) || !nodeUp(node)) return;
  const code = snap.context.installed;
  const who = `${node.name}/${service}`;

  const refusal = opts.initial ? undefined : refuseReason(world, node, service, code);
  if (refusal) {
    node.services.set(service, sendService(snap, { type: 'START_REFUSED', reason: refusal.message }));
    findings.push(finding('SERVICE_TOO_OLD', `${who} refuses to start: ${refusal.message}`, [who, ...refusal.entities], refusal.rule, refusal.source));
    return;
  }

  let computeCap: string | null = null;
  if (COMPUTE_RPC_SENDERS.includes(service)) {
    const r = resolveCapOn(world, node, code);
    computeCap = r.cap;
    if (r.problem) {
      findings.push(finding('RPC_INCOMPATIBLE', `${who} cannot apply its [upgrade_levels] compute cap: ${r.problem}`, [who],
        'A compute RPC cap must name a version or alias the sending release knows.', NOVA_RPC_SOURCES));
    }
  }
  node.services.set(service, sendService(snap, { type: 'START', computeCap }));
  if (service === 'nova-compute') computeRecordsFor(world, node).set(node.name, code);
}

interface Refusal {
  message: string;
  entities: string[];
  rule: string;
  source: Finding['source'];
}

function refuseReason(world: World, node: NodeEntity, service: ServiceName, code: ReleaseName): Refusal | undefined {
  if (service === 'nova-compute' && hasServiceTooOldCheck(code)) {
    const mine = serviceVersion(code);
    let min: number | undefined;
    for (const r of computeRecordsFor(world, node).releases()) {
      const v = serviceVersion(r);
      if (v !== undefined && (min === undefined || v < min)) min = v;
    }
    if (mine !== undefined && min !== undefined && min > mine) {
      return {
        message: `ServiceTooOld: this service is older (v${mine}, ${code}) than the minimum (v${min}) version of the rest of the deployment`,
        entities: [],
        rule: 'nova refuses to register a service older than the oldest registered service of its binary (Mitaka+).',
        source: SERVICE_TOO_OLD_SOURCES,
      };
    }
  }
  // Every nova service runs this check at start (nova.service.Service.create and the API's setup
  // call utils.raise_if_old_compute), nova-compute included: the lab saw a 2025.1 compute refuse.
  if ((isNovaControl(service) || service === 'nova-compute') && release(code).raw.nova.refusesToStartWithTooOldCompute) {
    const records = computeRecordsFor(world, node);
    const tooOld = [...records.releases()].filter((r) => !computeSupported(code, r));
    if (tooOld.length > 0) {
      const supported = oldestSupportedCompute(code);
      const old = [...records].filter(([, r]) => tooOld.includes(r)).map(([n]) => `${n}/nova-compute`);
      const oldest = tooOld.sort((a, b) => release(a).index - release(b).index)[0]!;
      return {
        message: `TooOldComputeService: ${code} does not support computes older than ${supported.oldest}, and ${oldest} computes are registered`,
        entities: old,
        rule: `Nova services refuse to start while a compute older than the oldest supported release is registered (${supported.sourceNote}).`,
        source: SKEW_SOURCES,
      };
    }
  }
  return undefined;
}
