/**
 * `preflight plan --inventory FILE --from R --to R [--policy P] [--objective O] [-o plan.yaml]`:
 * search for the plan that keeps every invariant with the least of the objective, prove it with
 * check and explore, and write it. A multi-hop upgrade writes one plan per hop. An impossible
 * request prints the reason and writes the least-downtime alternative instead (exit 1).
 */
import { writeFile } from 'node:fs/promises';
import { displayRelease, findRelease } from '../models/catalogue/releases.ts';
import { renderPlan } from '../scenarios/generators/render.ts';
import { formatInventoryError, loadInventory, type InventoryOptions } from '../scenarios/inventory/index.ts';
import type { Plan, ReleaseName } from '../scenarios/plan.ts';
import { parseFaultList } from '../sim/explore/index.ts';
import { combinedPlan } from '../synth/combine.ts';
import { formatSynthesis } from '../synth/format.ts';
import { OBJECTIVES } from '../synth/index.ts';
import { parsePolicySpec, POLICY_PRESETS } from '../synth/policy-spec.ts';
import { proven } from '../synth/prove.ts';
import { synthesizeProven } from '../synth/proven.ts';
import { oneOf, parseCommandArgs } from './args.ts';
import { CliError } from './errors.ts';
import type { Io } from './io.ts';

export const usage = `Usage: preflight plan --inventory FILE --from RELEASE --to RELEASE [options]

Searches for the upgrade plan that keeps every invariant with the least downtime (or steps, or
duration), proves it with check and explore, and writes it. An unsupported pair goes through the
intermediate releases (SLURP where possible): one plan per hop.

Options:
  --inventory FILE             kolla-ansible INI inventory (multinode), or a YAML topology (.yaml/.yml)
  --from RELEASE, --to RELEASE codename (epoxy) or series (2025.1)
  --policy P                   ${Object.keys(POLICY_PRESETS).join(' | ')} | instances=forbid|allow,api=forbid|allow|nova+cinder
                               (default zero-downtime)
  --objective O                ${OBJECTIVES.join(' | ')} (default downtime)
  -o, --output FILE            write the plan there (hop N of several: FILE with .hopN before the extension)
  --instances FILE             instances as a YAML list of { name, host }, replacing the inventory's
  --instances-per-compute N    or N instances on every compute
  --explore N                  explore runs per hop for the proof (default 200; 0 skips)
  --seed S                     explore seed (default 1)
  --faults LIST                explore faults (default all)
  --no-compare                 do not compare with the scenario generators
  --combined                   a multi-hop upgrade as one plan whose upgrade/db steps name their
                               hop's release (check reports UPGRADE_PATH on it: see docs/synthesis.md)
  -h, --help                   show this help

Exit codes: 0 plan written and proven, 1 impossible under the policy (the least-downtime
            alternative is written) or explore found a counterexample, 2 bad input`;

function release(value: unknown, flag: string): ReleaseName {
  if (typeof value !== 'string') throw new CliError(`${flag} is required`, 'USAGE', 2, usage);
  const r = findRelease(value);
  if (!r) throw new CliError(`${flag}: unknown release "${value}" (a codename like epoxy or a series like 2025.1)`, 'USAGE', 2, usage);
  return r.name;
}

function whole(value: unknown, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new CliError(`${flag} must be a whole number, got "${String(value)}"`, 'USAGE', 2, usage);
  return n;
}

/** plan.yaml → plan.hop2.yaml */
export function hopPath(path: string, hop: number, hops: number): string {
  if (hops <= 1) return path;
  const m = /^(.*?)(\.[^./]*)?$/.exec(path)!;
  return `${m[1]}.hop${hop}${m[2] ?? ''}`;
}

export async function run(argv: string[], io: Io): Promise<number> {
  const args = parseCommandArgs(argv, {
    inventory: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    policy: { type: 'string', default: 'zero-downtime' },
    objective: { type: 'string', default: 'downtime' },
    output: { type: 'string', short: 'o' },
    instances: { type: 'string' },
    'instances-per-compute': { type: 'string' },
    explore: { type: 'string' },
    seed: { type: 'string' },
    faults: { type: 'string', default: 'all' },
    'no-compare': { type: 'boolean', default: false },
    combined: { type: 'boolean', default: false },
  }, usage);
  if (args.help) {
    io.out(usage);
    return 0;
  }
  if (args.positionals.length > 0) throw new CliError(`unexpected argument "${args.positionals[0]}"`, 'USAGE', 2, usage);
  const v = args.values;
  if (typeof v.inventory !== 'string') throw new CliError('--inventory is required', 'USAGE', 2, usage);
  const from = release(v.from, '--from');
  const to = release(v.to, '--to');
  const policy = parsePolicySpec(String(v.policy));
  if (!policy.ok) throw new CliError(`--policy: ${policy.message}`, 'USAGE', 2, usage);
  const objective = oneOf(v.objective, OBJECTIVES, '--objective', usage);
  const runs = whole(v.explore, '--explore', 200);
  const seed = whole(v.seed, '--seed', 1);
  const faults = parseFaultList(String(v.faults));
  if (!faults.ok) throw new CliError(`--faults: unknown fault(s) ${faults.unknown.join(', ')}`, 'USAGE', 2, usage);
  const perCompute = v['instances-per-compute'] === undefined ? undefined : whole(v['instances-per-compute'], '--instances-per-compute', 0);

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
  const { result, proofs, banned } = synthesizeProven(inventory.value, from, to, policy.policy, objective, { compare: v['no-compare'] !== true, runs, seed, faults: faults.faults });
  const hops = result.ok ? result.hops : result.alternative?.hops ?? [];
  const summary = [
    ...banned.map((b) => `explore broke ${b}: searched again without it`),
    formatSynthesis(result, proofs),
  ].join('\n');
  const header = (p: Plan, i: number) => [
    `${displayRelease(p.from)} to ${displayRelease(p.to)}${hops.length > 1 ? ` (hop ${i + 1} of ${hops.length})` : ''}: synthesized by preflight plan for ${v.inventory}.`,
    result.ok ? `Objective: ${objective}. Each label says why the step is there, its predicted downtime, and the rule that fixed its place.` : `Not the requested policy: the least-downtime alternative (${result.reason.slice(0, 200)}).`,
    `Generated by: preflight plan ${argv.join(' ')}`,
  ];
  const texts = v.combined === true && hops.length > 1
    ? [renderPlan(combinedPlan(hops), header(combinedPlan(hops), 0).map((l) => l.replace(/ \(hop 1 of \d+\)/, ` (${hops.length} hops in one plan)`)))]
    : hops.map((h, i) => renderPlan(h.plan, header(h.plan, i)));
  if (typeof v.output === 'string') {
    for (let i = 0; i < texts.length; i++) {
      const path = hopPath(v.output, i + 1, texts.length);
      await writeFile(path, texts[i]!);
      io.out(`wrote ${path}: ${texts.length === hops.length ? hops[i]!.plan.steps.length : hops.reduce((n, h) => n + h.plan.steps.length, 0)} steps`);
    }
    io.out(summary);
  } else {
    io.out(texts.map((t) => t.replace(/\n$/, '')).join('\n---\n'));
    io.err(summary);
  }
  if (!result.ok) return 1;
  return proven(proofs) ? 0 : 1;
}
