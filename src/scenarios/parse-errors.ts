/**
 * Plan errors: the stable codes a plan author sees, one line of meaning each. The codes are a
 * public contract (docs/plan-format.md lists the same table): tools and people grep for them,
 * so a code is never reused for a different meaning.
 */

export const PLAN_ERRORS = {
  'PLAN-E001': 'the file is not valid YAML',
  'PLAN-E002': 'a key is written twice in the same map (node, instance, frontend, database or field)',
  'PLAN-E003': 'unknown top-level field',
  'PLAN-E004': 'apiVersion is missing or is not preflight/v1',
  'PLAN-E005': 'a required field is missing',
  'PLAN-E006': 'unknown release (neither a codename nor a series id)',
  'PLAN-E007': 'a field has the wrong type',
  'PLAN-E008': 'a value is not one of the allowed choices (policy, phase, role)',
  'PLAN-E009': 'unknown field inside a verb, the topology, a topology entry or the policy',
  'PLAN-E010': 'unknown verb',
  'PLAN-E011': 'a step has no verb',
  'PLAN-E012': 'a step has more than one verb',
  'PLAN-E013': 'unknown service name',
  'PLAN-E014': 'unknown node (never declared, or removed earlier in the plan)',
  'PLAN-E015': 'unknown load-balancer frontend',
  'PLAN-E016': 'unknown instance (never declared, or deleted earlier in the plan)',
  'PLAN-E017': 'unknown database',
  'PLAN-E018': 'the node does not run that service at that point of the plan',
  'PLAN-E019': 'a service glob matches nothing on the node',
  'PLAN-E020': 'the name is already taken (add-node of an existing node)',
  'PLAN-E021': 'the plan file cannot be read',
  'PLAN-E022': 'a value is out of range or not allowed here (negative duration, nested parallel, empty group)',
  'PLAN-E023': 'unknown project, or a project without a database',
  'PLAN-E024': 'the node is not a backend of that frontend',
  'PLAN-E025': 'the database does not hold that project\'s schema',
} as const;

export type PlanErrorCode = keyof typeof PLAN_ERRORS;

/** One thing wrong with a plan, located in its file (1-based line and column). */
export interface PlanError {
  code: PlanErrorCode;
  file: string;
  line: number;
  column: number;
  message: string;
  /** A suggestion ("did you mean nova-conductor?") or the valid values. */
  hint?: string;
}

/** A position inside the plan text, before the file name is attached. */
export interface Position {
  line: number;
  column: number;
}

export function planError(
  code: PlanErrorCode,
  file: string,
  at: Position,
  message: string,
  hint?: string,
): PlanError {
  return { code, file, line: at.line, column: at.column, message, ...(hint ? { hint } : {}) };
}

/** `file:line:column: [PLAN-Exxx] message; hint`: the shape compilers use, so editors can jump to it. */
export function formatPlanError(e: PlanError): string {
  return `${e.file}:${e.line}:${e.column}: [${e.code}] ${e.message}${e.hint ? `; ${e.hint}` : ''}`;
}

export function formatPlanErrors(errors: readonly PlanError[]): string {
  return errors.map(formatPlanError).join('\n');
}

/** Errors in reading order, so the output follows the file. */
export function sortPlanErrors(errors: readonly PlanError[]): PlanError[] {
  return [...errors].sort((a, b) => a.line - b.line || a.column - b.column);
}
