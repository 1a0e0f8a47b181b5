/**
 * Loading the plans a command was given, all or nothing: every plan is parsed, and if any
 * fails, all their errors are printed and the command does nothing (exit 2). "-" reads a plan
 * from standard input (once). Shared so every command that takes PLAN... behaves the same.
 */
import { loadPlanFile } from '../scenarios/load.ts';
import { parsePlan, type ParseResult } from '../scenarios/parse.ts';
import { formatPlanErrors, planError } from '../scenarios/parse-errors.ts';
import type { Plan } from '../scenarios/plan.ts';
import type { Io } from './io.ts';

export type LoadedPlans = { ok: true; plans: Plan[] } | { ok: false; broken: number };

/** `nothingDone` completes "1 plan does not parse; …" ("nothing was checked"). */
export async function loadPlans(files: readonly string[], io: Io, nothingDone: string): Promise<LoadedPlans> {
  const parsed = await Promise.all(files.map((file) => (file === STDIN ? readStdinPlan(io) : loadPlanFile(file))));
  const plans: Plan[] = [];
  let broken = 0;
  for (const result of parsed) {
    if (result.ok) plans.push(result.plan);
    else {
      broken++;
      io.err(formatPlanErrors(result.errors));
    }
  }
  if (broken === 0) return { ok: true, plans };
  io.err(`preflight: ${broken === 1 ? '1 plan does not parse' : `${broken} plans do not parse`}; ${nothingDone}`);
  return { ok: false, broken };
}

/** A plan file argument of "-" is read from standard input. */
export const STDIN = '-';

async function readStdinPlan(io: Io): Promise<ParseResult> {
  if (!io.readStdin) {
    return { ok: false, errors: [planError('PLAN-E021', '<stdin>', { line: 1, column: 1 }, 'cannot read the plan file: no standard input here')] };
  }
  return parsePlan(await io.readStdin(), '<stdin>');
}
