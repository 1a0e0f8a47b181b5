/**
 * Violations as cards: what broke, where in the plan, the counterexample (the steps leading to
 * it and the state at that moment) and the fact it rests on, with links to the sources.
 */
import type { SourceRef, StepRecord, Violation } from '../../sim/result.ts';
import { counterexample } from '../counterexample.ts';
import { esc } from '../escape.ts';
import { duration, plural } from '../format.ts';
import { stateHeading, stepName } from '../wording.ts';

export function sourceLinks(sources: readonly SourceRef[]): string {
  if (sources.length === 0) return 'none recorded';
  return sources
    .map((s) => `<a href="${esc(s.url)}">${esc(s.id)}</a>${s.note ? ` (${esc(s.note)})` : ''}`)
    .join('; ');
}

export function violationCard(v: Violation, n: number, timeline: readonly StepRecord[] | undefined, id: string): string {
  const ce = counterexample(v, timeline);
  const out = [
    `<article class="violation ${v.severity}" id="${id}-v${n}" data-code="${esc(v.code)}" data-severity="${v.severity}">`,
    `<h3>${n}. <span class="code">${esc(v.code)}</span> at ${esc(stepName(v))} <span class="sev-${v.severity}">(${v.severity})</span></h3>`,
    `<p>${esc(v.message)}</p>`,
  ];
  if (v.entities.length) out.push(`<p><strong>Involves:</strong> ${v.entities.map((e) => `<code>${esc(e)}</code>`).join(', ')}</p>`);
  if (ce && ce.trace.length) {
    out.push(`<p><strong>Counterexample</strong>${ce.omitted ? ` (${plural(ce.omitted, 'earlier step')} not shown)` : ''}:</p>`, '<ul class="trace">');
    for (const t of ce.trace) {
      out.push(`<li${t.here ? ' class="here"' : ''}>step ${esc(t.stepId)}: ${esc(t.summary)} <span class="note">(${duration(t.durationSeconds)})</span>${t.here ? ' ← violation' : ''}</li>`);
    }
    out.push('</ul>');
  }
  if (ce && ce.state.length) {
    out.push(`<p><strong>${esc(stateHeading(v))}:</strong></p><ul>${ce.state.map((s) => `<li>${esc(s)}</li>`).join('')}</ul>`);
  }
  out.push(
    `<p class="facts"><strong>Rule:</strong> ${esc(v.rule)}<br><strong>Rests on:</strong> ${sourceLinks(v.source)}` +
      (v.at ? `<br><strong>Written at:</strong> <code>${esc(`${v.at.file}:${v.at.line}:${v.at.column}`)}</code>` : '') +
      '</p>',
    '</article>',
  );
  return out.join('\n');
}
