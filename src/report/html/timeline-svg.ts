/**
 * The timeline as one inline SVG: a row per service (collapsed across identical nodes), a
 * column per step, the release in each cell, the state beneath it, caps at the bottom, and a
 * red frame with "!" where a violation names the service.
 */
import type { TimelineCell, TimelineModel } from '../timeline.ts';
import { esc } from '../escape.ts';
import { duration, nodeList, plural, releaseShort, releaseTitle } from '../format.ts';
import { COLOURS, GEOMETRY as G, clip, fitStyle, releaseColours } from './palette.ts';

export function timelineSvg(model: TimelineModel, from: string, to: string, id: string): string {
  const width = G.labelWidth + model.columns.length * G.colWidth + 4;
  const extra = model.hiddenRows > 0 ? 34 : 0;
  const height = G.headHeight + model.rows.length * G.rowHeight + extra + 2;
  const violations = model.columns.reduce((n, c) => n + c.violations.length, 0);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" style="${fitStyle(width)}" aria-labelledby="${id}-t ${id}-d" data-figure="timeline" data-rows="${model.rows.length}" data-columns="${model.columns.length}">`,
    `<title id="${id}-t">Timeline: ${model.rows.length} rows by ${model.columns.length} steps</title>`,
    `<desc id="${id}-d">Release and state of each service after every step; ${plural(violations, 'violation')} marked in red.</desc>`,
    `<defs><pattern id="${id}-hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="8" height="8" fill="#ffffff"/><line x1="0" y1="0" x2="0" y2="8" stroke="#b0b0b0" stroke-width="3"/></pattern></defs>`,
  );
  // Column headers.
  model.columns.forEach((c, j) => {
    const x = G.labelWidth + j * G.colWidth;
    const hit = c.violations.length > 0;
    const merged = c.records.length > 1;
    const what = merged ? `${c.records.length} steps` : c.end.verb;
    const tip = merged ? `Steps ${c.label} (${duration(c.durationSeconds)})` : `Step ${c.label}: ${c.end.summary} (${duration(c.durationSeconds)})`;
    out.push(
      `<g data-step="${esc(c.label)}"${hit ? ` data-violations="${c.violations.length}"` : ''}><title>${esc(tip)}${c.codes.length ? esc(` — ${c.codes.join(', ')}`) : ''}</title>`,
      `<rect x="${x + 1}" y="1" width="${G.colWidth - 2}" height="${G.headHeight - 4}" rx="3" fill="${hit ? COLOURS.badBg : '#e8eaed'}"${hit ? ` stroke="${COLOURS.bad}" stroke-width="2"` : ''}/>`,
      `<text x="${x + G.colWidth / 2}" y="25" text-anchor="middle" font-size="${merged ? 15 : 19}" font-weight="700" fill="${hit ? COLOURS.bad : COLOURS.ink}">${esc(c.label)}</text>`,
      `<text x="${x + G.colWidth / 2}" y="45" text-anchor="middle" font-size="13" fill="${COLOURS.muted}">${esc(clip(what, 12))}</text>`,
      `</g>`,
    );
  });
  out.push(`<text x="8" y="36" font-size="15" font-weight="700" fill="${COLOURS.muted}">Node · service \\ step</text>`);
  // Rows.
  model.rows.forEach((row, i) => {
    const y = G.headHeight + i * G.rowHeight;
    const nodeLabel = rowLabel(row.nodes);
    out.push(
      `<g data-row="${esc(row.nodes.length === 1 ? `${row.nodes[0]}/${row.service}` : `${row.service}×${row.nodes.length}`)}" data-nodes="${row.nodes.length}">`,
      `<title>${esc(`${row.label} · ${row.service}`)}</title>`,
      `<rect x="0" y="${y}" width="${G.labelWidth - 4}" height="${G.rowHeight - 2}" fill="${i % 2 ? '#ffffff' : '#f5f6f7'}"/>`,
      `<text x="8" y="${y + 24}" font-size="15" font-weight="700" fill="${COLOURS.ink}">${esc(nodeLabel)}</text>`,
      `<text x="8" y="${y + 45}" font-size="15" fill="${COLOURS.muted}">${esc(row.nodes.length > 1 ? `${row.service} · ${row.nodes.length} nodes` : row.service)}</text>`,
      `</g>`,
    );
    row.cells.forEach((cell, j) => out.push(cellSvg(cell, G.labelWidth + j * G.colWidth, y, from, to, id, `${row.label} · ${row.service}`, model.columns[j]?.label ?? '')));
  });
  if (model.hiddenRows > 0) {
    const y = G.headHeight + model.rows.length * G.rowHeight + 22;
    out.push(`<text x="8" y="${y}" font-size="16" font-style="italic" fill="${COLOURS.muted}">… ${plural(model.hiddenRows, 'more row')} not drawn (see report.json)</text>`);
  }
  out.push('</svg>');
  return out.join('\n');
}

