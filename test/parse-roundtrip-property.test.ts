/**
 * serializePlan round-trips any valid plan, not only the fixtures: plans are generated with
 * awkward names (YAML keywords, numbers, colons, comment and anchor characters), arbitrary
 * labels and config values, every verb and parallel groups. Seeded, so a failure replays.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPlanErrors } from '../src/scenarios/parse-errors.ts';
import { parsePlan } from '../src/scenarios/parse.ts';
import {
  DB_PHASES,
  NODE_ROLES,
  SERVICE_NAMES,
  type Action,
  type DatabaseName,
  type FrontendName,
  type InstanceName,
  type NodeName,
  type NodeRole,
  type Plan,
  type ReleaseName,
  type ServiceName,
  type Step,
} from '../src/scenarios/plan.ts';
import { serializePlan } from '../src/scenarios/serialize.ts';

const SEED = Number(process.env.SEED ?? 20261124);

const awkward = fc.constantFrom('yes', 'no', 'null', '~', '1', '0x1F', '2025.1', 'true', 'a b', 'x: y', '#x', '-', '&a', '*b', 'on', "it's", '"q"', '[l]', '{m}');
const name = fc.oneof(fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/), awkward);
const text = fc.oneof(fc.string({ maxLength: 20 }), awkward);

interface Recipe {
  kind: number;
  picks: number[];
  label: string | undefined;
  duration: number | undefined;
  children: Omit<Recipe, 'children'>[];
}

const recipeBase = fc.record({
  kind: fc.nat(),
  picks: fc.array(fc.nat(), { minLength: 6, maxLength: 6 }),
  label: fc.option(text, { nil: undefined }),
  duration: fc.option(fc.nat({ max: 3600 }), { nil: undefined }),
});
const recipe: fc.Arbitrary<Recipe> = fc.record({
  kind: fc.nat(),
  picks: fc.array(fc.nat(), { minLength: 6, maxLength: 6 }),
  label: fc.option(text, { nil: undefined }),
  duration: fc.option(fc.nat({ max: 3600 }), { nil: undefined }),
  children: fc.array(recipeBase, { maxLength: 3 }),
});

const nodeArb = fc.record({
  role: fc.constantFrom(...NODE_ROLES),
  services: fc.uniqueArray(fc.constantFrom(...SERVICE_NAMES), { maxLength: 5 }),
});

const planInput = fc.record({
  planName: text,
  nodes: fc.uniqueArray(fc.tuple(name, nodeArb), { minLength: 1, maxLength: 5, selector: ([n]) => n }),
  instanceNames: fc.uniqueArray(name, { maxLength: 3 }),
  steps: fc.array(recipe, { maxLength: 12 }),
  policy: fc.record({
    instanceDowntime: fc.constantFrom('forbid', 'allow'),
    apiDowntime: fc.oneof(fc.constantFrom('forbid', 'allow'), fc.subarray(['nova', 'keystone', 'cinder-api', 'neutron-server'], { minLength: 1 })),
  } as const),
  durations: fc.dictionary(fc.constantFrom('upgrade', 'db', 'live-migrate'), fc.nat({ max: 999 })),
});

type Input = typeof planInput extends fc.Arbitrary<infer T> ? T : never;

/** Builds a valid plan from the generated choices, tracking nodes and instances like the parser. */
function buildPlan(input: Input): Plan {
  const nodes = new Map<string, ServiceName[]>(input.nodes.map(([n, spec]) => [n, [...spec.services]]));
  const computes = () => [...nodes].filter(([, s]) => s.includes('nova-compute')).map(([n]) => n);
  const pick = <T,>(list: readonly T[], i: number): T | undefined => (list.length === 0 ? undefined : list[i % list.length]);
  const firstCompute = computes()[0];
  const instances = new Map<string, string>(firstCompute ? input.instanceNames.map((i) => [i, firstCompute]) : []);
  let added = 0;

  const action = (r: Omit<Recipe, 'children'>): Action | undefined => {
    const [a = 0, b = 0, c = 0] = r.picks;
    const nodeNames = [...nodes.keys()];
    const node = pick(nodeNames, a);
    switch (r.kind % 9) {
      case 0:
      case 1: {
        const services = node ? nodes.get(node)! : [];
        if (!node || services.length === 0) return undefined;
        const chosen = services.filter((_, i) => (b >> i) & 1);
        const verb = (['stop', 'start', 'restart', 'upgrade', 'disable', 'enable'] as const)[c % 6]!;
        const release = verb === 'upgrade' && c % 4 === 1 ? { release: 'kilo' as ReleaseName } : {};
        return { verb, node: node as NodeName, services: chosen.length > 0 ? chosen : [services[0]!], ...release };
      }
      case 2:
        const release = c % 3 === 0 ? { release: 'juno' as ReleaseName } : {};
        return { verb: 'db', project: pick(['keystone', 'glance', 'nova', 'cinder'] as const, a)!, phase: pick(DB_PHASES, b)!, ...release };
      case 3: {
        const value = c % 3 === 0 ? null : r.label ?? String(c);
        const targets = nodeNames.filter((_, i) => (b >> i) & 1);
        return { verb: 'config', nodes: (targets.length > 0 ? targets : nodeNames) as NodeName[], file: 'nova.conf', section: r.label ?? 'DEFAULT', key: `k${c}`, value };
      }
      case 4: {
        const instance = pick([...instances.keys()], a);
        const to = pick(computes(), b);
        if (!instance || !to) return undefined;
        instances.set(instance, to);
        return { verb: pick(['live-migrate', 'cold-migrate', 'redeploy'] as const, c)!, instance: instance as InstanceName, to: to as NodeName };
      }
      case 5: {
        const instance = pick([...instances.keys()], a);
        if (!instance) return undefined;
        instances.delete(instance);
        return { verb: 'delete-instance', instance: instance as InstanceName };
      }
      case 6: {
        const fresh = `added-${added++}`;
        const services = SERVICE_NAMES.filter((_, i) => (b >> i) & 1).slice(0, 4) as ServiceName[];
        nodes.set(fresh, services);
        return { verb: 'add-node', node: fresh as NodeName, role: pick(NODE_ROLES, c) as NodeRole, services, release: 'juno' as ReleaseName };
      }
      case 7: {
        if (!node || [...instances.values()].includes(node) || nodes.size === 1) return node ? { verb: 'reboot', node: node as NodeName } : undefined;
        nodes.delete(node);
        return { verb: 'remove-node', node: node as NodeName };
      }
      default: {
        const holder = pick([...nodes].filter(([, s]) => s.length > 0), a);
        if (!holder) return undefined;
        return { verb: 'failover', service: pick(holder[1], b)!, to: holder[0] as NodeName };
      }
    }
  };

  const decorate = (r: Omit<Recipe, 'children'>, id: string, number: number, act: Action): Step => ({
    id,
    number,
    ...(r.label !== undefined ? { label: r.label } : {}),
    action: act,
    ...(r.duration !== undefined ? { durationSeconds: r.duration } : {}),
  });

  const steps: Step[] = [];
  for (const r of input.steps) {
    const number = steps.length + 1;
    if (r.kind % 10 === 9 && r.children.length > 0) {
      const children: Step[] = [];
      for (const child of r.children) {
        const act = action(child);
        if (act) children.push(decorate(child, `${number}.${children.length + 1}`, number, act));
      }
      if (children.length > 0) steps.push(decorate(r, String(number), number, { verb: 'parallel', steps: children }));
    } else {
      const act = action(r);
      if (act) steps.push(decorate(r, String(number), number, act));
    }
  }

  return {
    apiVersion: 'preflight/v1',
    name: input.planName,
    from: 'icehouse' as ReleaseName,
    to: 'juno' as ReleaseName,
    policy: input.policy,
    topology: {
      nodes: input.nodes.map(([n, spec]) => ({ name: n as NodeName, role: spec.role, services: [...spec.services] })),
      loadBalancers: [] as { name: FrontendName; service: ServiceName; backends: NodeName[] }[],
      databases: [{ name: 'default' as DatabaseName, projects: ['keystone', 'glance', 'placement', 'nova', 'neutron', 'cinder'] }],
      instances: firstCompute ? input.instanceNames.map((i) => ({ name: i as InstanceName, host: firstCompute as NodeName })) : [],
    },
    steps,
    durations: input.durations,
    file: '<inline>',
  };
}

describe('serializePlan (property)', () => {
  it('round-trips generated plans', () => {
    fc.assert(
      fc.property(planInput, (input) => {
        const plan = buildPlan(input);
        const text = serializePlan(plan);
        const parsed = parsePlan(text);
        if (!parsed.ok) throw new Error(`${formatPlanErrors(parsed.errors)}\n---\n${text}`);
        const strip = (p: Plan) => JSON.parse(JSON.stringify(p, (k, v) => (k === 'at' ? undefined : v)));
        expect(strip(parsed.plan)).toEqual(strip(plan));
      }),
      { seed: SEED, numRuns: Number(process.env.RUNS ?? 300) },
    );
  });

  it('never throws on arbitrary text, and always reports a located error or a plan', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (garbage) => {
        const result = parsePlan(`apiVersion: preflight/v1\n${garbage}`);
        if (!result.ok) for (const e of result.errors) expect(e.line).toBeGreaterThanOrEqual(1);
      }),
      { seed: SEED, numRuns: Number(process.env.RUNS ?? 300) },
    );
  });
});
