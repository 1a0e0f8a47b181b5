/**
 * The shape of a plan file as zod schemas: types, required fields, enums and unknown keys.
 * Names are checked afterwards (parse-topology.ts, parse-steps.ts) because whether a node or a
 * service exists depends on the steps before.
 *
 * Unions carry an `error` text: it is the "expected ..." half of a PLAN-E007 message.
 */
import { z } from 'zod';
import { DB_PHASES, NODE_ROLES, VERBS, type Verb } from './plan.ts';

const text = z.string();
const seconds = z.number().nonnegative();
/** YAML reads `2025.1` as a number; a series id is still meant. */
const releaseRef = z.union([z.string(), z.number()], { error: 'a release codename or series id' });
const selector = z.union([z.string(), z.array(z.string())], {
  error: 'a service name, a glob like "nova-*" or a list of them',
});
const nodeList = z.union([z.string(), z.array(z.string())], { error: '"all", a node name or a list of node names' });
const configValue = z.union([z.string(), z.number(), z.boolean(), z.null()], {
  error: 'a text, number or boolean value, or null to remove the key',
});

const nodeService = z.strictObject({ node: text, service: selector });
/** upgrade may name the release to install (multi-hop plans); the other service verbs may not. */
const upgradeBody = z.strictObject({ node: text, service: selector, release: releaseRef.optional() });
const frontendNode = z.strictObject({ frontend: text, node: text });
const instanceTo = z.strictObject({ instance: text, to: text });

export const VerbBodies = {
  drain: frontendNode,
  undrain: frontendNode,
  stop: nodeService,
  start: nodeService,
  restart: nodeService,
  upgrade: upgradeBody,
  db: z.strictObject({
    service: text,
    phase: z.enum(DB_PHASES as [string, ...string[]]),
    database: text.optional(),
    release: releaseRef.optional(),
  }),
  config: z.strictObject({ nodes: nodeList, file: text, section: text, key: text, value: configValue }),
  disable: z.strictObject({ node: text, service: selector.optional() }),
  enable: z.strictObject({ node: text, service: selector.optional() }),
  'live-migrate': instanceTo,
  'cold-migrate': instanceTo,
  redeploy: instanceTo,
  'delete-instance': z.strictObject({ instance: text }),
  reboot: z.strictObject({ node: text }),
  'add-node': z.strictObject({
    node: text,
    role: z.enum(NODE_ROLES as [string, ...string[]]),
    services: z.array(text),
    release: releaseRef.optional(),
    database: text.optional(),
  }),
  'remove-node': z.strictObject({ node: text }),
  failover: z.strictObject({ service: text, to: text }),
} satisfies Record<Exclude<Verb, 'parallel'>, z.ZodType>;

export type RawBodies = { [V in keyof typeof VerbBodies]: z.infer<(typeof VerbBodies)[V]> };

export interface RawStep extends Partial<RawBodies> {
  name?: string;
  duration?: number;
  parallel?: RawStep[];
}

export const StepSchema: z.ZodType<RawStep> = z.strictObject({
  name: text.optional(),
  duration: seconds.optional(),
  ...Object.fromEntries(Object.entries(VerbBodies).map(([verb, body]) => [verb, body.optional()])),
  get parallel() {
    return z.array(StepSchema).optional();
  },
}) as unknown as z.ZodType<RawStep>;

export const NodeSchema = z.strictObject({
  role: z.enum(NODE_ROLES as [string, ...string[]]),
  services: z.array(text),
  release: releaseRef.optional(),
  database: text.optional(),
});

export const FrontendSchema = z.strictObject({ service: text, backends: z.array(text) });
export const DatabaseSchema = z.strictObject({ services: z.array(text) });
export const InstanceSchema = z.strictObject({ host: text });

export const TopologySchema = z.strictObject({
  nodes: z.record(z.string(), NodeSchema),
  loadBalancers: z.record(z.string(), FrontendSchema).optional(),
  databases: z.record(z.string(), DatabaseSchema).optional(),
  instances: z.record(z.string(), InstanceSchema).optional(),
});

const downtime = z.enum(['forbid', 'allow']);

/** Extension: services or projects whose outage the policy accepts (names checked by `checkPolicyList`). */
const downtimeList = z.array(z.string()).min(1);

export const PolicySchema = z.strictObject({
  instanceDowntime: downtime.optional(),
  apiDowntime: z.union([downtime, downtimeList], { error: 'forbid, allow or a list of services or projects' }).optional(),
});

export const DurationsSchema = z.strictObject(
  Object.fromEntries(VERBS.map((verb) => [verb, seconds.optional()])) as Record<Verb, z.ZodOptional<typeof seconds>>,
);

export const PlanSchema = z.strictObject({
  apiVersion: z.literal('preflight/v1'),
  name: text.optional(),
  from: releaseRef,
  to: releaseRef,
  policy: PolicySchema.optional(),
  durations: DurationsSchema.optional(),
  topology: TopologySchema,
  steps: z.array(StepSchema),
});

export type RawNode = z.infer<typeof NodeSchema>;
export type RawFrontend = z.infer<typeof FrontendSchema>;
export type RawDatabase = z.infer<typeof DatabaseSchema>;
export type RawInstance = z.infer<typeof InstanceSchema>;
export type RawPolicy = z.infer<typeof PolicySchema>;

/** Keys a step may carry besides its verb. */
export const STEP_FIELDS = ['name', 'duration'] as const;
export const TOP_LEVEL_FIELDS = Object.keys(PlanSchema.shape);
