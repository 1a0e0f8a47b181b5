/**
 * `preflight lab PLAN [--keep] [--timeout S] [--format text|json] [--out FILE]`: run the plan on
 * a containerized mini-OpenStack and report, step by step, where real nova agreed with the
 * simulator. Progress goes to stderr while it runs; the report goes to stdout (JSON with
 * --format json) and to FILE. Exit 0 when every step agrees, 1 on findings, 2 for a plan or
 * usage error or a refused plan, 3 when the lab itself failed (Docker, a wait that ran out).
 */
import { writeFileSync } from 'node:fs';
import { runLab } from '../lab/run.ts';
import type { LabReport } from '../lab/report.ts';
import { oneOf, parseCommandArgs } from './args.ts';
import { CliError } from './errors.ts';
import { processIo, type Io } from './io.ts';
import { loadPlans } from './load-plans.ts';

const USAGE = `Usage: preflight lab PLAN [--keep] [--timeout S] [--format text|json] [--out FILE]

Runs PLAN on real OpenStack (Debian's packages) in Docker and compares each step with the
simulator's prediction. Needs a running dockerd; images are built on first use and cached.

  --keep          keep the run's containers, network and volumes for inspection
  --timeout S     hard limit for the whole run in seconds, image builds included (default 1200)
  --format F      text (default) or json (the full report on stdout)
  --out FILE      also write the JSON report to FILE`;

/** The command on its own: usage mistakes print like main.ts prints them and become exit 2. */
export async function labCommand(argv: string[]): Promise<number> {
  const io = processIo();
  try {
    return await run(argv, io);
  } catch (err) {
    if (!(err instanceof CliError)) throw err;
    io.err(`preflight: ${err.message}`);
    if (err.usage) io.err(`\n${err.usage}`);
    return err.exitCode;
  }
}

export async function run(argv: string[], io: Io): Promise<number> {
  const args = parseCommandArgs(argv, {
    keep: { type: 'boolean' },
    timeout: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
  }, USAGE);
  if (args.help) {
    io.out(USAGE);
    return 0;
  }
  if (args.positionals.length !== 1) throw new CliError('lab takes exactly one PLAN', 'USAGE', 2, USAGE);
  const format = oneOf(args.values.format ?? 'text', ['text', 'json'] as const, '--format', USAGE);
  const timeout = args.values.timeout === undefined ? 1200 : Number(args.values.timeout);
  if (!Number.isFinite(timeout) || timeout <= 0) throw new CliError(`--timeout must be a positive number of seconds, got ${String(args.values.timeout)}`, 'USAGE', 2, USAGE);

  const loaded = await loadPlans(args.positionals, io, 'nothing was run');
  if (!loaded.ok) return 2;
  const plan = loaded.plans[0];
  if (!plan) return 2;
  const report = await runLab(plan, { keep: args.values.keep === true, timeoutSeconds: timeout, say: (l) => io.err(l) });
  if (typeof args.values.out === 'string') writeFileSync(args.values.out, `${JSON.stringify(report, null, 2)}\n`);
  io.out(format === 'json' ? JSON.stringify(report, null, 2) : summary(report));
  return exitCode(report);
}

export function exitCode(report: LabReport): number {
  switch (report.outcome.status) {
    case 'refused':
      return 2;
    case 'error':
      return 3;
    case 'completed':
      return report.outcome.agree ? 0 : 1;
  }
}

/** The text report: one line per step, findings loudly at the end. */
export function summary(report: LabReport): string {
  const lines = [`lab ${report.plan.name} (${report.plan.file}), run ${report.runId}`];
  for (const [release, images] of Object.entries(report.releases)) {
    lines.push(`  ${release}: ${images.map((i) => `${i.image} python3-nova ${i.packages['python3-nova'] ?? '?'}`).join('; ')}`);
  }
  for (const p of report.phases) lines.push(`  phase ${p.name}: ${p.seconds} s, host memory ${p.memoryMiB} MiB`);
  if (report.outcome.status === 'refused') {
    for (const r of report.outcome.refusals) lines.push(`REFUSED step ${r.stepId}: ${r.message}. Instead: ${r.instead}`);
    return lines.join('\n');
  }
  for (const s of report.steps) {
    lines.push(`${s.agree ? 'agree   ' : 'DIFFERS '} step ${s.stepId} ${s.summary} (${s.seconds} s)`);
    for (const a of s.aspects.filter((x) => !x.agree)) lines.push(`         ${a.aspect}: predicted ${a.predicted}; observed ${a.observed}`);
  }
  lines.push(`predicted ${report.predictedVerdict ?? '-'}, observed ${report.observedVerdict ?? '-'}; API downtime observed ${report.apiDowntime.seconds} s; peak host memory ${report.peakMemoryMiB} MiB`);
  for (const d of report.instanceDowntime.filter((x) => x.seconds > 0)) lines.push(`instance ${d.instance}: ${d.seconds} s not ACTIVE (${d.statuses.join(', ')})`);
  if (report.outcome.status === 'error') lines.push(`LAB ERROR [${report.outcome.code}] ${report.outcome.message}`);
  if (report.findings.length) {
    lines.push('', `!!! ${report.findings.length} FINDING(S): real nova and the model disagree`);
    for (const f of report.findings) {
      lines.push(`!!! ${f.message}`);
      for (const e of f.evidence) lines.push(`      ${e}`);
    }
  }
  return lines.join('\n');
}
