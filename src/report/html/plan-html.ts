/** One plan's part of the HTML report: verdict, numbers, timeline, strips, matrix, violations. */
import type { CheckResult, StepRecord } from '../../sim/result.ts';
import type { PlanReport } from '../input.ts';
import { buildStrips } from '../availability.ts';
import { esc } from '../escape.ts';
import { duration, plural, releaseTitle } from '../format.ts';
import { buildTimeline } from '../timeline.ts';
import { matrixHtml } from './matrix-html.ts';
import { COLOURS, releaseColours } from './palette.ts';
import { stripsSvg } from './strips-svg.ts';
import { timelineSvg } from './timeline-svg.ts';
import { stepName, verdictLine } from '../wording.ts';
import { violationCard } from './violations-html.ts';

/** Above this many steps the step table lists only the steps where something went wrong. */
const FULL_STEP_TABLE = 60;

export function planHtml(p: PlanReport, id: string, heading: boolean): string {
  const r = p.result;
  const errors = r.violations.filter((v) => v.severity === 'error').length;
  const warnings = r.violations.length - errors;
  const d = r.downtime;
  const out: string[] = [`<section class="plan" id="${id}" data-verdict="${r.verdict}" data-violations="${r.violations.length}">`];
  if (heading) out.push(`<h2>${esc(r.plan.name)}</h2>`);
  out.push(
    `<p class="sub">Plan <code>${esc(r.plan.file)}</code>: ${esc(releaseTitle(r.plan.from))} → ${esc(releaseTitle(r.plan.to))}</p>`,
    `<div class="verdict ${r.verdict}" role="status"><span class="word">${r.verdict === 'pass' ? '✔ PASS' : '✖ FAIL'}</span><span class="why">${esc(verdictLine(r))}</span></div>`,
    '<dl class="stats">',
    stat('Errors', String(errors), errors > 0, 'errors'),
    stat('Warnings', String(warnings), false, 'warnings'),
    stat('API downtime', d.api.steps ? `${duration(d.api.seconds)} (${plural(d.api.steps, 'step')})` : 'none', d.api.steps > 0, 'api-downtime'),
    stat('Instances down', d.instances.affected ? `${d.instances.affected}, ${duration(d.instances.instanceSeconds)}` : 'none', d.instances.affected > 0, 'instance-downtime'),
    stat('Longest instance outage', duration(d.instances.maxSeconds), d.instances.maxSeconds > 0, 'instance-max'),
    stat('Estimated duration', duration(d.totalSeconds), false, 'duration'),
    '</dl>',
  );
  if (r.violations.length) {
    out.push(
      '<table class="violations"><thead><tr><th class="num">#</th><th>Where</th><th>Invariant</th><th>Severity</th><th>What</th></tr></thead><tbody>',
      ...r.violations.map(
        (v, i) =>
          `<tr><td class="num">${i + 1}</td><td>${esc(stepName(v))}</td><td><a href="#${id}-v${i + 1}"><code>${esc(v.code)}</code></a></td><td class="sev-${v.severity}">${v.severity}</td><td>${esc(v.message)}</td></tr>`,
      ),
      '</tbody></table>',
    );
  }
  out.push('<h2>Timeline</h2>');
  if (!r.timeline || r.timeline.length === 0) {
    out.push('<p class="note">This check was run without a timeline.</p>');
  } else {
    const tl = buildTimeline(r.timeline, r.violations);
    const strips = buildStrips(r.timeline, tl.columns);
    const notes: string[] = [];
    if (tl.rows.length + tl.hiddenRows < tl.services) notes.push(`${tl.services} services on nodes drawn as ${tl.rows.length + tl.hiddenRows} rows: nodes with identical histories share a row.`);
    if (tl.merged) notes.push(`${tl.steps - 1} steps merged into ${tl.columns.length - 1} columns after the start; a merged cell shows the state at the end of its steps, “changed” when something changed in between.`);
    out.push(
      `<p>Release and state of every service after each step. Step 0 is the starting point.${notes.length ? ` ${esc(notes.join(' '))}` : ''}</p>`,
      `<div class="figure">${timelineSvg(tl, r.plan.from, r.plan.to, `${id}-tl`)}</div>`,
      legend(r.plan.from, r.plan.to, new Set(tl.rows.flatMap((row) => row.cells.map((c) => c.release))), `${id}-lg`),
      '<h2>Availability</h2>',
      `<div class="figure">${stripsSvg(strips, tl.columns, `${id}-av`)}</div>`,
      '<h3>Steps</h3>',
      stepTable(r.timeline),
    );
  }
  out.push('<h2>Compatibility matrix</h2>');
  out.push(p.matrix ? matrixHtml(p.matrix, `${id}-mx`) : '<p class="note">No compatibility matrix for these releases.</p>');
  if (r.violations.length) {
    out.push(`<h2>Violations (${r.violations.length})</h2>`);
    r.violations.forEach((v, i) => out.push(violationCard(v, i + 1, r.timeline, id)));
  }
  out.push('</section>');
  return out.join('\n');
}

