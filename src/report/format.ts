/** Small, shared wording for numbers and names, so HTML and Markdown say exactly the same thing. */
import { findRelease } from '../models/catalogue/releases.ts';

/** "0 s", "45 s", "12 min", "12 min 30 s", "1 h 05 min". */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) {
    const m = Math.floor(s / 60);
    const rest = s % 60;
    return rest === 0 ? `${m} min` : `${m} min ${rest} s`;
  }
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${h} h ${String(m).padStart(2, '0')} min`;
}

/** "1 step" / "3 steps". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "Epoxy (2025.1)" for a known release, the name as given otherwise (reports never throw on names). */
export function releaseTitle(name: string): string {
  const r = findRelease(name);
  if (!r) return name;
  const cap = r.name.charAt(0).toUpperCase() + r.name.slice(1);
  return r.series === r.name ? cap : `${cap} (${r.series})`;
}

/** Release name short enough for a timeline cell. */
export function releaseShort(name: string): string {
  const cap = name.charAt(0).toUpperCase() + name.slice(1);
  return cap.length <= 8 ? cap : `${cap.slice(0, 7)}.`;
}

/** Position of a release in the catalogue's order, or -1 if unknown (used to colour cells). */
export function releaseIndex(name: string): number {
  return findRelease(name)?.index ?? -1;
}

/**
 * Node lists written compactly: consecutive numbered names become ranges
 * ("compute1–compute998, compute1000"); long lists end with an ellipsis.
 */
export function nodeList(nodes: readonly string[], maxParts = 4): string {
  const parsed = nodes.map((n) => {
    const m = /^(.*?)(\d+)$/.exec(n);
    return m ? { prefix: m[1] ?? '', num: Number(m[2]), width: (m[2] ?? '').length, name: n } : { prefix: n, num: NaN, width: 0, name: n };
  });
  const parts: string[] = [];
  let i = 0;
  while (i < parsed.length) {
    const start = parsed[i]!;
    let j = i;
    while (
      j + 1 < parsed.length &&
      !Number.isNaN(start.num) &&
      parsed[j + 1]!.prefix === start.prefix &&
      parsed[j + 1]!.num === parsed[j]!.num + 1
    ) {
      j++;
    }
    parts.push(j > i ? `${start.name}–${parsed[j]!.name}` : start.name);
    i = j + 1;
  }
  if (parts.length <= maxParts) return parts.join(', ');
  return `${parts.slice(0, maxParts - 1).join(', ')}, … ${parsed[parsed.length - 1]!.name}`;
}
