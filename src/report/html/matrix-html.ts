/**
 * The compatibility matrix as HTML tables (tables read better than pictures for this, and
 * screen readers handle them): one grid per channel, then the numbered notes with each cell's
 * detail and sources.
 */
import type { CompatibilityMatrix } from '../compat-types.ts';
import { esc } from '../escape.ts';
import { releaseTitle } from '../format.ts';
import { CHANNELS, STATUS_MARKS, STATUS_WORDS, buildMatrix, cellPair, type ChannelGrid, type GridCell } from '../matrix.ts';
import { sourceLinks } from './violations-html.ts';

export function matrixHtml(m: CompatibilityMatrix, id: string): string {
  const model = buildMatrix(m);
  const out: string[] = [];
  const c = model.counts;
  out.push(
    `<p>Releases ${m.releases.map((r) => `<strong>${esc(releaseTitle(r))}</strong>`).join(', ')}. ` +
      `<span data-matrix-counts="${c.supported} ${c['unsupported-but-works']} ${c.refused}">${c.supported} supported, ${c['unsupported-but-works']} working but unsupported, ${c.refused} refused</span>. ` +
      `The control side (conductor, scheduler, server) is the side upgraded first.</p>`,
  );
  if (model.grids.length === 0) out.push('<p class="note">The catalogue has no compatibility facts for these releases.</p>');
  out.push('<div class="channels">');
  for (const g of model.grids) {
    out.push(
      '<div class="channel">',
      `<h3 id="${id}-${esc(g.channel.replace(/[^a-z]+/gi, '-'))}">${esc(g.info.title)}</h3>`,
      g.rows.length ? gridTable(g, id) : pairTable(g, id),
    );
    out.push('</div>');
  }
  out.push('</div>');
  if (model.notes.length) {
    out.push(`<ol class="notes">`);
    model.notes.forEach((n, i) => {
      const info = CHANNELS[n.channel];
      const pair = info ? cellPair(n, info, releaseTitle) : `${n.newer} / ${n.older}`;
      out.push(
        `<li id="${id}-n${i + 1}"><strong>${esc(info?.title ?? n.channel)}</strong>, ${esc(pair)}: <span class="st-${n.status}">${STATUS_MARKS[n.status]} ${esc(STATUS_WORDS[n.status])}</span>. ${esc(n.detail)} <span class="note">Source: ${sourceLinks(n.source)}</span></li>`,
      );
    });
    out.push('</ol>');
  }
  return out.join('\n');
}

function cellTd(cell: GridCell, id: string): string {
  const note = cell.note ? ` <sup><a href="#${id}-n${cell.note}">[${cell.note}]</a></sup>` : '';
  const tip = cell.cell ? ` title="${esc(cell.cell.detail)}"` : '';
  return `<td class="cell st-${cell.status}" data-status="${cell.status}"${tip}>${STATUS_MARKS[cell.status]} ${esc(STATUS_WORDS[cell.status])}${note}</td>`;
}

/** Rows: control side release; columns: peer release. */
function gridTable(g: ChannelGrid, id: string): string {
  const out = [
    `<table class="matrix" data-channel="${esc(g.channel)}"><caption class="note" style="caption-side:bottom;text-align:left">Rows: ${esc(g.info.control)}; columns: ${esc(g.info.peer)}.</caption>`,
    `<thead><tr><th scope="col">${esc(g.info.control)} ↓ · ${esc(g.info.peer)} →</th>${g.releases.map((r) => `<th scope="col" class="rel">${esc(releaseTitle(r))}</th>`).join('')}</tr></thead><tbody>`,
  ];
  g.rows.forEach((row, i) => {
    out.push(`<tr><th scope="row" class="rel">${esc(releaseTitle(g.releases[i] ?? ''))}</th>${row.map((c) => cellTd(c, id)).join('')}</tr>`);
  });
  out.push('</tbody></table>');
  return out.join('\n');
}

/** One row per release pair: long ranges only have cells for adjacent pairs and the two ends. */
function pairTable(g: ChannelGrid, id: string): string {
  const out = [
    `<table class="matrix" data-channel="${esc(g.channel)}"><thead><tr><th scope="col">Newer</th><th scope="col">Older</th><th scope="col">${esc(g.info.control)} newer</th><th scope="col">${esc(g.info.control)} older</th></tr></thead><tbody>`,
  ];
  for (const p of g.pairs) {
    out.push(`<tr><th scope="row" class="rel">${esc(releaseTitle(p.newer))}</th><th scope="row" class="rel">${esc(releaseTitle(p.older))}</th>${cellTd(p.controlNewer, id)}${cellTd(p.controlOlder, id)}</tr>`);
  }
  out.push('</tbody></table>');
  return out.join('\n');
}
