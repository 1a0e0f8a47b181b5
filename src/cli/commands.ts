/**
 * The command table. Each command's module is imported only when it runs, so a command whose
 * optional dependency is missing (a browser, Docker) does not break the others.
 * To add a command: one line here, and a module exporting `run(argv, io)`.
 */
import { CliError } from './errors.ts';
import type { Io } from './io.ts';

export interface Command {
  /** One line for `preflight --help`. */
  summary: string;
  /** Runs the command; resolves to the process exit code. */
  run(argv: string[], io: Io): Promise<number>;
}

interface CommandModule {
  run(argv: string[], io: Io): Promise<number>;
}

/** A run function that imports its module on first use. */
export function lazy(name: string, load: () => Promise<CommandModule>): Command['run'] {
  return async (argv, io) => {
    let mod: CommandModule;
    try {
      mod = await load();
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      throw new CliError(`the ${name} command is unavailable here: ${reason}`, 'COMMAND_UNAVAILABLE', 2);
    }
    return mod.run(argv, io);
  };
}

export const COMMANDS: Record<string, Command> = {
  check: { summary: 'simulate upgrade plans and report the steps that would break something', run: lazy('check', () => import('./check.ts')) },
  report: { summary: 'check plans and write the compatibility report (HTML, Markdown, JSON, JUnit)', run: lazy('report', () => import('./report.ts')) },
  matrix: { summary: 'write the catalogue\'s compatibility report for a release pair, no plan needed', run: lazy('matrix', () => import('./matrix.ts')) },
  scenario: { summary: 'write the plan of a documented upgrade procedure for an inventory', run: lazy('scenario', () => import('./scenario.ts')) },
  explore: { summary: 'search orderings and faults for a run of a plan that breaks something', run: lazy('explore', () => import('./explore.ts')) },
  plan: { summary: 'search for the safest, shortest upgrade plan for an inventory, proven with check and explore', run: lazy('plan', () => import('./plan.ts')) },
  lab: { summary: 'run a plan on a containerized mini-OpenStack and compare reality with the prediction', run: lazy('lab', () => import('./lab.ts')) },
};
