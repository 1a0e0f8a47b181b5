import { describe, expect, it } from 'vitest';
import { compatibilityMatrix } from '../src/models/catalogue/compat.ts';
import type { ReleaseName } from '../src/scenarios/plan.ts';
import { matrixReport, plansReport, renderHtml } from '../src/report/index.ts';
import type { CheckResult } from '../src/sim/result.ts';
import { bigResult } from './fixtures/report/big.ts';
import { MATRIX } from './fixtures/report/matrix-pike-queens.ts';
import { ROLLING } from './fixtures/report/rolling-pike-queens.ts';
import { wellFormed } from './fixtures/report/xml-check.ts';

const html = renderHtml(plansReport([{ result: ROLLING, matrix: MATRIX }]));

describe('HTML report', () => {
  it('is one self-contained page: no script, no external resource, a CSP forbidding fetches', () => {
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\((?!#)/i);
    expect(html).toContain(`http-equiv="Content-Security-Policy" content="default-src 'none'`);
    // The only URLs are links to sources, which load nothing until clicked.
    const srcs = [...html.matchAll(/\s(src|href|xlink:href)="([^"#][^"]*)"/g)].map((m) => m[1]);
    expect(new Set(srcs)).toEqual(new Set(['href']));
    expect([...html.matchAll(/<a href="https?:/g)].length).toBeGreaterThan(0);
  });

  it('is well-formed and its ids are unique', () => {
    expect(wellFormed(html, true)).toEqual([]);
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBe(new Set(ids).size);
  });

  it('states the verdict, the numbers and every violation with its facts', () => {
    expect(html).toContain('✖ FAIL');
    expect(html).toContain('data-stat="api-downtime">10 s (1 step)<');
    expect(html).toContain('data-stat="duration">25 min 5 s<');
    for (const v of ROLLING.violations) {
      expect(html).toContain(`data-code="${v.code}"`);
      expect(html).toContain(v.source[0]!.url);
    }
    expect(html).toContain('← violation');
    expect(html).toContain('examples/nova-rolling-pike-queens.yaml:48:5');
  });

  it('is accessible: SVG figures are labelled images with titles', () => {
    const svgs = [...html.matchAll(/<svg xmlns[^>]*>/g)].map((m) => m[0]);
    expect(svgs).toHaveLength(2);
    for (const s of svgs) expect(s).toMatch(/role="img".*aria-labelledby="[^"]+ [^"]+"/);
    expect(html).toContain('<html lang="en">');
  });

  it('escapes whatever an operator wrote', () => {
    const evil: CheckResult = {
      ...ROLLING,
      plan: { ...ROLLING.plan, name: '<img src=x onerror=alert(1)> & "quotes"' },
      violations: [{ ...ROLLING.violations[0]!, message: '</svg><script>alert(1)</script>', entities: ['ctl1/nova-api"><x'] }],
    };
    const out = renderHtml(plansReport([{ result: evil }]));
    expect(out).not.toContain('<script>');
    expect(out).not.toContain('<img');
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;');
    expect(wellFormed(out, true)).toEqual([]);
  });

  it('says so when there is no timeline or no matrix', () => {
    const { timeline: _t, ...bare } = ROLLING;
    const out = renderHtml(plansReport([{ result: bare }]));
    expect(out).toContain('without a timeline');
    expect(out).toContain('No compatibility matrix');
    expect(out).not.toContain('data-figure="timeline"');
  });

  it('puts several plans in one page with a summary and distinct ids', () => {
    const pass: CheckResult = { ...ROLLING, verdict: 'pass', violations: [], plan: { ...ROLLING.plan, name: 'fixed plan' } };
    const out = renderHtml(plansReport([{ result: ROLLING, matrix: MATRIX }, { result: pass, matrix: MATRIX }]));
    expect(out).toContain('<a href="#p2">fixed plan</a>');
    expect(out).toContain('✔ PASS');
    const ids = [...out.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBe(new Set(ids).size);
  });

  it('renders a 1,000-compute plan with capped columns and collapsed rows', () => {
    const out = renderHtml(plansReport([{ result: bigResult(1000) }]));
    expect(out).toMatch(/data-figure="timeline" data-rows="(\d+)" data-columns="20"/);
    expect(out).toMatch(/data-row="nova-compute×\d+" data-nodes="\d{2,}"/);
    expect(out.length).toBeLessThan(2_000_000);
    expect(wellFormed(out, true)).toEqual([]);
  });

  it('renders the catalogue matrix alone, as a grid or, for long ranges, as pairs', () => {
    const m = compatibilityMatrix('caracal' as ReleaseName, 'epoxy' as ReleaseName);
    const out = renderHtml(matrixReport(m));
    expect(out).toContain('No plan was checked');
    expect((out.match(/<table class="matrix"/g) ?? []).length).toBe(6);
    expect((out.match(/<td class="cell/g) ?? []).length).toBe(6 * 9);
    expect(wellFormed(out, true)).toEqual([]);
    const long = renderHtml(matrixReport(compatibilityMatrix('wallaby' as ReleaseName, 'epoxy' as ReleaseName)));
    expect(long).toContain('<th scope="col">Newer</th>');
    expect(wellFormed(long, true)).toEqual([]);
  });
});
