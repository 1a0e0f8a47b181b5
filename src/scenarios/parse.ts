/**
 * parsePlan: plan text → typed Plan, or every error found in it at once. Three passes, each
 * collecting rather than stopping: YAML syntax (parse-yaml.ts), shape (zod, parse-schema.ts),
 * then names and references walked through the steps (parse-topology.ts, parse-steps.ts).
 * User mistakes never throw.
 */
import { ParseContext } from './parse-context.ts';
import { sortPlanErrors, type PlanError } from './parse-errors.ts';
import { issuesToErrors } from './parse-issues.ts';
import { resolveRelease } from './parse-refs.ts';
import { DurationsSchema, PlanSchema, PolicySchema } from './parse-schema.ts';
import { parseSteps } from './parse-steps.ts';
import { parseTopology } from './parse-topology.ts';
import { parseYaml } from './parse-yaml.ts';
import { didYouMean } from './parse-hints.ts';
import { PROJECTS, SERVICE_NAMES, type Plan, type Policy, type ReleaseName, type Verb } from './plan.ts';
import { isServiceName } from './selectors.ts';

export type { PlanError } from './parse-errors.ts';
export { formatPlanError, formatPlanErrors, PLAN_ERRORS } from './parse-errors.ts';

export type ParseResult = { ok: true; plan: Plan } | { ok: false; errors: PlanError[] };

const DEFAULT_POLICY: Policy = { instanceDowntime: 'forbid', apiDowntime: 'forbid' };

export function parsePlan(text: string, file = '<inline>'): ParseResult {
  const yaml = parseYaml(text, file);
  if (!yaml.ok) return { ok: false, errors: yaml.errors };
  const { data, source } = yaml;
  const errors: PlanError[] = [...yaml.errors];

  const shape = PlanSchema.safeParse(data);
  if (!shape.success) errors.push(...issuesToErrors(shape.error.issues, data, source, file));
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return { ok: false, errors: sortPlanErrors(errors) };
  const raw = data as Record<string, unknown>;

  const ctx = new ParseContext(file, source);
  const from = release(ctx, raw.from, 'from');
  const to = release(ctx, raw.to, 'to');
  checkPolicyList(ctx, raw.policy);
  const { topology, world } = parseTopology(ctx, raw.topology);
  const steps = parseSteps(ctx, world, raw.steps, to);
  errors.push(...ctx.errors);

  if (errors.length > 0 || !shape.success || !from || !to) return { ok: false, errors: sortPlanErrors(errors) };
  const policy = PolicySchema.parse(raw.policy ?? {});
  const durations = DurationsSchema.parse(raw.durations ?? {});
  return {
    ok: true,
    plan: {
      apiVersion: 'preflight/v1',
      name: shape.data.name ?? defaultName(file),
      from,
      to,
      policy: {
        instanceDowntime: policy.instanceDowntime ?? DEFAULT_POLICY.instanceDowntime,
        apiDowntime: policy.apiDowntime ?? DEFAULT_POLICY.apiDowntime,
      },
      topology,
      steps,
      durations: Object.fromEntries(Object.entries(durations).filter(([, s]) => s !== undefined)) as Partial<Record<Verb, number>>,
      file,
    },
  };
}

/** `apiDowntime: [nova, cinder-api]`: each entry a service or a project, as the simulator matches them. */
function checkPolicyList(ctx: ParseContext, policy: unknown): void {
  const list = (policy as { apiDowntime?: unknown } | null | undefined)?.apiDowntime;
  if (!Array.isArray(list)) return;
  list.forEach((entry, i) => {
    if (typeof entry !== 'string' || isServiceName(entry) || (PROJECTS as readonly string[]).includes(entry)) return;
    ctx.error('PLAN-E013', ['policy', 'apiDowntime', i], `unknown service or project "${entry}"`, didYouMean(entry, [...PROJECTS, ...SERVICE_NAMES]));
  });
}

function release(ctx: ParseContext, value: unknown, field: 'from' | 'to'): ReleaseName | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  return resolveRelease(ctx, value, [field]);
}

/** A plan without a name is called after its file ("icehouse-juno" for plans/icehouse-juno.yaml). */
function defaultName(file: string): string {
  if (file === '<inline>') return 'plan';
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.(ya?ml)$/i, '') || 'plan';
}
