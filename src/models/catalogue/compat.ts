/**
 * Version-mix compatibility per RPC channel, as one set of pure rules used by both the simulator's
 * invariants and the compatibility matrix of reports. "Supported" is what the projects document;
 * "unsupported-but-works" is what runs although no document supports it (evidence cited);
 * "refused" is what the code rejects or what we conservatively model as failing.
 */
import type { ReleaseName } from '../../scenarios/plan.ts';
import type { SourceRef } from '../../sim/result.ts';
import { sourceRefs } from './facts.ts';
import { computeAccepts, computeRpcLatest, formatRpcVersion, NOVA_RPC_SOURCES, parseCapSetting, resolveComputeCap } from './nova-rpc.ts';
import { computeSupported, oldestSupportedCompute, SKEW_SOURCES } from './nova-skew.ts';
import { release, RELEASES } from './releases.ts';

export type Channel =
  | 'api→conductor'
  | 'conductor→compute'
  | 'compute→conductor'
  | 'scheduler→compute'
  | 'neutron-server↔agents'
  | 'cinder-scheduler→volume';
export const CHANNELS: readonly Channel[] = [
  'conductor→compute', 'scheduler→compute', 'compute→conductor', 'api→conductor', 'neutron-server↔agents', 'cinder-scheduler→volume',
];

export type CompatStatus = 'supported' | 'unsupported-but-works' | 'refused';

export interface CompatVerdict {
  status: CompatStatus;
  detail: string;
  source: SourceRef[];
}

export interface CompatibilityCell extends CompatVerdict {
  channel: Channel;
  newer: ReleaseName;
  older: ReleaseName;
  /** control-newer: the control side (server, conductor, scheduler) runs the newer release. */
  direction: 'control-newer' | 'control-older';
}

export interface CompatibilityMatrix {
  from: ReleaseName;
  to: ReleaseName;
  releases: ReleaseName[];
  cells: CompatibilityCell[];
}

const LAB_NEWER_COMPUTE: SourceRef = {
  id: 'lab-notes-newer-compute',
  url: 'shared/LAB-NOTES.md#what-real-nova-did-the-model-must-predict-these',
  note: 'A 2026.1 compute under a 2025.1 control plane registered and booted servers (observed in the lab).',
};

/**
 * Control services of `control` sending compute RPC to a nova-compute of `compute`, with the cap
 * an operator would set (`auto` where it exists, else the compute's release alias).
 */
export function controlToCompute(control: ReleaseName, compute: ReleaseName): CompatVerdict {
  const c = release(control);
  const k = release(compute);
  if (c.index === k.index) return { status: 'supported', detail: 'same release', source: NOVA_RPC_SOURCES };
  if (k.index > c.index) {
    const latest = computeRpcLatest(control);
    const ok = latest !== undefined && computeAccepts(compute, latest);
    return ok
      ? { status: 'unsupported-but-works', detail: `a ${compute} compute accepts ${control}'s ${formatRpcVersion(latest!)}; nova does not refuse it, but only older computes are supported`, source: [...NOVA_RPC_SOURCES, LAB_NEWER_COMPUTE] }
      : { status: 'refused', detail: `a ${compute} compute does not accept ${control}'s compute RPC`, source: NOVA_RPC_SOURCES };
  }
  const setting = c.raw.nova.upgradeLevelsComputeAutoAvailable ? parseCapSetting('auto') : parseCapSetting(compute);
  const cap = resolveComputeCap(control, setting, compute);
  const oldest = oldestSupportedCompute(control);
  if (!cap.ok) return { status: 'refused', detail: cap.reason, source: NOVA_RPC_SOURCES };
  if (!computeAccepts(compute, cap.version)) {
    return { status: 'refused', detail: `${control} capped at ${formatRpcVersion(cap.version)} (${cap.via}) is not accepted by ${compute}`, source: NOVA_RPC_SOURCES };
  }
  if (!computeSupported(control, compute)) {
    return oldest.enforced
      ? { status: 'refused', detail: `${control} control services refuse to start with a ${compute} compute (TooOldComputeService; oldest supported: ${oldest.oldest})`, source: SKEW_SOURCES }
      : { status: 'unsupported-but-works', detail: `RPC ${formatRpcVersion(cap.version)} is accepted, but ${control} supports computes from ${oldest.oldest} only (${oldest.sourceNote})`, source: [...NOVA_RPC_SOURCES, ...SKEW_SOURCES] };
  }
  return { status: 'supported', detail: `capped at ${formatRpcVersion(cap.version)} (${cap.via})`, source: [...NOVA_RPC_SOURCES, ...SKEW_SOURCES] };
}

