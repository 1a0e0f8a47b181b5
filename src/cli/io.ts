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
  /** Reads all of standard input, for a plan given as "-". */
  readStdin?(): Promise<string>;
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
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}

/** An Io that records what was written, for tests and for callers that post-process output. */
export function bufferIo(color = false, stdin = ''): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, color, out: (t) => void stdout.push(t), err: (t) => void stderr.push(t), readStdin: async () => stdin };
}
