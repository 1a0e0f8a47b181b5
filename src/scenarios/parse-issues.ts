/**
 * zod issues → plan errors. The same zod issue means different things to an author depending
 * on where it is: an unrecognized key at the top is an unknown field (E003), directly in a step
 * it is an unknown verb (E010), inside a verb an unknown field (E009).
 */
import type { core } from 'zod';
import { planError, type PlanError } from './parse-errors.ts';
import { choicesHint, describeValue, didYouMean, nearest } from './parse-hints.ts';
import {
  DatabaseSchema,
  FrontendSchema,
  InstanceSchema,
  NodeSchema,
  PolicySchema,
  STEP_FIELDS,
  TOP_LEVEL_FIELDS,
  TopologySchema,
  VerbBodies,
} from './parse-schema.ts';
import type { Path, SourceMap } from './parse-yaml.ts';
import { VERBS } from './plan.ts';

/** The value at `path` in plain data, or undefined. */
export function valueAt(data: unknown, path: Path): unknown {
  let current = data;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/** A path is a step when it ends with an index into `steps` or into a `parallel` group. */
function isStepPath(path: Path): boolean {
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  return typeof last === 'number' && (parent === 'steps' || parent === 'parallel');
}

/** A short name for the field at `path`: relative to its step, so "stop.service" rather than "steps.4.stop.service". */
export function fieldLabel(path: Path): string {
  let start = 0;
  for (let i = 0; i < path.length; i++) if (isStepPath(path.slice(0, i + 1))) start = i + 1;
  const rest = path.slice(start);
  if (rest.length === 0) return start === 0 ? 'the plan' : `step ${stepId(path)}`;
  return rest.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/** The id a step path will have in the Plan ("3", "3.2"), for messages about the step itself. */
function stepId(path: Path): string {
  return path.filter((s): s is number => typeof s === 'number').map((i) => i + 1).join('.');
}

/** Field names valid in the map at `path`, for "did you mean" hints on unknown fields. */
function knownFields(path: Path): string[] {
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  const grand = path[path.length - 3];
  if (typeof last === 'string' && last in VerbBodies && typeof parent === 'number') {
    return Object.keys(VerbBodies[last as keyof typeof VerbBodies].shape);
  }
  if (path.length === 1 && last === 'topology') return Object.keys(TopologySchema.shape);
  if (path.length === 1 && last === 'policy') return Object.keys(PolicySchema.shape);
  if (grand === 'topology' && path.length === 3) {
    const shapes = { nodes: NodeSchema, loadBalancers: FrontendSchema, databases: DatabaseSchema, instances: InstanceSchema };
    const schema = shapes[parent as keyof typeof shapes];
    if (schema) return Object.keys(schema.shape);
  }
  return [];
}

export function issuesToErrors(
  issues: readonly core.$ZodIssue[],
  data: unknown,
  source: SourceMap,
  file: string,
): PlanError[] {
  return issues.flatMap((issue) => issueToErrors(issue, data, source, file));
}

function issueToErrors(issue: core.$ZodIssue, data: unknown, source: SourceMap, file: string): PlanError[] {
  const path = issue.path as (string | number)[];
  const value = valueAt(data, path);
  const label = fieldLabel(path);
  const missing = value === undefined && path.length > 0;
  const isApiVersion = path.length === 1 && path[0] === 'apiVersion';

  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => unknownKey(path, key, source, file));
  }
  if (isApiVersion) {
    const message = missing ? 'missing apiVersion' : `apiVersion must be preflight/v1, got ${describeValue(value)}`;
    const at = missing ? source.value([]) : source.value(path);
    return [planError('PLAN-E004', file, at, message, 'write apiVersion: preflight/v1')];
  }
  if (missing && (issue.code === 'invalid_type' || issue.code === 'invalid_union' || issue.code === 'invalid_value')) {
    const parent = path.slice(0, -1);
    if (misspelledAs(data, parent, String(path[path.length - 1]))) return [];
    const where = parent.length === 0 ? '' : ` in ${fieldLabel(parent)}`;
    return [planError('PLAN-E005', file, source.key(parent), `missing required field "${String(path[path.length - 1])}"${where}`)];
  }
  switch (issue.code) {
    case 'invalid_type': {
      if (path.length === 0) {
        return [planError('PLAN-E007', file, source.value(path), `a plan must be a map of fields, got ${describeValue(data)}`)];
      }
      return [planError('PLAN-E007', file, source.value(path), `${label} must be ${expected(issue.expected)}, got ${describeValue(value)}`)];
    }
    case 'invalid_union': {
      const choices = enumChoices(issue);
      if (choices && typeof value === 'string') {
        const guess = didYouMean(value, choices);
        const valid = `valid: ${choices.join(', ')}, or a list`;
        const hint = guess ? `${guess} (${valid})` : valid;
        return [planError('PLAN-E008', file, source.value(path), `invalid ${label} ${describeValue(value)}`, hint)];
      }
      return [planError('PLAN-E007', file, source.value(path), `${label} must be ${issue.message}, got ${describeValue(value)}`)];
    }
    case 'invalid_value': {
      const choices = issue.values.map(String);
      return [
        planError('PLAN-E008', file, source.value(path), `invalid ${label} ${describeValue(value)}`, choicesHint(String(value), choices)),
      ];
    }
    case 'too_small':
      if (issue.origin === 'array') {
        return [planError('PLAN-E022', file, source.value(path), `${label} needs at least ${String(issue.minimum)} entry, got an empty list`)];
      }
      return [planError('PLAN-E022', file, source.value(path), `${label} must be 0 or more, got ${describeValue(value)}`)];
    default:
      return [planError('PLAN-E007', file, source.value(path), `${label}: ${issue.message}`)];
  }
}

/**
 * Whether the map at `parent` has an unknown key whose hint is `field`: then "unknown field
 * services; did you mean service?" already says it, and "missing service" would be noise.
 */
function misspelledAs(data: unknown, parent: Path, field: string): boolean {
  const map = valueAt(data, parent);
  if (map === null || typeof map !== 'object' || Array.isArray(map)) return false;
  const known = parent.length === 0 ? TOP_LEVEL_FIELDS : knownFields(parent);
  return Object.keys(map).some((key) => !known.includes(key) && nearest(key, known) === field);
}

function unknownKey(path: Path, key: string, source: SourceMap, file: string): PlanError {
  const at = source.key([...path, key]);
  if (path.length === 0) {
    return planError('PLAN-E003', file, at, `unknown top-level field "${key}"`, didYouMean(key, TOP_LEVEL_FIELDS));
  }
  if (isStepPath(path)) {
    return planError('PLAN-E010', file, at, `unknown verb "${key}"`, didYouMean(key, [...VERBS, ...STEP_FIELDS]));
  }
  if (path.length === 1 && path[0] === 'durations') {
    return planError('PLAN-E010', file, at, `unknown verb "${key}" in durations`, didYouMean(key, VERBS));
  }
  return planError('PLAN-E009', file, at, `unknown field "${key}" in ${fieldLabel(path)}`, didYouMean(key, knownFields(path)));
}

/** The values of an enum branch of a union (`forbid | allow | [list]`), to answer a bad word with E008. */
function enumChoices(issue: core.$ZodIssueInvalidUnion): string[] | undefined {
  for (const branch of issue.errors) {
    for (const inner of branch) {
      if (inner.code === 'invalid_value' && inner.path.length === 0) return inner.values.map(String);
    }
  }
  return undefined;
}

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a map',
  record: 'a map',
};

function expected(kind: string): string {
  return EXPECTED[kind] ?? kind;
}
