/** ORDER: the documented cross-service order, over running code. */
import { ORDER_RULES } from '../../models/catalogue/order-rules.ts';
import { release } from '../../models/catalogue/releases.ts';
import type { ServiceName } from '../../scenarios/plan.ts';
import { finding, listNames, type Finding } from '../finding.ts';
import type { Census, Group } from './census.ts';

interface Span {
  service: ServiceName;
  groups: Group[];
  oldest: number;
  newest: number;
}

export function orderInvariants(c: Census): Finding[] {
  // Per running service, its oldest and newest release: the rules compare only these.
  const spans: Span[] = [];
  for (const [service, groups] of c.running) {
    let oldest = Infinity;
    let newest = -Infinity;
    for (const g of groups) {
      const i = release(g.code).index;
      if (i < oldest) oldest = i;
      if (i > newest) newest = i;
    }
    spans.push({ service, groups, oldest, newest });
  }
  const out: Finding[] = [];
  for (const rule of ORDER_RULES) {
    const first = spans.filter((s) => rule.first(s.service));
    if (first.length === 0) continue;
    const oldestFirst = Math.min(...first.map((s) => s.oldest));
    const aheadSpans = spans.filter((s) => rule.then(s.service) && s.newest > oldestFirst);
    if (aheadSpans.length === 0) continue;
    const ahead = aheadSpans.flatMap((s) => s.groups.filter((g) => release(g.code).index > oldestFirst));
    const behind = first.flatMap((s) => s.groups.filter((g) => release(g.code).index === oldestFirst));
    const aheadMembers = ahead.flatMap((g) => g.members);
    const behindMembers = behind.flatMap((g) => g.members);
    const services = aheadSpans.map((s) => s.service);
    out.push(finding('ORDER',
      `${listNames(services)} ${services.length === 1 ? 'runs' : 'run'} ${ahead[0]!.code} code while ${listNames(behindMembers)} ${behindMembers.length === 1 ? 'still runs' : 'still run'} ${behind[0]!.code}`,
      [...aheadMembers, ...behindMembers], rule.rule, rule.source, { key: `order|${rule.id}` }));
  }
  return out;
}
