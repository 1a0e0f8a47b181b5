import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compatibilityMatrix } from '../src/models/catalogue/compat.ts';
import type { ReleaseName } from '../src/scenarios/plan.ts';
import { REPORT_SCHEMA, TIMELINE_JSON_LIMIT, matrixReport, plansReport, renderJson } from '../src/report/index.ts';
import { MATRIX } from './fixtures/report/matrix-pike-queens.ts';
import { ROLLING } from './fixtures/report/rolling-pike-queens.ts';

describe('JSON report', () => {
  it('wraps the API objects unchanged with a schema version', () => {
    const parsed = JSON.parse(renderJson(plansReport([{ result: ROLLING, matrix: MATRIX }])));
    expect(parsed.reportSchema).toBe(REPORT_SCHEMA);
    expect(parsed.kind).toBe('plans');
    expect(parsed.generator).toMatch(/^preflight \d+\.\d+\.\d+/);
    expect(parsed.plans[0].result).toEqual(JSON.parse(JSON.stringify(ROLLING)));
    expect(parsed.plans[0].compatibility).toEqual(MATRIX);
    expect(JSON.parse(renderJson(plansReport([{ result: ROLLING }]))).plans[0].compatibility).toBeNull();
  });

  it('carries the matrix alone for `preflight matrix`', () => {
    const m = compatibilityMatrix('caracal' as ReleaseName, 'epoxy' as ReleaseName);
    const parsed = JSON.parse(renderJson(matrixReport(m)));
    expect(parsed).toMatchObject({ reportSchema: REPORT_SCHEMA, kind: 'matrix' });
    expect(parsed.compatibility).toEqual(JSON.parse(JSON.stringify(m)));
  });

  it('is documented, with the schema version the code writes', () => {
    const doc = readFileSync(join(import.meta.dirname, '..', 'docs', 'report-json.md'), 'utf8');
    expect(doc).toContain(`"reportSchema": ${REPORT_SCHEMA}`);
    for (const key of ['kind', 'generator', 'title', 'plans', 'plans[].result', 'plans[].compatibility', 'compatibility', 'timeline', 'violations', 'downtime']) {
      expect(doc).toContain(`\`${key}\``);
    }
  });
});

describe('JSON report at scale', () => {
  it('leaves out a huge timeline and says so', async () => {
    const { bigResult } = await import('./fixtures/report/big.ts');
    const big = bigResult(400);
    const parsed = JSON.parse(renderJson(plansReport([{ result: big }])));
    expect(parsed.plans[0].result.timeline).toBeUndefined();
    expect(parsed.plans[0].timelineOmitted).toEqual({ records: 403, serviceViews: 403 * 402, limit: TIMELINE_JSON_LIMIT });
    expect(parsed.plans[0].result.violations).toEqual(big.violations);
    const small = JSON.parse(renderJson(plansReport([{ result: ROLLING }])));
    expect(small.plans[0].timelineOmitted).toBeUndefined();
  });
});
