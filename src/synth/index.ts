/**
 * `synthesizePlan`: given a topology, a release pair, a policy and an objective, search for the
 * plan that keeps every invariant with the least of the objective, hop by hop along the supported
 * route (SLURP jumps where possible), each hop finished (online migrations) before the next.
 * When the policy cannot be kept, answer with the reason and the least-downtime alternative: the
 * same search under the policy widened by exactly the outages that are unavoidable.
 */
import { displayRelease, findRelease } from '../models/catalogue/releases.ts';
import { supportedRoute, upgradePath } from '../models/catalogue/upgrade-path.ts';
import { projectOf } from '../models/catalogue/services.ts';
import { withFrontends } from '../scenarios/inventory/frontends.ts';
import type { Policy, ReleaseName, ServiceName, Topology } from '../scenarios/plan.ts';
import { compareWithGenerators } from './compare.ts';
import { synthesizeHop } from './hop.ts';
import type { Rejection } from './search.ts';
import type { Hop, Objective, Predicted, SynthesisOptions, SynthesisResult } from './types.ts';

export { OBJECTIVES, type Objective, type SynthesisResult, type Predicted, type Comparison, type Hop } from './types.ts';

const POLICY_CODES = new Set(['API_DOWNTIME', 'UNDRAINED_STOP', 'NO_ACTIVE_SERVICE']);

/** The releases a request goes through, both ends included: the catalogue's supported route (adjacent hops, SLURP to the next SLURP). */
export function route(from: ReleaseName, to: ReleaseName): ReleaseName[] {
  return upgradePath(from, to).supported ? [from, to] : supportedRoute(from, to);
}

/** Sum of per-hop predictions. */
export function total(hops: readonly Hop[]): Predicted {
  const out: Predicted = { apiByService: {}, apiServiceSeconds: 0, apiSeconds: 0, instancesAffected: 0, instanceSeconds: 0, steps: 0, durationSeconds: 0, warnings: 0 };
  for (const { predicted: p } of hops) {
    for (const [s, sec] of Object.entries(p.apiByService)) out.apiByService[s] = (out.apiByService[s] ?? 0) + sec;
    out.apiServiceSeconds += p.apiServiceSeconds;
    out.apiSeconds += p.apiSeconds;
    out.instancesAffected = Math.max(out.instancesAffected, p.instancesAffected);
    out.instanceSeconds += p.instanceSeconds;
    out.steps += p.steps;
    out.durationSeconds += p.durationSeconds;
    out.warnings += p.warnings;
  }
  return out;
}

type Attempt = { ok: true; hops: Hop[] } | { ok: false; reason: string; rejections: Rejection[]; hop: string };

function attempt(topo: Topology, inventory: Topology, releases: ReleaseName[], policy: Policy, objective: Objective, options: SynthesisOptions): Attempt {
  const hops: Hop[] = [];
  for (let i = 0; i + 1 < releases.length; i++) {
    const from = releases[i]!;
    const to = releases[i + 1]!;
    const r = synthesizeHop({ topo, inventory, from, to, policy, objective, compare: false, maxChecks: options.maxChecks ?? 5000, ...(options.banned ? { banned: options.banned } : {}) });
    if (!r.ok) return { ok: false, reason: r.reason, rejections: r.rejections, hop: `${displayRelease(from)} → ${displayRelease(to)}` };
    hops.push(r.hop);
  }
  return { ok: true, hops };
}

/** The policy widened by the outages the rejections show to be unavoidable; null when nothing can be widened. */
function widen(policy: Policy, rejections: readonly Rejection[]): Policy | null {
  const api = new Set(Array.isArray(policy.apiDowntime) ? policy.apiDowntime : []);
  let instances = policy.instanceDowntime;
  const before = api.size;
  for (const r of rejections) {
    if (r.violation.code === 'INSTANCE_DOWNTIME') instances = 'allow';
    if (!POLICY_CODES.has(r.violation.code)) continue;
    for (const e of r.violation.entities) {
      const service = (e.includes('/') ? e.split('/')[1] : e) as ServiceName;
      try {
        api.add(projectOf(service));
      } catch {
        // not a service (a frontend or a database)
      }
    }
  }
  if (policy.apiDowntime === 'allow') return instances !== policy.instanceDowntime ? { ...policy, instanceDowntime: instances } : null;
  if (api.size === before && instances === policy.instanceDowntime) return null;
  return { instanceDowntime: instances, apiDowntime: [...api].filter(Boolean).sort() };
}

function describe(policy: Policy): string {
  const api = Array.isArray(policy.apiDowntime) ? (policy.apiDowntime.length > 0 ? `API downtime of ${policy.apiDowntime.join(', ')} only` : 'no API downtime') : policy.apiDowntime === 'allow' ? 'API downtime' : 'no API downtime';
  return `${policy.instanceDowntime === 'allow' ? 'instance downtime' : 'no instance downtime'}, ${api}`;
}

export function synthesizePlan(topology: Topology, from: ReleaseName, to: ReleaseName, policy: Policy, objective: Objective = 'downtime', options: SynthesisOptions = {}): SynthesisResult {
  const a = findRelease(from);
  const b = findRelease(to);
  if (!a || !b) return { ok: false, reason: `unknown release ${!a ? from : to}` };
  if (b.index <= a.index) return { ok: false, reason: `${displayRelease(a.name)} → ${displayRelease(b.name)}: ${b.index === a.index ? 'nothing to upgrade' : 'downgrades are not supported'}` };
  const releases = route(a.name, b.name);
  const topo = withFrontends(topology);
  // Compared with the generators once found (a failed attempt is not worth comparing).
  const compared = (hops: Hop[], obj: Objective) => (options.compare ?? true)
    ? hops.map((h) => ({ ...h, comparison: compareWithGenerators(topology, h.from, h.to, h.predicted, obj) }))
    : hops;
  const first = attempt(topo, topology, releases, policy, objective, options);
  if (first.ok) {
    first.hops = compared(first.hops, objective);
    const p = total(first.hops);
    return { ok: true, plan: first.hops[0]!.plan, predicted: p, ...(first.hops.length === 1 && first.hops[0]!.comparison ? { comparison: first.hops[0]!.comparison } : {}), hops: first.hops };
  }
  // Impossible under this policy: widen it by what is unavoidable, least downtime first.
  const reason = `${first.hop} cannot keep the policy (${describe(policy)}): ${first.reason}`;
  let wider = widen(policy, first.rejections);
  for (let round = 0; wider && round < 8; round++) {
    const next = attempt(topo, topology, releases, wider, 'downtime', options);
    if (next.ok) {
      next.hops = compared(next.hops, 'downtime');
      return { ok: false, reason, alternative: { plan: next.hops[0]!.plan, predicted: total(next.hops), policy: wider, hops: next.hops } };
    }
    wider = widen(wider, next.rejections);
  }
  return { ok: false, reason };
}
