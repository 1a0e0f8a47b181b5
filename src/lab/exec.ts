/**
 * Runs a host command (docker build, docker import, mmdebstrap) with a hard time limit, its
 * output kept in a log file; a failure quotes the log's last lines instead of a bare exit code.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { LabError } from './errors.ts';

export function lastLines(text: string, n = 25): string {
  return text.trimEnd().split('\n').slice(-n).join('\n');
}

export async function runLogged(cmd: string, args: string[], logFile: string, limitSeconds: number, cwd?: string): Promise<void> {
  const log = createWriteStream(logFile, { flags: 'a' });
  log.write(`$ ${cmd} ${args.join(' ')}\n`);
  const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  const timer = setTimeout(() => child.kill('SIGTERM'), limitSeconds * 1000);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  await new Promise<void>((resolve) => log.end(resolve));
  if (code !== 0) {
    const why = code === null ? `killed after its ${limitSeconds} s limit` : `exit ${code}`;
    throw new LabError('LAB-BUILD', `${cmd} ${args.slice(0, 3).join(' ')} failed (${why}); last lines of ${logFile}:\n${lastLines(readFileSync(logFile, 'utf8'))}`);
  }
}

/** Runs a command and returns its stdout (for short queries like `docker image inspect`). */
export async function capture(cmd: string, args: string[], limitSeconds = 60): Promise<{ code: number; out: string }> {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const timer = setTimeout(() => child.kill('SIGTERM'), limitSeconds * 1000);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  return { code: code ?? -1, out };
}