/** A nova-compute of `compute` calling conductors of `control`. */
export function computeToConductor(control: ReleaseName, compute: ReleaseName): CompatVerdict {
  const c = release(control);
  const k = release(compute);
  if (c.index === k.index) return { status: 'supported', detail: 'same release', source: SKEW_SOURCES };
  if (k.index > c.index) {
    return { status: 'unsupported-but-works', detail: 'conductors must be upgraded before computes; nova does not block a newer compute', source: [...SKEW_SOURCES, LAB_NEWER_COMPUTE] };
  }
  if (computeSupported(control, compute)) return { status: 'supported', detail: `${control} conductors serve ${compute} computes`, source: SKEW_SOURCES };
  const oldest = oldestSupportedCompute(control);
  return { status: oldest.enforced ? 'refused' : 'unsupported-but-works', detail: `oldest supported compute for ${control} is ${oldest.oldest} (${oldest.sourceNote})`, source: SKEW_SOURCES };
}

const API_ORDER = sourceRefs('nova-doc-upgrades');
/** nova-api of `api` calling conductors of `conductor`: the guide starts conductors first and api last. */
export function apiToConductor(conductor: ReleaseName, api: ReleaseName): CompatVerdict {
  const a = release(api);
  const c = release(conductor);
  if (a.index <= c.index) {
    return a.index >= c.index - 1 || computeSupported(conductor, api)
      ? { status: 'supported', detail: 'older or equal api against upgraded conductors', source: API_ORDER }
      : { status: 'refused', detail: 'more than the supported skew apart', source: API_ORDER };
  }
  return { status: 'refused', detail: 'nova-api newer than the conductors: the guide starts conductors first and api last (modelled as failing; no document supports it)', source: API_ORDER };
}

const NEUTRON = sourceRefs('neutron-doc-upgrade');
/** neutron-server of `server` with agents of `agent`. */
export function neutronServerToAgent(server: ReleaseName, agent: ReleaseName): CompatVerdict {
  const s = release(server);
  const a = release(agent);
  if (s.index === a.index) return { status: 'supported', detail: 'same release', source: NEUTRON };
  if (a.index > s.index) return { status: 'refused', detail: 'agents have no compat code for an older server: upgrade every neutron-server first', source: NEUTRON };
  if (s.index - a.index === 1) return { status: 'supported', detail: 'the server handles agents one release older', source: NEUTRON };
  return { status: 'refused', detail: `agents ${s.index - a.index} releases older than the server: neutron documents no such skew (modelled as failing)`, source: NEUTRON };
}

const CINDER = sourceRefs('cinder-doc-upgrades', 'cinder-doc-rolling-contrib', 'cinder-rpc');
/** cinder-scheduler/api of `control` sending to cinder-volume of `volume` (or the reverse mix). */
export function cinderControlToVolume(control: ReleaseName, volume: ReleaseName): CompatVerdict {
  const c = release(control);
  const v = release(volume);
  const gap = Math.abs(c.index - v.index);
  if (gap === 0) return { status: 'supported', detail: 'same release', source: CINDER };
  const newer = c.index > v.index ? c : v;
  if (gap > 1) return { status: 'refused', detail: 'cinder supports live upgrades between adjacent releases only', source: CINDER };
  if (newer.raw.features.cinder['autoRpcVersionPinning'] !== true) {
    return { status: 'refused', detail: `${newer.name} predates cinder's automatic RPC version pinning (Mitaka)`, source: CINDER };
  }
  return { status: 'supported', detail: 'RPC and object versions pinned automatically from the services table', source: CINDER };
}

/** The catalogue's compatibility report for a release pair: every channel, every mix along the way. */
export function compatibilityMatrix(from: ReleaseName, to: ReleaseName): CompatibilityMatrix {
  const a = release(from);
  const b = release(to);
  const [lo, hi] = a.index <= b.index ? [a, b] : [b, a];
  const releases = RELEASES.slice(lo.index, hi.index + 1).map((r) => r.name);
  const pairs: [ReleaseName, ReleaseName][] = [[hi.name, lo.name]];
  if (hi.index - lo.index > 1) for (let i = lo.index; i < hi.index; i++) pairs.push([RELEASES[i + 1]!.name, RELEASES[i]!.name]);
  const cells: CompatibilityCell[] = [];
  for (const [newer, older] of pairs) {
    const both = (channel: Channel, f: (control: ReleaseName, other: ReleaseName) => CompatVerdict) => {
      cells.push({ channel, newer, older, direction: 'control-newer', ...f(newer, older) });
      cells.push({ channel, newer, older, direction: 'control-older', ...f(older, newer) });
    };
    both('conductor→compute', controlToCompute);
    both('scheduler→compute', controlToCompute);
    both('compute→conductor', computeToConductor);
    both('api→conductor', (control, api) => apiToConductor(control, api));
    both('neutron-server↔agents', neutronServerToAgent);
    both('cinder-scheduler→volume', cinderControlToVolume);
  }
  return { from, to, releases, cells };
}
