/** Reports of a check: HTML, Markdown, JSON and JUnit renderers, and writing them to a directory. */
export type { PlanReport, Report } from './input.ts';
export { plansReport, matrixReport, GENERATOR } from './input.ts';
export { renderHtml } from './html/page.ts';
export { renderMarkdown } from './markdown.ts';
export { renderJson, toJsonReport, REPORT_SCHEMA, TIMELINE_JSON_LIMIT, type JsonReport } from './json.ts';
export { renderJunit } from './junit.ts';
export { renderAll, writeReport, DEFAULT_REPORT_DIR } from './write.ts';
export { buildTimeline, MAX_COLUMNS, MAX_ROWS } from './timeline.ts';
export { buildStrips } from './availability.ts';
export { buildMatrix } from './matrix.ts';
