/**
 * Benchmark of `explore`: runs per second on a generated 100-compute live-compute plan (goal:
 * 1,000 runs under 30 s), and the safe example plan surviving many runs with every fault on.
 * Bounded by default (the figures extrapolate); PREFLIGHT_BENCH_FULL=1 runs 1,000 and 10,000.
 * The bench runner calls `bench()`; `tsx bench/explore.ts` prints the figures.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parsePlan } from '../src/scenarios/parse.ts';
import { explore } from '../src/sim/explore/explore.ts';
import { FAULT_KINDS } from '../src/sim/explore/faults.ts';
import { syntheticPlan } from '../src/sim/explore/synthetic.ts';

export interface Figure {
  name: string;
  value: number;
  unit: string;
  goal?: string;
}

const FULL = process.env.PREFLIGHT_BENCH_FULL === '1';

/** Wall and CPU time: the CPU figure holds when other processes share the machine. */
function timed(f: () => { status: string; runs?: number }): { ms: number; cpuMs: number; status: string; runs: number } {
  const t = performance.now();
  const c = process.cpuUsage();
  const r = f();
  const cpu = process.cpuUsage(c);
  return { ms: performance.now() - t, cpuMs: (cpu.user + cpu.system) / 1000, status: r.status, runs: r.runs ?? 0 };
}

export function bench(): Figure[] {
  const big = syntheticPlan({ from: 'newton', to: 'ocata', controllers: 3, computes: 100, instances: 200, haproxy: true, networkNodes: 2 });
  const n = FULL ? 1000 : 300;
  const a = timed(() => explore(big, { runs: n, seed: 1, faults: FAULT_KINDS }));
  const perSecond = a.runs / (a.ms / 1000);
  const perCpuSecond = a.runs / (a.cpuMs / 1000);
  const safeText = readFileSync(fileURLToPath(new URL('../examples/explore/safe-live-compute.yaml', import.meta.url)), 'utf8');
  const parsed = parsePlan(safeText, 'examples/explore/safe-live-compute.yaml');
  if (!parsed.ok) throw new Error('the safe example plan does not parse');
  const m = FULL ? 10_000 : 300;
  const b = timed(() => explore(parsed.plan, { runs: m, seed: 1, faults: FAULT_KINDS }));
  return [
    { name: `explore 100-compute plan (${big.steps.length} steps, every fault), ${a.runs} runs: ${a.status}, wall time`, value: Math.round(perSecond * 10) / 10, unit: 'runs/s' },
    { name: 'explore 100-compute plan, CPU time', value: Math.round(perCpuSecond * 10) / 10, unit: 'runs/CPU-s' },
    { name: 'explore 100-compute plan, 1,000 runs (CPU time, measured or extrapolated)', value: Math.round(FULL ? a.cpuMs / 1000 : 1000 / perCpuSecond), unit: 's', goal: 'under 30 s' },
    { name: `safe example plan, ${b.runs} runs with every fault: ${b.status}, CPU time`, value: Math.round(b.cpuMs / 100) / 10, unit: 's', goal: FULL ? 'survives 10,000 runs' : 'survives (PREFLIGHT_BENCH_FULL=1 for 10,000)' },
  ];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const f of bench()) console.log(`${f.name}: ${f.value} ${f.unit}${f.goal ? `  (goal ${f.goal})` : ''}`);
}
