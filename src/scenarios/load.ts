/**
 * Reading a plan from disk: the only I/O of the plan parser. A file that cannot be read is
 * reported like any other plan error, so the CLI prints it the same way and exits 2.
 */
import { readFile } from 'node:fs/promises';
import { planError } from './parse-errors.ts';
import { parsePlan, type ParseResult } from './parse.ts';

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'it is a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

export async function loadPlanFile(path: string): Promise<ParseResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    const reason = REASONS[code] ?? (err instanceof Error ? err.message : String(err));
    return { ok: false, errors: [planError('PLAN-E021', path, { line: 1, column: 1 }, `cannot read the plan file: ${reason}`)] };
  }
  return parsePlan(text, path);
}
