/** The compatibility matrix in Markdown: a grid (or a list of pairs) per channel, then the notes. */
import type { CompatibilityMatrix } from './compat-types.ts';
import type { SourceRef } from '../sim/result.ts';
import { mdLink, mdText } from './escape.ts';
import { releaseTitle } from './format.ts';
import { CHANNELS, STATUS_MARKS, STATUS_WORDS, buildMatrix, cellPair, type GridCell } from './matrix.ts';

export function sources(s: readonly SourceRef[]): string {
  return s.length ? s.map((x) => `${mdLink(x.id, x.url)}${x.note ? ` (${mdText(x.note)})` : ''}`).join('; ') : 'none recorded';
}

export function matrixMd(m: CompatibilityMatrix, h: string): string[] {
  const model = buildMatrix(m);
  const c = model.counts;
  const out = [
    `Releases ${m.releases.map(releaseTitle).join(', ')}: ${c.supported} supported, ${c['unsupported-but-works']} working but unsupported, ${c.refused} refused. The control side (conductor, scheduler, server) is the side upgraded first.`,
    '',
  ];
  if (model.grids.length === 0) out.push('The catalogue has no compatibility facts for these releases.', '');
  for (const g of model.grids) {
    out.push(`${h} ${mdText(g.info.title)}`, '');
    const cell = (x: GridCell) => `${STATUS_MARKS[x.status]} ${STATUS_WORDS[x.status]}${x.note ? ` [${x.note}]` : ''}`;
    if (g.rows.length) {
      out.push(`| ${mdText(g.info.control)} ↓ · ${mdText(g.info.peer)} → | ${g.releases.map(releaseTitle).join(' | ')} |`);
      out.push(`|---|${g.releases.map(() => ':-:').join('|')}|`);
      g.rows.forEach((row, i) => out.push(`| **${releaseTitle(g.releases[i] ?? '')}** | ${row.map(cell).join(' | ')} |`));
    } else {
      out.push(`| Newer | Older | ${mdText(g.info.control)} newer | ${mdText(g.info.control)} older |`, '|---|---|:-:|:-:|');
      for (const p of g.pairs) out.push(`| ${releaseTitle(p.newer)} | ${releaseTitle(p.older)} | ${cell(p.controlNewer)} | ${cell(p.controlOlder)} |`);
    }
    out.push('');
  }
  model.notes.forEach((n, i) => {
    const info = CHANNELS[n.channel];
    const pair = info ? cellPair(n, info, releaseTitle) : `${n.newer} / ${n.older}`;
    out.push(`${i + 1}. **${mdText(info?.title ?? n.channel)}**, ${mdText(pair)}: ${STATUS_MARKS[n.status]} ${STATUS_WORDS[n.status]}. ${mdText(n.detail)} Source: ${sources(n.source)}`);
  });
  if (model.notes.length) out.push('');
  return out;
}
