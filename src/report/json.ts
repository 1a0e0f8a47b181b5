/**
 * The JSON report: the objects the API returns (CheckResult, CompatibilityMatrix), unchanged,
 * wrapped with a report schema version. docs/report-json.md documents it; bump REPORT_SCHEMA on
 * any incompatible change to the wrapper (the CheckResult carries its own schemaVersion).
 */
import type { CompatibilityMatrix } from './compat-types.ts';
import type { Report } from './input.ts';
import type { CheckResult } from '../sim/result.ts';

export const REPORT_SCHEMA = 1;

/**
 * Above this many service views (timeline records × services) the timeline is left out of the
 * JSON: a 1,000-compute plan would otherwise write hundreds of megabytes. The HTML and Markdown
 * reports still draw it; `timelineOmitted` says what was dropped.
 */
export const TIMELINE_JSON_LIMIT = 100_000;

export type JsonReport =
  | {
      reportSchema: typeof REPORT_SCHEMA;
      generator: string;
      kind: 'plans';
      title: string;
      plans: {
        result: CheckResult;
        compatibility: CompatibilityMatrix | null;
        /** Present when result.timeline was left out for size. */
        timelineOmitted?: { records: number; serviceViews: number; limit: number };
      }[];
    }
  | {
      reportSchema: typeof REPORT_SCHEMA;
      generator: string;
      kind: 'matrix';
      title: string;
      compatibility: CompatibilityMatrix;
    };

export function toJsonReport(report: Report): JsonReport {
  const base = { reportSchema: REPORT_SCHEMA, generator: report.generator, title: report.title } as const;
  if (report.kind === 'matrix') return { ...base, kind: 'matrix', compatibility: report.matrix };
  return {
    ...base,
    kind: 'plans',
    plans: report.plans.map((p) => {
      const compatibility = p.matrix ?? null;
      const timeline = p.result.timeline;
      const views = timeline?.reduce((n, r) => n + r.services.length, 0) ?? 0;
      if (!timeline || views <= TIMELINE_JSON_LIMIT) return { result: p.result, compatibility };
      const { timeline: _dropped, ...result } = p.result;
      return { result, compatibility, timelineOmitted: { records: timeline.length, serviceViews: views, limit: TIMELINE_JSON_LIMIT } };
    }),
  };
}

export function renderJson(report: Report): string {
  return `${JSON.stringify(toJsonReport(report), null, 2)}\n`;
}
