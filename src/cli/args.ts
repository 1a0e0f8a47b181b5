/**
 * Argument parsing for every command, on node:util parseArgs in strict mode: an unknown flag
 * or a missing flag value is a CliError (exit 2, with the command's usage), and every command
 * gets -h/--help for free.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './errors.ts';

export type OptionSpecs = NonNullable<ParseArgsConfig['options']>;

export interface ParsedArgs {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
  help: boolean;
}

export function parseCommandArgs(argv: readonly string[], options: OptionSpecs, usage: string): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    return { values, positionals, help: values.help === true };
  } catch (err) {
    if (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS')) {
      throw new CliError(err.message, 'USAGE', 2, usage);
    }
    throw err;
  }
}

/** A string option restricted to a few values. */
export function oneOf<T extends string>(value: unknown, choices: readonly T[], flag: string, usage: string): T {
  if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return value as T;
  throw new CliError(`${flag} must be one of ${choices.join(', ')}, got ${JSON.stringify(value)}`, 'USAGE', 2, usage);
}
