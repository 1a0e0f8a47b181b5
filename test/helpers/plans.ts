/** Test helpers: parse a plan text or an example file, check it, and edit plan texts the way operators break them. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parsePlan } from '../../src/scenarios/parse.ts';
import type { Plan } from '../../src/scenarios/plan.ts';
import { checkPlan } from '../../src/sim/check.ts';
import type { CheckResult, InvariantCode } from '../../src/sim/result.ts';

export function example(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../../examples/${name}`, import.meta.url)), 'utf8');
}

export function plan(text: string, file = '<test>'): Plan {
  const r = parsePlan(text, file);
  if (!r.ok) throw new Error(`plan does not parse:\n${r.errors.map((e) => `${e.line}:${e.column} ${e.code} ${e.message}`).join('\n')}`);
  return r.plan;
}

export function check(text: string): CheckResult {
  return checkPlan(plan(text));
}

export function errorCodes(r: CheckResult): InvariantCode[] {
  return [...new Set(r.violations.filter((v) => v.severity === 'error').map((v) => v.code))];
}

export function warningCodes(r: CheckResult): InvariantCode[] {
  return [...new Set(r.violations.filter((v) => v.severity === 'warning').map((v) => v.code))];
}

/** Replace exactly one occurrence of `from` (the edit must apply, or the test is wrong). */
export function edit(text: string, from: string, to: string): string {
  const i = text.indexOf(from);
  if (i < 0 || text.indexOf(from, i + 1) >= 0) throw new Error(`edit: "${from}" must occur exactly once`);
  return text.slice(0, i) + to + text.slice(i + from.length);
}

/** Delete every line containing `needle` (at least one). */
export function dropLines(text: string, needle: string): string {
  const lines = text.split('\n');
  const kept = lines.filter((l) => !l.includes(needle));
  if (kept.length === lines.length) throw new Error(`dropLines: "${needle}" not found`);
  return kept.join('\n');
}

/** Move the block of steps starting at the line `fromMarker` up to (not including) `untilMarker` to just before `beforeMarker`. */
export function moveBlock(text: string, fromMarker: string, untilMarker: string, beforeMarker: string): string {
  const a = text.indexOf(fromMarker);
  const b = text.indexOf(untilMarker, a + 1);
  if (a < 0 || b < 0) throw new Error('moveBlock: markers not found');
  const block = text.slice(a, b);
  const rest = text.slice(0, a) + text.slice(b);
  const c = rest.indexOf(beforeMarker);
  if (c < 0) throw new Error('moveBlock: target not found');
  return rest.slice(0, c) + block + rest.slice(c);
}
