/**
 * The Debian mirror this machine's apt already uses: mmdebstrap must fetch from the same one,
 * since no other address is reachable here.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';

function sourceFiles(): string[] {
  const files = existsSync('/etc/apt/sources.list') ? ['/etc/apt/sources.list'] : [];
  const dir = '/etc/apt/sources.list.d';
  if (existsSync(dir)) for (const f of readdirSync(dir).sort()) files.push(`${dir}/${f}`);
  return files;
}

/** The first Debian archive URI (not the security archive) in apt's sources. */
export function debianMirror(): string {
  const env = process.env.PREFLIGHT_DEBIAN_MIRROR;
  if (env) return env;
  for (const file of sourceFiles()) {
    const text = readFileSync(file, 'utf8');
    const uris = [
      ...[...text.matchAll(/^URIs:\s*(\S+)/gm)].map((m) => m[1]),
      ...[...text.matchAll(/^deb\s+(?:\[[^\]]*\]\s+)?(\S+)/gm)].map((m) => m[1]),
    ];
    for (const uri of uris) {
      if (uri && /\/debian\/?$/.test(uri)) return uri.replace(/\/$/, '');
    }
  }
  throw new Error('lab: no Debian mirror in /etc/apt/sources.list*; set PREFLIGHT_DEBIAN_MIRROR');
}
