/**
 * Where commands write. Commands take an Io instead of touching process.stdout, so tests run
 * them in-process and capture the output.
 */

export interface Io {
  /** Writes one line (or several joined by \n) to stdout. */
  out(text: string): void;
  /** Writes one line to stderr. */
  err(text: string): void;
  /** Whether stdout may carry ANSI colours. */
  color: boolean;
}

/**
 * Colour only on a terminal, and never when NO_COLOR is set to a non-empty value
 * (https://no-color.org).
 */
export function colorAllowed(isTTY: boolean | undefined, env: NodeJS.ProcessEnv): boolean {
  return isTTY === true && !env.NO_COLOR;
}

export function processIo(): Io {
  return {
    out: (text) => void process.stdout.write(`${text}\n`),
    err: (text) => void process.stderr.write(`${text}\n`),
    color: colorAllowed(process.stdout.isTTY, process.env),
  };
}

/** An Io that records what was written, for tests and for callers that post-process output. */
export function bufferIo(color = false): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, color, out: (t) => void stdout.push(t), err: (t) => void stderr.push(t) };
}