function stateWord(c: TimelineCell): string {
  if (c.status === 'absent') return '';
  if (c.status === 'failed') return 'FAILED';
  if (c.status === 'stopped') return 'stopped';
  if (c.drained) return 'drained';
  if (c.pending) return 'restart due';
  if (c.changedWithin) return 'changed';
  return 'running';
}

function cellSvg(c: TimelineCell, x: number, y: number, from: string, to: string, id: string, rowName: string, step: string): string {
  const w = G.colWidth - 4;
  const h = G.rowHeight - 6;
  // Leave room for the "!" badge (top right) and the drain bar (left).
  const cx = x + G.colWidth / 2 - (c.codes.length ? 9 : 0) + (c.drained ? 4 : 0);
  const { fill, ink } = releaseColours(c.release, from, to);
  const down = c.status === 'stopped' || c.status === 'failed';
  const bg = c.status === 'absent' ? COLOURS.absent : down ? (c.status === 'failed' ? '#f9d0d0' : `url(#${id}-hatch)`) : fill;
  const fg = down || c.status === 'absent' ? COLOURS.ink : ink;
  const word = stateWord(c);
  const tip = [
    `${rowName}, step ${step}:`,
    c.status === 'absent' ? 'not present' : `${c.status}, ${releaseTitle(c.release)}`,
    c.pending ? `(${releaseTitle(c.pending)} installed, restart due)` : '',
    c.drained ? 'drained from its load balancer' : '',
    c.cap ? `compute RPC cap ${c.cap}` : '',
    c.changedWithin ? 'changed within these steps' : '',
    c.codes.length ? `VIOLATION: ${c.codes.join(', ')}` : '',
  ].filter(Boolean).join(' ');
  const parts = [
    `<g data-cell="${esc(c.status)}"${c.codes.length ? ` data-codes="${esc(c.codes.join(' '))}"` : ''}><title>${esc(tip)}</title>`,
    `<rect x="${x + 2}" y="${y + 1}" width="${w}" height="${h}" rx="3" fill="${bg}" stroke="${c.status === 'absent' ? '#dddddd' : COLOURS.grid}" stroke-width="1"/>`,
  ];
  if (c.drained) parts.push(`<rect x="${x + 2}" y="${y + 1}" width="8" height="${h}" fill="${COLOURS.drained}"/>`);
  if (c.status === 'absent') {
    parts.push(`<text x="${cx}" y="${y + 32}" text-anchor="middle" font-size="16" fill="${COLOURS.muted}">—</text>`);
  } else {
    const name = releaseShort(c.release);
    // Squeeze long names ("Gazpacho", "Dalmatian") into the cell rather than let them spill.
    const room = w - 10 - (c.codes.length ? 18 : 0) - (c.drained ? 8 : 0);
    const fit = name.length * 10 > room ? ` textLength="${room}" lengthAdjust="spacingAndGlyphs"` : '';
    parts.push(`<text x="${cx}" y="${y + 20}" text-anchor="middle" font-size="15" font-weight="700" fill="${fg}"${fit}>${esc(name)}</text>`);
    parts.push(`<text x="${cx}" y="${y + 36}" text-anchor="middle" font-size="12.5" fill="${fg}"${down ? ' font-weight="700"' : ''}>${esc(word)}</text>`);
    if (c.cap) parts.push(`<text x="${cx}" y="${y + 50}" text-anchor="middle" font-size="12" fill="${fg}">cap ${esc(clip(c.cap, 8))}</text>`);
  }
  if (c.codes.length) {
    parts.push(
      `<rect x="${x + 2}" y="${y + 1}" width="${w}" height="${h}" rx="3" fill="none" stroke="${COLOURS.bad}" stroke-width="4"/>`,
      `<circle cx="${x + w - 8}" cy="${y + 12}" r="9" fill="${COLOURS.bad}" stroke="#ffffff" stroke-width="1.5"/>`,
      `<text x="${x + w - 8}" y="${y + 17}" text-anchor="middle" font-size="14" font-weight="800" fill="#ffffff">!</text>`,
    );
  }
  parts.push('</g>');
  return parts.join('');
}

/** Node list that fits the label column (the count goes on the service line). */
function rowLabel(nodes: readonly string[]): string {
  return clip(nodes.length === 1 ? nodes[0]! : nodeList(nodes, 2), 28);
}
