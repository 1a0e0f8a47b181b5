/**
 * Content hashes for image definitions: an image is rebuilt only when a file of its definition,
 * its parent image or a build input changes. The hash is the image's tag, so a cached image is
 * found by name and never by timestamps.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else out.push(path);
  }
  return out;
}

/** A 12-hex-digit hash of every file under `dir` (path, mode and bytes) plus `inputs`. */
export function contentHash(dir: string, inputs: readonly string[]): string {
  const h = createHash('sha256');
  for (const file of filesUnder(dir)) {
    h.update(relative(dir, file)).update('\0');
    h.update(String(statSync(file).mode & 0o111 ? 'x' : '-')).update('\0');
    h.update(readFileSync(file)).update('\0');
  }
  for (const input of inputs) h.update(input).update('\0');
  return h.digest('hex').slice(0, 12);
}
