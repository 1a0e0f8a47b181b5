/**
 * `preflight explore` in-process: exit codes as `check` (0 nothing found, 1 a counterexample, 2 bad
 * input), the replay file written and replayed, JSON output, coverage, and the progress bar.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run, type ExploreDeps } from '../src/cli/explore.ts';
import { bufferIo } from '../src/cli/io.ts';
import { main } from '../src/cli/main.ts';
import { terminalProgress } from '../src/sim/explore/progress.ts';

const ex = (name: string) => fileURLToPath(new URL(`../examples/explore/${name}`, import.meta.url));

function deps(files: Map<string, string> = new Map(), progress?: string[]): ExploreDeps {
  return {
    readText: async (p) => {
      const t = files.get(p);
      if (t === undefined) throw new Error(`ENOENT: ${p}`);
      return t;
    },
    writeText: async (p, t) => void files.set(p, t),
    randomSeed: () => 99,
    progressWriter: () => (progress ? (s) => void progress.push(s) : undefined),
  };
}

describe('preflight explore', () => {
  it('exits 0 when nothing is found, with the seed in the summary', async () => {
    const io = bufferIo();
    expect(await run([ex('safe-live-compute.yaml'), '--runs', '20', '--seed', '5'], io, deps())).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/nothing found in 20 run\(s\) \(seed 5, faults: start-fail, reboot/);
    expect(io.stdout.join('\n')).toMatch(/worst downtime seen: APIs \d+ s in total \(as written: 1980 s\)/);
  });

  it('exits 1 on a counterexample, writes its replay file, and --replay reproduces it', async () => {
    const files = new Map<string, string>();
    const io = bufferIo();
    expect(await run([ex('fragile-live-compute.yaml'), '--runs', '50', '--save', 'cx.json'], io, deps(files))).toBe(1);
    const text = io.stdout.join('\n');
    expect(text).toContain('seed 99');
    expect(text).toContain('--replay cx.json');
    expect(text).toMatch(/BREAKS .*\[ran before \d+\.1\]/);
    const replay = JSON.parse(files.get('cx.json')!);
    expect(replay).toMatchObject({ preflightExplore: 1, seed: 99 });
    const again = bufferIo();
    expect(await run([ex('fragile-live-compute.yaml'), '--replay', 'cx.json'], again, deps(files))).toBe(1);
    const violations = (s: string) => s.slice(s.indexOf('Violations'), s.indexOf('\nseed'));
    expect(violations(again.stdout.join('\n'))).toBe(violations(text));
  });

  it('--format json prints the result object, the replay file name and coverage', async () => {
    const io = bufferIo();
    expect(await run([ex('fragile-live-compute.yaml'), '--runs', '30', '--seed', '3', '--format', 'json', '--coverage'], io, deps())).toBe(1);
    const out = JSON.parse(io.stdout.join('\n'));
    expect(out.status).toBe('counterexample');
    expect(out.replayFile).toBe('fragile-live-compute.explore-3.json');
    expect(out.coverage.map((c: { machine: string }) => c.machine)).toEqual(['service', 'node', 'schema', 'backend', 'instance']);
  });

  it('--api-budget: a slow step over the budget is a counterexample', async () => {
    const io = bufferIo();
    expect(await run([ex('safe-live-compute.yaml'), '--runs', '50', '--seed', '2', '--faults', 'slow', '--api-budget', '1980'], io, deps())).toBe(1);
    expect(io.stdout.join('\n')).toMatch(/Downtime over budget[\s\S]*over the budget of 1980 s/);
  });

  it('--coverage in text lists each machine', async () => {
    const io = bufferIo();
    await run([ex('safe-live-compute.yaml'), '--runs', '5', '--seed', '1', '--coverage'], io, deps());
    expect(io.stdout.join('\n')).toMatch(/Model coverage[\s\S]*service +states \d+\/3, transitions \d+\/15/);
  });

  it.each([
    [['--runs', '0'], /--runs must be an integer ≥ 1/],
    [['--seed', 'x'], /--seed must be an integer/],
    [['--instance-budget', '1.5'], /--instance-budget must be an integer ≥ 0/],
    [['--faults', 'reboot,meteor'], /unknown fault\(s\) meteor/],
    [['--format', 'xml'], /--format must be one of text, json/],
  ])('exits 2 on %j', async (flags, message) => {
    const io = bufferIo();
    expect(await main(['explore', ex('safe-live-compute.yaml'), ...flags], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(message);
  });

  it('exits 2 when the plan does not parse, or the replay file is bad or stale', async () => {
    const io = bufferIo();
    expect(await run(['/nonexistent/plan.yaml'], io, deps())).toBe(2);
    expect(io.stderr.join('\n')).toContain('nothing was explored');
    expect(await main(['explore', ex('safe-live-compute.yaml'), '--replay', '/nonexistent.json'], bufferIo())).toBe(2);
    const files = new Map([['bad.json', '{"preflightExplore": 7}']]);
    await expect(run([ex('safe-live-compute.yaml'), '--replay', 'bad.json'], bufferIo(), deps(files))).rejects.toThrow(/not a preflight explore replay file/);
    const made = new Map<string, string>();
    await run([ex('fragile-live-compute.yaml'), '--runs', '20', '--save', 'f.json'], bufferIo(), deps(made));
    const stale = bufferIo();
    expect(await run([ex('safe-live-compute.yaml'), '--replay', 'f.json'], stale, deps(made))).toBe(2);
    expect(stale.stdout.join('\n')).toContain('replay does not apply');
  });

  it('is listed in preflight --help', async () => {
    const io = bufferIo();
    await main(['--help'], io);
    expect(io.stdout.join('\n')).toMatch(/explore +search orderings and faults/);
  });
});

describe('progress bar', () => {
  it('draws at most ten times a second and clears itself', () => {
    const out: string[] = [];
    let t = 0;
    const p = terminalProgress(100, (s) => void out.push(s), () => t);
    p.update(1, 'search');
    t = 50;
    p.update(2, 'search');
    t = 150;
    p.update(50, 'search');
    t = 300;
    p.update(3, 'shrink');
    p.finish();
    expect(out).toHaveLength(4);
    expect(out[1]).toContain('[###############...............] 50/100 runs');
    expect(out[2]).toContain('shrinking');
    expect(out[3]).toBe('\r\x1b[K');
  });
});
