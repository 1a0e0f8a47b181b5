/**
 * `preflight scenario NAME --inventory FILE --from R --to R [-o plan.yaml]`: a documented upgrade
 * procedure turned into a plan for this inventory. Inventory errors are printed located, like
 * plan errors; an unsupported release pair is refused with the route to take. Both exit 2.
 */
import { writeFile } from 'node:fs/promises';
import { displayRelease, findRelease } from '../models/catalogue/releases.ts';
import { generateScenario, isScenarioName, SCENARIO_SUMMARIES, SCENARIOS } from '../scenarios/generators/index.ts';
import { renderPlan } from '../scenarios/generators/render.ts';
import { formatInventoryError, loadInventory, type InventoryOptions } from '../scenarios/inventory/index.ts';
import type { ReleaseName } from '../scenarios/plan.ts';
import { oneOf, parseCommandArgs } from './args.ts';
import { CliError } from './errors.ts';
import type { Io } from './io.ts';

export const usage = `Usage: preflight scenario NAME --inventory FILE --from RELEASE --to RELEASE [options]

Writes the upgrade plan of a documented procedure for your inventory (check it with preflight check).

Scenarios:
${SCENARIOS.map((s) => `  ${s.padEnd(19)} ${SCENARIO_SUMMARIES[s]}`).join('\n')}

Options:
  --inventory FILE             kolla-ansible INI inventory (multinode), or a YAML topology (.yaml/.yml)
  --from RELEASE, --to RELEASE codename (epoxy) or series (2025.1)
  -o, --output FILE            write the plan there instead of stdout
  --instances FILE             instances as a YAML list of { name, host }, replacing the inventory's
  --instances-per-compute N    or N instances on every compute
  --migrate none|live|cold     empty each compute before its upgrade (live-compute, ha-rolling; default none)
  --allow-unsupported          generate even for a pair that is no supported upgrade (check then fails it)
  --name TEXT                  the plan's name
  -h, --help                   show this help

Exit codes: 0 plan written, 2 bad input (flags, inventory errors, a refused release pair)`;

function release(value: unknown, flag: string): ReleaseName {
  if (typeof value !== 'string') throw new CliError(`${flag} is required`, 'USAGE', 2, usage);
  const r = findRelease(value);
  if (!r) throw new CliError(`${flag}: unknown release "${value}" (a codename like epoxy or a series like 2025.1)`, 'USAGE', 2, usage);
  return r.name;
}

function count(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new CliError(`--instances-per-compute must be a whole number, got "${String(value)}"`, 'USAGE', 2, usage);
  return n;
}

export async function run(argv: string[], io: Io): Promise<number> {
  const args = parseCommandArgs(argv, {
    inventory: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    output: { type: 'string', short: 'o' },
    instances: { type: 'string' },
    'instances-per-compute': { type: 'string' },
    migrate: { type: 'string', default: 'none' },
    'allow-unsupported': { type: 'boolean', default: false },
    name: { type: 'string' },
  }, usage);
  if (args.help) {
    io.out(usage);
    return 0;
  }
  const [name, ...extra] = args.positionals;
  if (name === undefined) throw new CliError('scenario needs a scenario name', 'USAGE', 2, usage);
  if (!isScenarioName(name)) throw new CliError(`unknown scenario "${name}" (one of ${SCENARIOS.join(', ')})`, 'USAGE', 2, usage);
  if (extra.length > 0) throw new CliError(`unexpected argument "${extra[0]}"`, 'USAGE', 2, usage);
  const v = args.values;
  if (typeof v.inventory !== 'string') throw new CliError('--inventory is required', 'USAGE', 2, usage);
  const from = release(v.from, '--from');
  const to = release(v.to, '--to');
  const migrate = oneOf(v.migrate, ['none', 'live', 'cold'] as const, '--migrate', usage);
  const perCompute = count(v['instances-per-compute']);
  if (perCompute !== undefined && typeof v.instances === 'string') throw new CliError('give --instances or --instances-per-compute, not both', 'USAGE', 2, usage);

  const options: InventoryOptions = {
    ...(typeof v.instances === 'string' ? { instancesFile: v.instances } : {}),
    ...(perCompute !== undefined ? { instancesPerCompute: perCompute } : {}),
  };
  const inventory = await loadInventory(v.inventory, options);
  if (!inventory.ok) {
    io.err(inventory.errors.map(formatInventoryError).join('\n'));
    io.err(`preflight: the inventory has ${inventory.errors.length === 1 ? 'an error' : `${inventory.errors.length} errors`}; no plan was written`);
    return 2;
  }
  const result = generateScenario(name, inventory.value, from, to, {
    migrate,
    allowUnsupported: v['allow-unsupported'] === true,
    ...(typeof v.name === 'string' ? { name: v.name } : {}),
  });
  if (!result.ok) {
    io.err(`preflight: ${name} refused: ${result.message}`);
    return 2;
  }
  const text = renderPlan(result.plan, [
    `${displayRelease(from)} to ${displayRelease(to)}: the ${name} procedure for ${v.inventory}.`,
    `Generated by: preflight scenario ${argv.join(' ')}`,
    'Check it with: preflight check THIS_FILE',
  ]);
  if (typeof v.output === 'string') {
    await writeFile(v.output, text);
    io.out(`wrote ${v.output}: ${result.plan.steps.length} steps`);
  } else io.out(text.replace(/\n$/, ''));
  return 0;
}
