/**
 * `preflight explore PLAN`: search orderings, faults and timings for a run that breaks something
 * the straight check does not. Exit 0 nothing found, 1 a counterexample (its replay file written),
 * 2 bad input (the plan does not parse, a bad flag, an unreadable or stale replay file).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { loadPlanFile } from '../scenarios/load.ts';
import { formatPlanErrors } from '../scenarios/parse-errors.ts';
import { oneOf, parseCommandArgs } from './args.ts';
import { CliError } from './errors.ts';
import type { Io } from './io.ts';

export const usage = `Usage: preflight explore PLAN [--runs N] [--seed S] [--faults LIST] [--replay FILE]
                         [--save FILE] [--api-budget S] [--instance-budget S] [--coverage]
                         [--format text|json]

Runs the plan many times with its parallel groups in any order and faults injected, checks every
invariant after every step, and prints the smallest run that breaks something its straight check
does not, with the seed and a replay file that reproduces it exactly.

Options:
  --runs N          runs to try (default 1000)
  --seed S          seed (default: random, printed); the same seed gives the same runs
  --faults LIST     comma-separated faults, or all / none (default all):
                    start-fail, reboot, retry, rabbitmq, db-rerun, flap, slow
  --api-budget S    seconds the APIs may be unavailable in total; slow steps must not
                    push the plan over it (its written order must keep it)
  --instance-budget S  seconds one instance may be down, likewise
  --replay FILE     re-run exactly the run a replay file records
  --save FILE       where to write the replay file of a counterexample
                    (default: PLAN's name + .explore-SEED.json in the current directory)
  --coverage        report the model states and transitions the runs visited
  --format text|json  output format (default text); json prints the result object
  -h, --help        show this help

Exit codes: 0 nothing found, 1 a counterexample was found, 2 bad input`;

export interface ExploreDeps {
  readText(path: string): Promise<string>;
  writeText(path: string, text: string): Promise<void>;
  randomSeed(): number;
  /** Progress bar output (a terminal's stderr), or undefined for none. */
  progressWriter(): ((s: string) => void) | undefined;
}

const defaults: ExploreDeps = {
  readText: (p) => readFile(p, 'utf8'),
  writeText: (p, t) => writeFile(p, t),
  randomSeed: () => Math.floor(Math.random() * 2 ** 31),
  progressWriter: () => (process.stderr.isTTY ? (s: string) => void process.stderr.write(s) : undefined),
};

function count(value: unknown, flag: string, min: number): number {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min) throw new CliError(`${flag} must be an integer ≥ ${min}, got ${JSON.stringify(value)}`, 'USAGE', 2, usage);
  return n;
}

export async function run(argv: string[], io: Io, deps: ExploreDeps = defaults): Promise<number> {
  const args = parseCommandArgs(argv, {
    runs: { type: 'string' }, seed: { type: 'string' }, faults: { type: 'string' }, replay: { type: 'string' },
    save: { type: 'string' }, 'api-budget': { type: 'string' }, 'instance-budget': { type: 'string' }, coverage: { type: 'boolean', default: false }, format: { type: 'string', default: 'text' },
  }, usage);
  if (args.help) {
    io.out(usage);
    return 0;
  }
  const format = oneOf(args.values.format, ['text', 'json'] as const, '--format', usage);
  if (args.positionals.length !== 1) throw new CliError('explore needs exactly one plan file', 'USAGE', 2, usage);
  const runs = args.values.runs === undefined ? 1000 : count(args.values.runs, '--runs', 1);
  const seed = args.values.seed === undefined ? deps.randomSeed() : count(args.values.seed, '--seed', 0);
  const budgets = {
    ...(args.values['api-budget'] !== undefined ? { apiSeconds: count(args.values['api-budget'], '--api-budget', 0) } : {}),
    ...(args.values['instance-budget'] !== undefined ? { instanceSeconds: count(args.values['instance-budget'], '--instance-budget', 0) } : {}),
  };

  const ex = await import('../sim/explore/index.ts');
  let faults = [...ex.FAULT_KINDS];
  if (typeof args.values.faults === 'string') {
    const parsed = ex.parseFaultList(args.values.faults);
    if (!parsed.ok) throw new CliError(`unknown fault(s) ${parsed.unknown.join(', ')}; known: ${ex.FAULT_KINDS.join(', ')}, all, none`, 'USAGE', 2, usage);
    faults = parsed.faults;
  }

  const file = args.positionals[0]!;
  const loaded = await loadPlanFile(file);
  if (!loaded.ok) {
    io.err(formatPlanErrors(loaded.errors));
    io.err('preflight: the plan does not parse; nothing was explored');
    return 2;
  }
  const plan = loaded.plan;
  const coverage = args.values.coverage === true ? new ex.Coverage() : undefined;

  let result;
  if (typeof args.values.replay === 'string') {
    let value: unknown;
    try {
      value = JSON.parse(await deps.readText(args.values.replay));
    } catch (err) {
      throw new CliError(`cannot read replay file ${args.values.replay}: ${err instanceof Error ? err.message : String(err)}`, 'USAGE', 2);
    }
    const replay = ex.readReplay(value);
    if (!replay.ok) throw new CliError(`${args.values.replay}: ${replay.message}`, 'USAGE', 2);
    result = ex.replayExplore(plan, replay.replay);
  } else {
    const writer = format === 'text' ? deps.progressWriter() : undefined;
    const { terminalProgress, NO_PROGRESS } = await import('../sim/explore/progress.ts');
    const progress = writer ? terminalProgress(runs, writer) : NO_PROGRESS;
    result = ex.explore(plan, { runs, seed, faults, budgets, ...(coverage ? { coverage } : {}), onRun: (d, p) => progress.update(d, p) });
    progress.finish();
  }

  let saved: string | undefined;
  if (result.status === 'counterexample' && args.values.replay === undefined) {
    saved = typeof args.values.save === 'string' ? args.values.save : `${basename(file).replace(/\.ya?ml$/i, '')}.explore-${seed}.json`;
    await deps.writeText(saved, `${JSON.stringify(result.replay, null, 2)}\n`);
  }
  const cov = coverage?.report();
  if (format === 'json') {
    io.out(JSON.stringify({ ...result, ...(saved ? { replayFile: saved } : {}), ...(cov ? { coverage: cov } : {}) }, null, 2));
  } else {
    io.out(ex.formatExploreText(result, saved ?? (typeof args.values.replay === 'string' ? args.values.replay : undefined)));
    if (cov) io.out(`\n${ex.formatCoverageText(cov)}`);
  }
  if (result.status === 'stale-replay') return 2;
  return result.status === 'counterexample' ? 1 : 0;
}
