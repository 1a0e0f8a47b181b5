/**
 * A finding is a violation before it is placed on a step: what apply and the invariants return.
 * `key` identifies a condition that persists across steps, so it is reported once when it appears.
 */
import type { InvariantCode, SourceRef, Violation } from './result.ts';

export type Finding = Omit<Violation, 'step' | 'stepId' | 'stepLabel' | 'at'> & {
  /** For conditions of the state (not of an action): the same key on consecutive steps is one violation. */
  key?: string;
};

export function finding(code: InvariantCode, message: string, entities: string[], rule: string, source: SourceRef[], extra: Partial<Finding> = {}): Finding {
  return { code, severity: 'error', message, entities, rule, source, ...extra };
}

/** "compute1, compute2, compute3 and 997 more": long entity lists stay readable. */
export function listNames(names: readonly string[], max = 5): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}
