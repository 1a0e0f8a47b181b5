/**
 * Phase timing with memory: the lab's budget (15 minutes, a 2-core machine) is only kept if every
 * phase says what it cost. Memory is the host's in-use memory (MemTotal - MemAvailable), which
 * includes every container of the run.
 */
import { readFileSync } from 'node:fs';

export interface PhaseRecord {
  name: string;
  seconds: number;
  memoryMiB: number;
}

export function hostMemoryInUseMiB(): number {
  const info = readFileSync('/proc/meminfo', 'utf8');
  const kb = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(info)?.[1] ?? 0);
  return Math.round((kb('MemTotal') - kb('MemAvailable')) / 1024);
}

export type Say = (line: string) => void;

/** Runs `fn` as a named phase, prints its time and memory and appends it to `records`. */
export async function phase<T>(records: PhaseRecord[], say: Say, name: string, fn: () => Promise<T>): Promise<T> {
  const start = performance.now();
  say(`▶ ${name}`);
  try {
    return await fn();
  } finally {
    const rec = { name, seconds: round1((performance.now() - start) / 1000), memoryMiB: hostMemoryInUseMiB() };
    records.push(rec);
    say(`■ ${name}: ${rec.seconds} s, host memory in use ${rec.memoryMiB} MiB`);
  }
}

export function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
