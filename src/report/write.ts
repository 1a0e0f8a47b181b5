/**
 * Writing a report to a directory. Everything is rendered in memory first, then each file is
 * written under a temporary name and renamed into place only once all of them are on disk, so
 * a failure (rendering, disk full, permissions) never leaves a half-written report behind.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Report } from './input.ts';
import { renderHtml } from './html/page.ts';
import { renderJson } from './json.ts';
import { renderJunit } from './junit.ts';
import { renderMarkdown } from './markdown.ts';

export const DEFAULT_REPORT_DIR = './preflight-report';

/** File name → content. A matrix report has no JUnit file: it checks no invariant. */
export function renderAll(report: Report): Map<string, string> {
  const files = new Map<string, string>([
    ['report.html', renderHtml(report)],
    ['report.md', renderMarkdown(report)],
    ['report.json', renderJson(report)],
  ]);
  if (report.kind === 'plans') files.set('report.junit.xml', renderJunit(report));
  return files;
}

/** Writes the files into dir (created if needed) and returns their paths. */
export async function writeReport(dir: string, files: ReadonlyMap<string, string>): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const tag = `.tmp-${process.pid}-${Date.now().toString(36)}`;
  const temps: string[] = [];
  try {
    for (const [name, content] of files) {
      const tmp = join(dir, `.${name}${tag}`);
      temps.push(tmp);
      await writeFile(tmp, content, { encoding: 'utf8', flag: 'wx' });
    }
  } catch (err) {
    await Promise.all(temps.map((t) => rm(t, { force: true })));
    throw err;
  }
  const written: string[] = [];
  let i = 0;
  for (const name of files.keys()) {
    const target = join(dir, name);
    await rename(temps[i++]!, target);
    written.push(target);
  }
  return written;
}
