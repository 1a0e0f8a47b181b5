/** ORDER: the documented cross-service order, over running code. */
import { ORDER_RULES } from '../../models/catalogue/order-rules.ts';
import { release } from '../../models/catalogue/releases.ts';
import type { ServiceName } from '../../scenarios/plan.ts';
import { finding, listNames, type Finding } from '../finding.ts';
import type { Census, Group } from './census.ts';

export function orderInvariants(c: Census): Finding[] {
  const out: Finding[] = [];
  const all: Group[] = [...c.running.values()].flat();
  for (const rule of ORDER_RULES) {
    const first = all.filter((g) => rule.first(g.service));
    if (first.length === 0) continue;
    const oldestFirst = Math.min(...first.map((g) => release(g.code).index));
    const ahead = all.filter((g) => rule.then(g.service) && release(g.code).index > oldestFirst);
    if (ahead.length === 0) continue;
    const behind = first.filter((g) => release(g.code).index === oldestFirst);
    const aheadMembers = ahead.flatMap((g) => g.members);
    const behindMembers = behind.flatMap((g) => g.members);
    const services = [...new Set(ahead.map((g) => g.service))] as ServiceName[];
    out.push(finding('ORDER',
      `${listNames(services)} run ${ahead[0]!.code} code while ${listNames(behindMembers)} still run ${behind[0]!.code}`,
      [...aheadMembers, ...behindMembers], rule.rule, rule.source, { key: `order|${rule.id}` }));
  }
  return out;
}
