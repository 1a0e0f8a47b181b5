/**
 * examples/generated: every committed file is exactly what the generators write now, and each
 * checks as its header says (the refused pair fails UPGRADE_PATH, the others pass clean).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, examplePath, renderExample } from '../scripts/generate-examples.ts';
import { check, errorCodes, warningCodes } from './helpers/plans.ts';

const DIR = new URL('../examples/generated/', import.meta.url);

describe('examples/generated', () => {
  it('holds exactly the listed examples', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();
    expect(files).toEqual(EXAMPLES.map((e) => e.file).sort());
  });

  it.each(EXAMPLES)('$file is what npm run examples writes', (spec) => {
    expect(readFileSync(examplePath(spec), 'utf8'), 'run npm run examples and commit the result').toBe(renderExample(spec));
  });

  it.each(EXAMPLES.filter((e) => !e.options?.allowUnsupported))('$file passes preflight check with no warning', (spec) => {
    const r = check(readFileSync(examplePath(spec), 'utf8'));
    expect(errorCodes(r)).toEqual([]);
    expect(warningCodes(r)).toEqual([]);
  });

  it('the unsupported pair fails UPGRADE_PATH, which names the route', () => {
    const spec = EXAMPLES.find((e) => e.options?.allowUnsupported)!;
    const r = check(readFileSync(examplePath(spec), 'utf8'));
    expect(errorCodes(r)[0]).toBe('UPGRADE_PATH');
    expect(r.violations[0]!.message).toContain('Dalmatian (2024.2) → Epoxy (2025.1) → Gazpacho (2026.1)');
  });
});
