/**
 * The JSON report: the objects the API returns (CheckResult, CompatibilityMatrix), unchanged,
 * wrapped with a report schema version. docs/report-json.md documents it; bump REPORT_SCHEMA on
 * any incompatible change to the wrapper (the CheckResult carries its own schemaVersion).
 */
import type { CompatibilityMatrix } from './compat-types.ts';
import type { Report } from './input.ts';
import type { CheckResult } from '../sim/result.ts';

export const REPORT_SCHEMA = 1;

export type JsonReport =
  | {
      reportSchema: typeof REPORT_SCHEMA;
      generator: string;
      kind: 'plans';
      title: string;
      plans: { result: CheckResult; compatibility: CompatibilityMatrix | null }[];
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
  return { ...base, kind: 'plans', plans: report.plans.map((p) => ({ result: p.result, compatibility: p.matrix ?? null })) };
}

export function renderJson(report: Report): string {
  return `${JSON.stringify(toJsonReport(report), null, 2)}\n`;
}
