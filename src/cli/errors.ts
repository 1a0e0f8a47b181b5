/**
 * The one error type commands throw for a user mistake on the command line. Only main.ts
 * catches it: it prints the message (and the usage, when given) and exits with `exitCode`.
 */

/** Stable codes, so wrappers can tell a usage mistake from an unavailable command. */
export type CliErrorCode = 'USAGE' | 'UNKNOWN_COMMAND' | 'COMMAND_UNAVAILABLE';

export class CliError extends Error {
  override readonly name = 'CliError';

  constructor(
    message: string,
    readonly code: CliErrorCode = 'USAGE',
    /** 2: bad input, the convention of every preflight command. */
    readonly exitCode = 2,
    /** Printed after the message, so the user sees how to call the command. */
    readonly usage?: string,
  ) {
    super(message);
  }
}
