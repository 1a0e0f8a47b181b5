/**
 * Availability strips: one per API frontend and one for the instances, on exactly the columns
 * (and width) of the timeline so the two figures line up, red where something was down, the
 * totals written under each strip's name.
 */
import type { Strip } from '../availability.ts';
import type { TimelineColumn } from '../timeline.ts';
import { esc } from '../escape.ts';
import { COLOURS, GEOMETRY as G, clip, fitStyle } from './palette.ts';
import { stripLabel, stripTotal } from '../wording.ts';

export function stripsSvg(strips: readonly Strip[], columns: readonly TimelineColumn[], id: string): string {
  const width = G.labelWidth + columns.length * G.colWidth + 4;
  const head = 30;
  const rowGap = 8;
  const height = head + strips.length * (G.stripHeight + rowGap) + 2;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" style="${fitStyle(width)}" aria-labelledby="${id}-t ${id}-d" data-figure="availability">`,
    `<title id="${id}-t">Availability per step</title>`,
    `<desc id="${id}-d">${esc(strips.map((s) => `${stripLabel(s)}: ${stripTotal(s)}`).join('; '))}</desc>`,
    `<text x="8" y="20" font-size="15" font-weight="700" fill="${COLOURS.muted}">Step</text>`,
  ];
  columns.forEach((c, j) => {
    const x = G.labelWidth + j * G.colWidth + G.colWidth / 2;
    out.push(`<text x="${x}" y="20" text-anchor="middle" font-size="15" font-weight="700" fill="${COLOURS.muted}">${esc(c.label)}</text>`);
  });
  strips.forEach((s, i) => {
    const y = head + i * (G.stripHeight + rowGap);
    const bad = s.kind === 'instances' ? s.affected > 0 : s.downSteps > 0;
    const label = stripLabel(s);
    out.push(
      `<g data-strip="${esc(s.subject)}" data-kind="${s.kind}" data-down-steps="${s.downSteps}" data-down-seconds="${s.kind === 'instances' ? s.instanceSeconds : s.downSeconds}">`,
      `<title>${esc(`${label}: ${stripTotal(s)}`)}</title>`,
      `<text x="8" y="${y + 18}" font-size="16" font-weight="700" fill="${COLOURS.ink}">${esc(clip(label, 34))}</text>`,
      `<text x="8" y="${y + 39}" font-size="15" font-weight="700" fill="${bad ? COLOURS.bad : COLOURS.upInk}" data-total="${esc(s.subject)}">${esc(stripTotal(s))}</text>`,
    );
    s.cells.forEach((c, j) => {
      const x = G.labelWidth + j * G.colWidth;
      const word = c.down ? (s.kind === 'instances' ? `${c.count} down` : 'DOWN') : 'up';
      out.push(
        `<g data-down="${c.down}"><title>${esc(`${label}, step ${columns[j]?.label ?? ''}: ${word}`)}</title>`,
        `<rect x="${x + 2}" y="${y}" width="${G.colWidth - 4}" height="${G.stripHeight}" rx="3" fill="${c.down ? COLOURS.down : COLOURS.up}" stroke="${c.down ? COLOURS.down : '#a5d6a7'}"/>`,
        `<text x="${x + G.colWidth / 2}" y="${y + 29}" text-anchor="middle" font-size="${c.down ? 16 : 14}" font-weight="${c.down ? 800 : 400}" fill="${c.down ? COLOURS.downInk : COLOURS.upInk}">${esc(word)}</text></g>`,
      );
    });
    out.push('</g>');
  });
  out.push('</svg>');
  return out.join('\n');
}
