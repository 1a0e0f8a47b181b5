/**
 * The compute RPC pins the model allows, step by step, for comparison with nova's
 * "Automatically selected compute RPC version X from minimum service version N" lines.
 *
 * The model fixes a sender's `auto` pin when the sender starts (the timeline's `computeCap`).
 * Real nova picks it lazily, once per process, at that process's first compute RPC (a uwsgi
 * worker of nova-api that has sent none yet picks from the computes registered *now*). So a
 * logged pin agrees with the model when it is either the pin at the sender's last start or the
 * pin its running code would pick from the oldest compute registered now, and when the process
 * runs under `auto` at all. Anything else is a finding.
 *
 * Which setting a process started with is not in the timeline (a `config` step edits the file;
 * only a start reads it), so it is followed here from the plan's `config` and start-like steps.
 */
import { formatRpcVersion, parseCapSetting, resolveComputeCap } from '../../models/catalogue/nova-rpc.ts';
import { serviceVersion } from '../../models/catalogue/nova-skew.ts';
import { compareReleases } from '../../models/catalogue/releases.ts';
import { COMPUTE_RPC_SENDERS } from '../../models/catalogue/services.ts';
import type { Action, Plan, ReleaseName } from '../../scenarios/plan.ts';
import type { StepRecord } from '../../sim/result.ts';
import { writtenOrder } from '../../sim/sequence.ts';

/** One running compute RPC sender after one timeline record. */
export interface PinState {
  /** "ctl1/nova-conductor" */
  entity: string;
  running: ReleaseName;
  /** The process started with `[upgrade_levels] compute = auto`: only then does nova log a pin. */
  auto: boolean;
  /** The model's cap, resolved at the sender's last start. */
  atStart: string | null;
  /** What `auto` would select now, from the oldest registered compute (equals atStart without auto). */
  lazy: string | null;
  /** nova's minimum nova-compute service version now (what a lazily picked pin's log line quotes). */
  minServiceVersion: number | null;
  /** The minimum when the sender last started (what a pin picked at start quotes). */
  minServiceVersionAtStart: number | null;
}

/** Per entity, every pin the model allows within one step (the state before it and after each of its leaves). */
export interface PinAllowance {
  entity: string;
  auto: boolean;
  pins: string[];
  minServiceVersions: number[];
}

const UPGRADE_LEVELS = { file: 'nova.conf', section: 'upgrade_levels', key: 'compute' };

/** Processes (re)started by an action: "node/service" for each service it starts, or a node's all. */
function started(a: Action): { node: string; services: readonly string[] | 'all' }[] {
  switch (a.verb) {
    case 'start':
    case 'restart':
      return [{ node: a.node, services: a.services }];
    case 'add-node':
      return [{ node: a.node, services: a.services }];
    case 'reboot':
      return [{ node: a.node, services: 'all' }];
    default:
      return [];
  }
}

/** The pin states after every timeline record, by the record's stepId ("0" is the starting topology). */
export function pinStates(plan: Plan, timeline: readonly StepRecord[]): Map<string, PinState[]> {
  const leaves = new Map(writtenOrder(plan).map((l) => [l.step.id, l.step]));
  const file = new Map<string, string | null>();
  const settingAtStart = new Map<string, string | null>();
  const records = new Map<string, ReleaseName>();
  const minAtStart = new Map<string, number | null>();
  const minVersion = () => {
    const oldest = [...records.values()].sort(compareReleases)[0];
    return oldest ? (serviceVersion(oldest) ?? null) : null;
  };
  const out = new Map<string, PinState[]>();
  let previous: StepRecord | undefined;
  for (const rec of timeline) {
    const action = leaves.get(rec.stepId)?.action;
    if (action?.verb === 'config' && action.file === UPGRADE_LEVELS.file && action.section === UPGRADE_LEVELS.section && action.key === UPGRADE_LEVELS.key) {
      for (const n of action.nodes) file.set(n, action.value);
    }
    if (action?.verb === 'remove-node') records.delete(action.node);
    const restarted = action ? started(action) : [];
    const wasRunning = new Set((previous?.services ?? []).filter((s) => s.status === 'running').map((s) => `${s.node}/${s.service}`));
    // A starting service resolves its cap before its own record is rewritten (as the model does).
    const minBefore = minVersion();
    for (const s of rec.services) {
      if (s.status !== 'running' || !s.running) continue;
      const entity = `${s.node}/${s.service}`;
      const fresh = !wasRunning.has(entity) || restarted.some((r) => r.node === s.node && (r.services === 'all' || r.services.includes(s.service)));
      if (fresh) {
        settingAtStart.set(entity, file.get(s.node) ?? null);
        minAtStart.set(entity, minBefore);
      }
      if (s.service === 'nova-compute') records.set(s.node, s.running);
    }
    const oldest = [...records.values()].sort(compareReleases)[0];
    const states: PinState[] = [];
    for (const s of rec.services) {
      if (s.status !== 'running' || !s.running || !COMPUTE_RPC_SENDERS.includes(s.service)) continue;
      const entity = `${s.node}/${s.service}`;
      const auto = parseCapSetting(settingAtStart.get(entity)).kind === 'auto';
      const atStart = s.computeCap ?? null;
      let lazy = atStart;
      if (auto) {
        const r = resolveComputeCap(s.running, { kind: 'auto' }, oldest);
        lazy = r.ok ? formatRpcVersion(r.version) : null;
      }
      states.push({ entity, running: s.running, auto, atStart, lazy, minServiceVersion: minVersion(), minServiceVersionAtStart: minAtStart.get(entity) ?? null });
    }
    out.set(rec.stepId, states);
    previous = rec;
  }
  return out;
}

/** Merges pin states (the state before a step and after each of its leaves) into what each entity may log. */
export function allowPins(states: readonly PinState[][]): PinAllowance[] {
  const by = new Map<string, PinAllowance>();
  for (const s of states.flat()) {
    const a = by.get(s.entity) ?? { entity: s.entity, auto: false, pins: [], minServiceVersions: [] };
    a.auto ||= s.auto;
    if (s.auto) {
      for (const p of [s.atStart, s.lazy]) if (p && !a.pins.includes(p)) a.pins.push(p);
      for (const v of [s.minServiceVersionAtStart, s.minServiceVersion]) if (v !== null && !a.minServiceVersions.includes(v)) a.minServiceVersions.push(v);
    }
    by.set(s.entity, a);
  }
  return [...by.values()].sort((x, y) => x.entity.localeCompare(y.entity));
}

/** Why an observed pin is not one the model allows, or undefined when it is. */
export function pinDisagreement(allowed: readonly PinAllowance[], entity: string, pin: { version: string; minServiceVersion: number }): string | undefined {
  const a = allowed.find((x) => x.entity === entity);
  if (!a) return `${entity} logged pin ${pin.version}, but the model has no running ${entity} at this step`;
  if (!a.auto) return `${entity} logged an automatic pin ${pin.version}, but the model has it running without [upgrade_levels] compute = auto`;
  if (!a.pins.includes(pin.version)) return `${entity} picked ${pin.version}; the model allows ${a.pins.join(' or ')} (at its last start, or picked lazily now)`;
  if (!a.minServiceVersions.includes(pin.minServiceVersion)) {
    return `${entity} picked ${pin.version} from minimum service version ${pin.minServiceVersion}; the model's oldest compute is v${a.minServiceVersions.join(' or v')}`;
  }
  return undefined;
}
