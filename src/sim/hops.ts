/**
 * UPGRADE_PATH over the whole plan: `from` → `to`, and for a multi-hop plan each hop between the
 * releases its upgrade and db steps name. A release named outside from–to, or a `to` older than
 * `from`, is a path no procedure supports.
 */
import { displayRelease, release } from '../models/catalogue/releases.ts';
import { UPGRADE_PATH_SOURCES, upgradePath } from '../models/catalogue/upgrade-path.ts';
import type { Plan, ReleaseName, Step } from '../scenarios/plan.ts';
import { finding, type Finding } from './finding.ts';

const RULE = 'Upgrades are supported between adjacent releases and from one SLURP release to the next.';

export function pathFindings(plan: Plan): Finding[] {
  const from = release(plan.from);
  const to = release(plan.to);
  if (to.index < from.index) {
    return [finding('UPGRADE_PATH', `${displayRelease(plan.from)} → ${displayRelease(plan.to)} is a downgrade: OpenStack supports upgrades only`,
      [`release:${plan.from}`, `release:${plan.to}`], RULE, UPGRADE_PATH_SOURCES)];
  }
  const out: Finding[] = [];
  const stops = new Set<ReleaseName>([plan.from, plan.to]);
  const outside = new Map<ReleaseName, string[]>();
  for (const { step, named } of namedReleases(plan.steps)) {
    const r = release(named);
    if (r.index >= from.index && r.index <= to.index) stops.add(named);
    else outside.set(named, [...(outside.get(named) ?? []), step.id]);
  }
  for (const [named, ids] of outside) {
    const below = release(named).index < from.index;
    out.push(finding('UPGRADE_PATH',
      `${ids.length === 1 ? 'step' : 'steps'} ${ids.join(', ')} ${ids.length === 1 ? 'names' : 'name'} ${displayRelease(named)}, ${below ? 'older than the plan\'s from' : 'beyond the plan\'s to'} (${displayRelease(below ? plan.from : plan.to)})`,
      [`release:${named}`], 'Every release a plan installs lies between its from and to, in upgrade order.', UPGRADE_PATH_SOURCES));
  }
  const hops = [...stops].sort((x, y) => release(x).index - release(y).index);
  for (let h = 1; h < hops.length; h++) {
    const [a, b] = [hops[h - 1]!, hops[h]!];
    const path = upgradePath(a, b);
    if (path.supported) continue;
    out.push(finding('UPGRADE_PATH',
      `${displayRelease(a)} → ${displayRelease(b)} is not a supported upgrade (${path.reason})${path.route.length ? `: go ${path.route.map((r) => displayRelease(r)).join(' → ')}` : ''}`,
      [`release:${a}`, `release:${b}`], RULE, UPGRADE_PATH_SOURCES));
  }
  return out;
}

/** The releases upgrade and db steps name (multi-hop plans), with their steps. */
function namedReleases(steps: Step[]): { step: Step; named: ReleaseName }[] {
  const out: { step: Step; named: ReleaseName }[] = [];
  for (const s of steps) {
    const a = s.action;
    if (a.verb === 'parallel') out.push(...namedReleases(a.steps));
    else if ((a.verb === 'upgrade' || a.verb === 'db') && a.release) out.push({ step: s, named: a.release });
  }
  return out;
}
