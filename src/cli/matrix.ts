/**
 * `preflight matrix --from R --to R [-o DIR]`: the catalogue's compatibility report for a
 * release pair, no plan needed. Writes report.html, report.md and report.json (no JUnit: no
 * invariant is checked), and prints a one-line count per channel.
 */
import { compatibilityMatrix } from '../models/catalogue/compat.ts';
import { findRelease, releaseKeys } from '../models/catalogue/releases.ts';
import type { ReleaseName } from '../scenarios/plan.ts';
import { didYouMean } from '../scenarios/parse-hints.ts';
import { DEFAULT_REPORT_DIR, matrixReport, renderAll, writeReport } from '../report/index.ts';
import { CHANNELS } from '../report/matrix.ts';
import { parseCommandArgs } from './args.ts';
import { CliError } from './errors.ts';
import type { Io } from './io.ts';

export const usage = `Usage: preflight matrix --from RELEASE --to RELEASE [-o DIR]

Writes the catalogue's compatibility report for a release pair: for each channel
(nova-conductor/scheduler/api ↔ nova-compute, neutron-server ↔ agents, cinder-scheduler →
cinder-volume), which version mixes are supported, work unsupported, or are refused, each
with its source. Releases by codename or series ("epoxy", "2025.1").

Options:
  --from RELEASE    the release you run
  --to RELEASE      the release you upgrade to
  -o, --output DIR  directory to write report.html, report.md, report.json into
                    (default: ${DEFAULT_REPORT_DIR})
  -h, --help        show this help

Exit codes: 0 written, 2 bad input`;

function releaseArg(value: unknown, flag: string): ReleaseName {
  if (typeof value !== 'string' || value === '') throw new CliError(`${flag} RELEASE is required`, 'USAGE', 2, usage);
  const r = findRelease(value);
  if (!r) {
    const hint = didYouMean(value.toLowerCase(), releaseKeys());
    throw new CliError(`${flag}: unknown release "${value}"${hint ? `; ${hint}` : ''}`, 'USAGE', 2, usage);
  }
  return r.name;
}

export async function run(argv: string[], io: Io): Promise<number> {
  const args = parseCommandArgs(argv, { from: { type: 'string' }, to: { type: 'string' }, output: { type: 'string', short: 'o' } }, usage);
  if (args.help) {
    io.out(usage);
    return 0;
  }
  if (args.positionals.length > 0) throw new CliError(`matrix takes no plan file (got ${args.positionals.join(' ')})`, 'USAGE', 2, usage);
  const from = releaseArg(args.values.from, '--from');
  const to = releaseArg(args.values.to, '--to');
  if (from === to) throw new CliError('--from and --to name the same release', 'USAGE', 2, usage);
  const dir = typeof args.values.output === 'string' ? args.values.output : DEFAULT_REPORT_DIR;

  const matrix = compatibilityMatrix(from, to);
  const written = await writeReport(dir, renderAll(matrixReport(matrix)));
  for (const channel of Object.keys(CHANNELS) as (keyof typeof CHANNELS)[]) {
    const cells = matrix.cells.filter((c) => c.channel === channel);
    if (cells.length === 0) continue;
    const count = (s: string) => cells.filter((c) => c.status === s).length;
    io.out(`${CHANNELS[channel].title.padEnd(34)} ${count('supported')} supported, ${count('unsupported-but-works')} unsupported but working, ${count('refused')} refused`);
  }
  io.out(`report written: ${written.join(', ')}`);
  return 0;
}
