/** Benchmark: parse and check a generated 3-controller, 1,000-compute, 10,000-instance rolling plan (goal: check under 2 s). */
import { performance } from 'node:perf_hooks';
import { parsePlan } from '../src/scenarios/parse.ts';
import { checkPlan } from '../src/sim/check.ts';
import { rollingPlanYaml } from './rolling-plan.ts';

export interface Figure {
  name: string;
  value: number;
  unit: string;
  goal?: string;
}

export function benchCheck(computes = 1000, instances = 10_000): Figure[] {
  const text = rollingPlanYaml(computes, instances);
  let t = performance.now();
  const pcpu0 = process.cpuUsage();
  const parsed = parsePlan(text, 'bench.yaml');
  const parseMs = performance.now() - t;
  const pcpu = process.cpuUsage(pcpu0);
  if (!parsed.ok) throw new Error(`bench plan does not parse: ${parsed.errors[0]?.message}`);
  const steps = parsed.plan.steps.length;
  t = performance.now();
  const cpu0 = process.cpuUsage();
  const result = checkPlan(parsed.plan);
  const checkMs = performance.now() - t;
  const cpu = process.cpuUsage(cpu0);
  if (result.verdict !== 'pass') throw new Error(`bench plan should pass: ${result.violations[0]?.code} ${result.violations[0]?.message}`);
  return [
    { name: `parse (${steps} steps, ${computes} computes, ${instances} instances), wall time`, value: Math.round(parseMs), unit: 'ms' },
    { name: 'parse, CPU time', value: Math.round((pcpu.user + pcpu.system) / 1000), unit: 'ms' },
    { name: 'check, wall time', value: Math.round(checkMs), unit: 'ms', goal: '< 2000 ms' },
    { name: 'check, CPU time', value: Math.round((cpu.user + cpu.system) / 1000), unit: 'ms' },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const f of benchCheck()) console.log(`${f.name}: ${f.value} ${f.unit}${f.goal ? ` (goal ${f.goal})` : ''}`);
}
