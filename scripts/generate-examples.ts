/**
 * Writes examples/generated/*.yaml: one generated plan per documented release pair, from the
 * inventories next to them. `npm run examples` rewrites them; test/scenarios-examples.test.ts
 * fails when a committed file differs from what the generators produce now.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { findRelease } from '../src/models/catalogue/releases.ts';
import { renderPlan } from '../src/scenarios/generators/render.ts';
import { generateScenario, type ScenarioName, type ScenarioOptions } from '../src/scenarios/generators/index.ts';
import { formatInventoryError, instancesPerCompute, parseInventory } from '../src/scenarios/inventory/index.ts';
import type { ReleaseName } from '../src/scenarios/plan.ts';

export interface ExampleSpec {
  file: string;
  scenario: ScenarioName;
  inventory: string;
  from: string;
  to: string;
  options?: ScenarioOptions;
  instancesPerCompute?: number;
  /** Why this example exists and what the check says about it. */
  about: string[];
}

export const EXAMPLES: ExampleSpec[] = [
  {
    file: 'grizzly-havana-parallel-compute.yaml', scenario: 'parallel-compute', inventory: 'grizzly-quantum.yaml', from: 'grizzly', to: 'havana',
    about: [
      'Grizzly to Havana with a parallel compute environment (procedure 000). Quantum became Neutron in',
      'Havana; preflight has no rename step, so quantum-server is upgraded in place and keeps its old',
      'name in the plan (the check treats it as the neutron server: order, schema and agents all apply).',
    ],
  },
  {
    file: 'havana-icehouse-all-at-once.yaml', scenario: 'all-at-once', inventory: 'single-controller.yaml', from: 'havana', to: 'icehouse',
    about: ['Havana to Icehouse, scenario 1: everything down at once. The policy accepts the outage; the check totals it.'],
  },
  {
    file: 'havana-icehouse-service-by-service.yaml', scenario: 'service-by-service', inventory: 'single-controller.yaml', from: 'havana', to: 'icehouse',
    about: ['Havana to Icehouse, scenario 2: one project at a time; nova APIs and computes are interrupted, instances keep running.'],
  },
  {
    file: 'havana-icehouse-parallel-compute.yaml', scenario: 'parallel-compute', inventory: 'nova-apart.yaml', from: 'havana', to: 'icehouse',
    about: ['Havana to Icehouse, scenario 3 (procedure 001): a new Icehouse nova environment on its own database, instances redeployed.'],
  },
  {
    file: 'havana-icehouse-live-compute.yaml', scenario: 'live-compute', inventory: 'single-controller.yaml', from: 'havana', to: 'icehouse',
    about: [
      'Havana to Icehouse, scenario 4: controllers capped with [upgrade_levels] compute = icehouse-compat',
      '(3.0, which Havana computes accept), computes one by one, cap removed at the end.',
    ],
  },
  {
    file: 'havana-icehouse-ha-rolling.yaml', scenario: 'ha-rolling', inventory: 'three-controllers.yaml', from: 'havana', to: 'icehouse',
    about: [
      'Havana to Icehouse over three controllers. Before Newton nothing can roll: keystone, glance and',
      'neutron only have an offline db sync, cinder mixes no versions before Mitaka. Each of those is',
      'stopped everywhere in turn, and the policy lists them: it states the outages this layout cannot avoid.',
    ],
  },
  {
    file: 'icehouse-juno-live-compute.yaml', scenario: 'live-compute', inventory: 'single-controller.yaml', from: 'icehouse', to: 'juno',
    about: ['Icehouse to Juno, scenario 4 (procedure 002): controllers capped with compute = 3.23.1 as the seed procedure does.'],
  },
  {
    file: 'newton-ocata-ha-rolling.yaml', scenario: 'ha-rolling', inventory: 'three-controllers.yaml', from: 'newton', to: 'ocata', options: { migrate: 'live' },
    about: [
      'Newton to Ocata, HA rolling (workflow 004): expand/migrate on the first node, contract after the',
      'last, compute=auto, cinder-volume failed over; each compute emptied by live migration first.',
      'The nova control plane stops at once, as in the workflow: the policy accepts a nova outage only.',
    ],
  },
  {
    file: '2025.1-2026.1-ha-rolling.yaml', scenario: 'ha-rolling', inventory: 'multinode', from: '2025.1', to: '2026.1', instancesPerCompute: 1,
    about: [
      'Epoxy (2025.1) to Gazpacho (2026.1), a SLURP skip-level upgrade of a kolla-ansible multinode cloud.',
      'Two releases apart, neutron agents cannot trail the servers and cinder cannot mix versions',
      '(the catalogue models neither skew): both are upgraded with an outage the policy lists.',
    ],
  },
  {
    file: '2025.2-2026.1-ha-rolling.yaml', scenario: 'ha-rolling', inventory: 'multinode', from: '2025.2', to: '2026.1', instancesPerCompute: 1,
    about: ['Flamingo (2025.2) to Gazpacho (2026.1), HA rolling over a kolla-ansible multinode cloud: only nova stops at once.'],
  },
  {
    file: '2024.2-2026.1-refused.yaml', scenario: 'live-compute', inventory: 'single-controller.yaml', from: '2024.2', to: '2026.1',
    options: { allowUnsupported: true },
    about: [
      'REFUSED: Dalmatian (2024.2) is not a SLURP release, so 2024.2 → 2026.1 is no supported upgrade.',
      '`preflight scenario` refuses it and names the route: 2024.2 → 2025.1 → 2026.1, one plan per hop.',
      'Generated anyway (allowUnsupported) to show that `preflight check` fails it with UPGRADE_PATH.',
    ],
  },
];

