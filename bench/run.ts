/**
 * `npm run bench`: prints the figures the issues set goals for. Wall time depends on what else
 * the machine runs; CPU time (user + system of this process) is steadier, so both are printed.
 */
import { benchCheck } from './check.ts';

interface Bench {
  name: string;
  run: () => Promise<{ name: string; value: number; unit: string; goal?: string }[]> | { name: string; value: number; unit: string; goal?: string }[];
}

const benches: Bench[] = [{ name: 'check', run: () => benchCheck() }];

for (const file of ['./explore.ts', './plan.ts']) {
  try {
    const mod = (await import(file)) as { bench?: Bench['run']; default?: Bench['run'] };
    const run = mod.bench ?? mod.default;
    if (run) benches.push({ name: file.replace(/^\.\/|\.ts$/g, ''), run });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw err;
  }
}

for (const b of benches) {
  console.log(`== ${b.name}`);
  for (const f of await b.run()) console.log(`  ${f.name}: ${f.value} ${f.unit}${f.goal ? `  (goal ${f.goal})` : ''}`);
}
