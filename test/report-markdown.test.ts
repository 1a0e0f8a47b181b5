import { describe, expect, it } from 'vitest';
import { mdCode, mdText } from '../src/report/escape.ts';
import { plansReport, renderMarkdown } from '../src/report/index.ts';
import type { CheckResult } from '../src/sim/result.ts';
import { MATRIX } from './fixtures/report/matrix-pike-queens.ts';
import { ROLLING } from './fixtures/report/rolling-pike-queens.ts';

const md = renderMarkdown(plansReport([{ result: ROLLING, matrix: MATRIX }]));

describe('Markdown report', () => {
  it('has the same sections as the HTML report, without pictures', () => {
    for (const h of ['## Timeline', '## Availability', '## Steps', '## Compatibility matrix', '## Violations (2)']) expect(md).toContain(h);
    expect(md).toContain('**Verdict: ✖ FAIL** (2 errors, 0 warnings)');
    expect(md).not.toMatch(/<svg|<img|<div/);
  });

  it('keeps every table row the same width', () => {
    const tables = md.split('\n\n').filter((b) => b.startsWith('|'));
    expect(tables.length).toBeGreaterThan(5);
    for (const t of tables) {
      const widths = t.split('\n').map((l) => l.replace(/\\\|/g, '').split('|').length);
      expect(new Set(widths).size, t.slice(0, 80)).toBe(1);
    }
  });

  it('marks violations in the timeline and shows downtime with totals', () => {
    expect(md).toContain('| **7** ⚠ |');
    expect(md).toMatch(/\| ctl2 \| nova-api \|.*⚠ Pike · \*stopped\* \*\*API_DOWNTIME\*\*/);
    expect(md).toContain('| haproxy-nova-api (nova-api) | up | up | up | up | up | up | up | **DOWN** |');
    expect(md).toContain('down 10 s (1 step)');
    expect(md).toContain('1 instance down, 4 min in all');
  });

  it('writes each violation with counterexample, rule and sources', () => {
    expect(md).toContain('### 1. `API_DOWNTIME` at step 7 “Take ctl2 out” (error)');
    expect(md).toContain('- step 7: Take ctl2 out: stop nova-api, nova-conductor, nova-scheduler on ctl2 (10 s) **← violation**');
    expect(md).toContain('[nova-doc-upgrades](https://github.com/openstack/nova/blob/');
  });

  it('escapes table-breaking and HTML text', () => {
    expect(mdText('a|b <b>*x*</b>\nnext')).toBe('a\\|b \\<b\\>\\*x\\*\\</b\\> next');
    expect(mdCode('a`b')).toBe('``a`b``');
    const evil: CheckResult = { ...ROLLING, violations: [{ ...ROLLING.violations[0]!, message: 'x | y <script>' }] };
    const out = renderMarkdown(plansReport([{ result: evil }]));
    expect(out).toContain('x \\| y \\<script\\>');
  });
});
