/**
 * The preflight command line: dispatch on the subcommand, and the only place that catches.
 * A CliError is a user mistake (message, usage, its exit code); anything else is a bug and
 * exits 3 with the stack, so it can be reported.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { COMMANDS } from './commands.ts';
import { CliError } from './errors.ts';
import { processIo, type Io } from './io.ts';
import { VERSION } from './version.ts';
import { didYouMean } from '../scenarios/parse-hints.ts';

export const EXIT_INTERNAL = 3;

export function globalUsage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const commands = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return [
    'Usage: preflight COMMAND [options]',
    '',
    'Commands:',
    ...commands,
    '',
    'Run "preflight COMMAND --help" for a command\'s options. "preflight --version" prints the version.',
  ].join('\n');
}

export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  try {
    const [name, ...rest] = argv;
    if (name === undefined) throw new CliError('no command given', 'USAGE', 2, globalUsage());
    if (name === '--help' || name === '-h') return print(io, globalUsage());
    if (name === '--version' || name === '-V') return print(io, `preflight ${VERSION}`);
    if (name === 'help') return rest[0] ? main([rest[0], '--help'], io) : print(io, globalUsage());
    const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!command) {
      const hint = didYouMean(name, Object.keys(COMMANDS));
      throw new CliError(`unknown command "${name}"${hint ? `; ${hint}` : ''}`, 'UNKNOWN_COMMAND', 2, globalUsage());
    }
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof CliError) {
      io.err(`preflight: ${err.message}`);
      if (err.usage) io.err(`\n${err.usage}`);
      return err.exitCode;
    }
    io.err(`preflight: internal error (please report it): ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return EXIT_INTERNAL;
  }
}

function print(io: Io, text: string): number {
  io.out(text);
  return 0;
}

/** Run when executed directly (`tsx src/cli/main.ts`, `npm run preflight`); bin/preflight.js calls main itself. */
function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) process.exitCode = await main(process.argv.slice(2));