function stat(label: string, value: string, bad: boolean, key: string): string {
  return `<div${bad ? ' class="bad"' : ''}><dt>${esc(label)}</dt><dd data-stat="${key}">${esc(value)}</dd></div>`;
}

function stepTable(timeline: readonly StepRecord[]): string {
  const rows = timeline.filter((t) => t.step > 0);
  const shown = rows.length <= FULL_STEP_TABLE ? rows : rows.filter((t) => t.codes.length || t.apisDown.length || t.instancesDown.length);
  const out = [
    rows.length === shown.length ? '' : `<p class="note">${plural(rows.length, 'step')}; listed here: the ${shown.length} where something went wrong or was down.</p>`,
    '<table class="steps"><thead><tr><th class="num">Step</th><th>What</th><th class="num">Starts at</th><th class="num">Takes</th><th>Down</th><th>Violations</th></tr></thead><tbody>',
  ];
  for (const t of shown) {
    const down = [...t.apisDown, ...t.instancesDown];
    out.push(
      `<tr${t.codes.length ? ' class="hit"' : ''}><td class="num">${esc(t.stepId)}</td><td>${t.label ? `<strong>${esc(t.label)}</strong>: ` : ''}${esc(t.summary)}</td><td class="num">${duration(t.startSeconds)}</td><td class="num">${duration(t.durationSeconds)}</td><td>${esc(down.join(', '))}</td><td>${t.codes.map((c) => `<code>${esc(c)}</code>`).join(' ')}</td></tr>`,
    );
  }
  out.push('</tbody></table>');
  return out.join('\n');
}

function swatch(fill: string, extra = ''): string {
  return `<svg width="34" height="22" aria-hidden="true"><rect x="1" y="1" width="32" height="20" rx="3" fill="${fill}" stroke="${COLOURS.grid}"/>${extra}</svg>`;
}

/** The legend lists the release colours this timeline actually uses. */
function legend(from: string, to: string, seen: ReadonlySet<string>, id: string): string {
  const fills = new Map<string, string[]>();
  for (const r of seen) {
    if (!r) continue;
    const { fill } = releaseColours(r, from, to);
    const role = r === from && r === to ? ' (from and to)' : r === from ? ' (from)' : r === to ? ' (to)' : '';
    const label = `${releaseTitle(r)}${role}`;
    fills.set(fill, [...(fills.get(fill) ?? []), label]);
  }
  const hatch = `<defs><pattern id="${id}-h" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="8" height="8" fill="#fff"/><line x1="0" y1="0" x2="0" y2="8" stroke="#b0b0b0" stroke-width="3"/></pattern></defs>`;
  return [
    '<ul class="legend" aria-label="Timeline legend">',
    ...[...fills].map(([fill, labels]) => `<li>${swatch(fill)} ${esc(labels.join(', '))}</li>`),
    `<li><svg width="34" height="22" aria-hidden="true">${hatch}<rect x="1" y="1" width="32" height="20" rx="3" fill="url(#${id}-h)" stroke="${COLOURS.grid}"/></svg> stopped</li>`,
    `<li>${swatch('#f9d0d0')} failed</li>`,
    `<li>${swatch('#ffffff', `<rect x="1" y="1" width="7" height="20" fill="${COLOURS.drained}"/>`)} drained from its load balancer</li>`,
    `<li>${swatch('#ffffff', `<rect x="2" y="2" width="30" height="18" rx="3" fill="none" stroke="${COLOURS.bad}" stroke-width="3"/>`)} violation here</li>`,
    '<li><strong>cap</strong>&nbsp;compute RPC version cap in force</li>',
    '</ul>',
  ].join('');
}
