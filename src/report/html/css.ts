/**
 * The report's only stylesheet, inlined in the page. Large type and strong contrast because the
 * page is shown on projectors to a change board; print rules keep colours and avoid splitting
 * a figure across pages. System fonts only: the page must never fetch anything.
 */
export const CSS = `
:root { --ink:#111; --muted:#444; --line:#999; --bg:#fff; --bad:#b71c1c; --warn:#8a4b00; --good:#1b5e20; --accent:#0d47a1; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; padding: 28px 36px 60px; font: 18px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif; color: var(--ink); background: var(--bg); }
h1 { font-size: 34px; margin: 0 0 6px; line-height: 1.2; }
h2 { font-size: 26px; margin: 40px 0 12px; padding-bottom: 6px; border-bottom: 3px solid var(--ink); }
h3 { font-size: 21px; margin: 26px 0 8px; }
p, li { max-width: 75em; }
a { color: var(--accent); }
code { font: 0.92em ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; background: #eef0f3; padding: 1px 4px; border-radius: 3px; }
.sub { color: var(--muted); margin: 0 0 18px; }
.verdict { display: flex; flex-wrap: wrap; align-items: center; gap: 20px 28px; padding: 18px 24px; border-radius: 8px; color: #fff; margin: 10px 0 8px; }
.verdict.fail { background: var(--bad); }
.verdict.pass { background: var(--good); }
.verdict .word { font-size: 40px; font-weight: 800; letter-spacing: 0.04em; }
.verdict .why { font-size: 20px; }
dl.stats { display: grid; grid-template-columns: repeat(auto-fill, minmax(210px, 1fr)); gap: 10px; margin: 16px 0; }
dl.stats div { border: 2px solid #ccc; border-radius: 6px; padding: 8px 12px; }
dl.stats dt { font-size: 15px; color: var(--muted); }
dl.stats dd { margin: 0; font-size: 24px; font-weight: 700; }
dl.stats .bad dd { color: var(--bad); }
table { border-collapse: collapse; margin: 8px 0 16px; }
th, td { border: 1px solid var(--line); padding: 6px 10px; text-align: left; vertical-align: top; }
th { background: #e8eaed; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.hit td { background: #fdecea; }
.sev-error { color: var(--bad); font-weight: 700; }
.sev-warning { color: var(--warn); font-weight: 700; }
.figure { overflow-x: auto; margin: 8px 0 6px; }
.figure svg { display: block; }
svg text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif; }
.legend { display: flex; flex-wrap: wrap; gap: 8px 20px; font-size: 16px; margin: 6px 0 14px; padding: 0; list-style: none; }
.legend li { display: flex; align-items: center; gap: 6px; }
.legend svg { flex: none; }
.note { color: var(--muted); font-size: 16px; }
.channels { display: flex; flex-wrap: wrap; gap: 0 48px; }
.channel { break-inside: avoid; }
.matrix td.cell { text-align: center; min-width: 9.5em; font-weight: 600; }
.matrix th.rel { white-space: nowrap; }
.st-supported { background: #d7f0db; color: #0b3d14; }
.st-unsupported-but-works { background: #fff0c2; color: #4d3300; }
.st-refused { background: #f9d0d0; color: #7a0c0c; }
.st-same { background: #eeeeee; color: #333; }
.st-unknown { background: #fff; color: #555; font-style: italic; }
.matrix sup { font-weight: 400; }
ol.notes li { margin-bottom: 6px; }
.violation { border: 2px solid #ccc; border-left: 10px solid var(--bad); border-radius: 6px; padding: 10px 18px 12px; margin: 16px 0; break-inside: avoid; }
.violation.warning { border-left-color: #e09b00; }
.violation h3 { margin: 4px 0 6px; }
.violation .code { font: 700 0.9em ui-monospace, "DejaVu Sans Mono", monospace; }
.violation ul.trace { margin: 4px 0; padding-left: 1.2em; list-style: none; }
.violation ul.trace li.here { font-weight: 700; color: var(--bad); }
.facts { margin: 6px 0 0; }
.plan + .plan { border-top: 6px double var(--ink); margin-top: 48px; }
footer { margin-top: 48px; color: var(--muted); font-size: 15px; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { padding: 0; font-size: 12pt; }
  h2 { break-after: avoid; }
  .figure { overflow: visible; break-inside: avoid; }
  .figure svg { min-width: 0 !important; max-width: 100% !important; }
  .plan + .plan { break-before: page; }
  a { color: inherit; }
}
`;
