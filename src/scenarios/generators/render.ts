/** A generated plan as the YAML file an operator keeps: a header saying where it came from, then the plan. */
import type { Plan } from '../plan.ts';
import { serializePlan } from '../serialize.ts';

export function renderPlan(plan: Plan, header: readonly string[]): string {
  const lines = header.map((l) => (l ? `# ${l}` : '#'));
  return `${lines.join('\n')}${lines.length > 0 ? '\n\n' : ''}${serializePlan(plan)}`;
}
