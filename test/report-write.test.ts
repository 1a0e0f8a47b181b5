import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { plansReport, renderAll, writeReport } from '../src/report/index.ts';
import { ROLLING } from './fixtures/report/rolling-pike-queens.ts';

describe('writing a report directory', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'preflight-write-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the four files and nothing else', async () => {
    const out = join(dir, 'nested', 'report');
    const files = renderAll(plansReport([{ result: ROLLING }]));
    const written = await writeReport(out, files);
    expect(written.map((p) => p.slice(out.length + 1))).toEqual(['report.html', 'report.md', 'report.json', 'report.junit.xml']);
    expect((await readdir(out)).sort()).toEqual(['report.html', 'report.json', 'report.junit.xml', 'report.md']);
    expect(await readFile(join(out, 'report.md'), 'utf8')).toBe(files.get('report.md'));
  });

  it('leaves nothing behind, and keeps an earlier report intact, when a write fails', async () => {
    const files = renderAll(plansReport([{ result: ROLLING }]));
    await writeReport(dir, files);
    const before = await readFile(join(dir, 'report.html'), 'utf8');
    const broken = new Map([...files].map(([k, v]) => [k, `changed ${v}`] as [string, string]));
    broken.set('missing-dir/report.extra', 'x'); // cannot be created: the write fails after others
    await expect(writeReport(dir, broken)).rejects.toThrow(/ENOENT/);
    expect((await readdir(dir)).sort()).toEqual(['report.html', 'report.json', 'report.junit.xml', 'report.md']);
    expect(await readFile(join(dir, 'report.html'), 'utf8')).toBe(before);
    expect(existsSync(join(dir, 'missing-dir'))).toBe(false);
  });
});
