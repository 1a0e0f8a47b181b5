/**
 * The steps section → typed Steps, numbered and located. Steps are walked in order over the
 * world so that each one is checked against what the steps before it left. A step whose shape
 * is wrong was already reported by the schema pass and is skipped here.
 */
import type { ParseContext } from './parse-context.ts';
import { StepSchema, type RawBodies } from './parse-schema.ts';
import type { PlanWorld } from './parse-state.ts';
import type { Path } from './parse-yaml.ts';
import { VERBS, type ReleaseName, type Step, type Verb } from './plan.ts';
import { VERB_CHECKERS, type VerbContext } from './parse-verbs.ts';

interface Walk {
  ctx: ParseContext;
  world: PlanWorld;
  to: ReleaseName | undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function parseSteps(ctx: ParseContext, world: PlanWorld, raw: unknown, to: ReleaseName | undefined): Step[] {
  if (!Array.isArray(raw)) return [];
  noteLaterNodes(world, raw);
  const walk = { ctx, world, to };
  const steps: Step[] = [];
  raw.forEach((item, i) => {
    const step = parseStep(walk, item, ['steps', i], i + 1, String(i + 1), false);
    if (step) steps.push(step);
  });
  return steps;
}

function parseStep(walk: Walk, raw: unknown, path: Path, number: number, id: string, nested: boolean): Step | undefined {
  const { ctx } = walk;
  if (!isRecord(raw)) return undefined;
  const verbs = Object.keys(raw).filter((k): k is Verb => (VERBS as readonly string[]).includes(k));
  const unknownKeys = Object.keys(raw).filter((k) => !(VERBS as readonly string[]).includes(k) && k !== 'name' && k !== 'duration');
  if (verbs.length === 0) {
    if (unknownKeys.length === 0) ctx.error('PLAN-E011', path, 'step has no verb', `add one of: ${VERBS.join(', ')}`);
    return undefined;
  }
  if (verbs.length > 1) {
    ctx.errorAtKey('PLAN-E012', [...path, verbs[1]!], `step has more than one verb (${verbs.join(', ')})`,
      'split it into separate steps, or group them under parallel');
    return undefined;
  }
  const verb = verbs[0]!;
  const base = {
    id,
    number,
    ...(typeof raw.name === 'string' ? { label: raw.name } : {}),
    ...(typeof raw.duration === 'number' && raw.duration >= 0 ? { durationSeconds: raw.duration } : {}),
    at: ctx.locate(path),
  };
  if (verb === 'parallel') return parseParallel(walk, raw.parallel, [...path, 'parallel'], base, nested);

  const shape = StepSchema.safeParse(raw);
  if (!shape.success) {
    rememberBrokenAddNode(walk, raw);
    return undefined;
  }
  const body = shape.data[verb as keyof RawBodies];
  const v: VerbContext = { ctx, world: walk.world, path: [...path, verb], stepId: id, to: walk.to };
  const check = VERB_CHECKERS[verb as keyof RawBodies] as (v: VerbContext, body: unknown) => Step['action'] | undefined;
  const action = check(v, body);
  return action ? { ...base, action } : undefined;
}

function parseParallel(
  walk: Walk,
  raw: unknown,
  path: Path,
  base: Omit<Step, 'action'>,
  nested: boolean,
): Step | undefined {
  const { ctx } = walk;
  if (nested) {
    ctx.errorAtKey('PLAN-E022', path, 'parallel groups cannot be nested', 'list the inner steps directly in the outer group');
    return undefined;
  }
  if (!Array.isArray(raw)) return undefined;
  if (raw.length === 0) {
    ctx.error('PLAN-E022', path, 'a parallel group needs at least one step');
    return undefined;
  }
  const before = ctx.errors.length;
  const children: Step[] = [];
  raw.forEach((item, k) => {
    const child = parseStep(walk, item, [...path, k], base.number, `${base.id}.${k + 1}`, true);
    if (child) children.push(child);
  });
  if (ctx.errors.length !== before || children.length !== raw.length) return undefined;
  return { ...base, action: { verb: 'parallel', steps: children } };
}

/** Where each add-node is, so naming a node before it is added says so. */
function noteLaterNodes(world: PlanWorld, raw: unknown[]): void {
  const visit = (items: unknown[], prefix: string) =>
    items.forEach((item, i) => {
      if (!isRecord(item)) return;
      const id = `${prefix}${i + 1}`;
      const body = item['add-node'];
      if (isRecord(body) && typeof body.node === 'string' && !world.laterNodes.has(body.node)) world.laterNodes.set(body.node, id);
      if (Array.isArray(item.parallel)) visit(item.parallel, `${id}.`);
    });
  visit(raw, '');
}

/** An add-node step with a broken body still declares its node: later steps naming it are not "unknown node". */
function rememberBrokenAddNode(walk: Walk, raw: Record<string, unknown>): void {
  const body = raw['add-node'];
  if (isRecord(body) && typeof body.node === 'string') walk.world.addNode(body.node, { services: null });
}