const HERE = fileURLToPath(new URL('../examples/generated/', import.meta.url));

function rel(name: string): ReleaseName {
  const r = findRelease(name);
  if (!r) throw new Error(`examples: unknown release ${name}`);
  return r.name;
}

/** The YAML text of one example: its header, then the plan as `serializePlan` writes it. */
export function renderExample(spec: ExampleSpec): string {
  const inventoryPath = `inventories/${spec.inventory}`;
  const parsed = parseInventory(readFileSync(HERE + inventoryPath, 'utf8'), `examples/generated/${inventoryPath}`);
  if (!parsed.ok) throw new Error(parsed.errors.map(formatInventoryError).join('\n'));
  const topology = spec.instancesPerCompute === undefined ? parsed.value : { ...parsed.value, instances: instancesPerCompute(parsed.value, spec.instancesPerCompute) };
  const result = generateScenario(spec.scenario, topology, rel(spec.from), rel(spec.to), spec.options ?? {});
  if (!result.ok) throw new Error(`examples: ${spec.file}: ${result.message}`);
  const flags = [
    `--inventory examples/generated/${inventoryPath}`, `--from ${spec.from}`, `--to ${spec.to}`,
    ...(spec.instancesPerCompute !== undefined ? [`--instances-per-compute ${spec.instancesPerCompute}`] : []),
    ...(spec.options?.migrate ? [`--migrate ${spec.options.migrate}`] : []),
    ...(spec.options?.allowUnsupported ? ['--allow-unsupported'] : []),
  ];
  return renderPlan(result.plan, [
    ...spec.about,
    '',
    'Generated by `npm run examples` (scripts/generate-examples.ts), as',
    `  preflight scenario ${spec.scenario} ${flags.join(' ')}`,
    'Change the generator, not this file: a test compares them.',
  ]);
}

export function examplePath(spec: ExampleSpec): string {
  return HERE + spec.file;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const spec of EXAMPLES) {
    writeFileSync(examplePath(spec), renderExample(spec));
    console.log(`wrote examples/generated/${spec.file}`);
  }
}
