/**
 * The HTML report as a person sees it: loaded from disk in headless Chromium, nothing may leave
 * the page, and the timeline, strips and matrix must show the fixture's numbers. Saves
 * reports/screenshot.png for the README and for a human to look at.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matrixReport, plansReport, renderHtml } from '../../src/report/index.ts';
import { bigResult } from '../fixtures/report/big.ts';
import { MATRIX } from '../fixtures/report/matrix-pike-queens.ts';
import { ROLLING } from '../fixtures/report/rolling-pike-queens.ts';
import { launch, skipBrowser } from './chromium.ts';

const SCREENSHOT = join(import.meta.dirname, '..', '..', 'reports', 'screenshot.png');

describe.skipIf(skipBrowser)('HTML report in Chromium', () => {
  let dir: string;
  let url: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'preflight-report-'));
    const file = join(dir, 'report.html');
    await writeFile(file, renderHtml(plansReport([{ result: ROLLING, matrix: MATRIX }])));
    url = pathToFileURL(file).href;
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('renders the timeline, strips and matrix with the right numbers and requests nothing', async () => {
    await using browser = await launch();
    const requests: string[] = [];
    const blocked: string[] = [];
    browser.context.on('request', (r) => requests.push(r.url()));
    await browser.context.route('**/*', (route) => {
      if (route.request().url() === url) return route.continue();
      blocked.push(route.request().url());
      return route.abort();
    });
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(url, { waitUntil: 'load' });

    // Nothing but the file itself was requested.
    expect(blocked).toEqual([]);
    expect(requests).toEqual([url]);
    expect(errors).toEqual([]);

    // Verdict and numbers.
    expect(await page.locator('.verdict .word').innerText()).toContain('FAIL');
    expect(await page.locator('section.plan').getAttribute('data-violations')).toBe('2');
    expect(await page.locator('article.violation').count()).toBe(2);
    expect(await page.locator('[data-stat="api-downtime"]').innerText()).toBe('10 s (1 step)');
    expect(await page.locator('[data-stat="instance-downtime"]').innerText()).toBe('1, 4 min');
    expect(await page.locator('[data-stat="duration"]').innerText()).toBe('25 min 5 s');

    // Timeline: 9 service rows, 16 columns (step 0 to 15), violations framed where they happen.
    const tl = page.locator('svg[data-figure="timeline"]');
    expect(await tl.getAttribute('data-rows')).toBe('9');
    expect(await tl.getAttribute('data-columns')).toBe('16');
    expect(await tl.locator('g[data-step="7"]').getAttribute('data-violations')).toBe('1');
    expect(await tl.locator('g[data-step="12"]').getAttribute('data-violations')).toBe('1');
    expect(await tl.locator('g[data-codes]').count()).toBe(4);
    expect(await tl.locator('g[data-row="ctl2/nova-api"] ~ g[data-codes="API_DOWNTIME"]').count()).toBeGreaterThan(0);
    const box = await tl.boundingBox();
    expect(box?.width).toBeGreaterThan(1500);
    expect(box?.height).toBeGreaterThan(500);

    // Availability: the API strip is red on step 7 only; the instances strip on step 14.
    const api = page.locator('g[data-strip="haproxy-nova-api"]');
    expect(await api.getAttribute('data-down-seconds')).toBe('10');
    expect(await api.locator('g[data-down="true"]').count()).toBe(1);
    expect(await page.locator('[data-total="haproxy-nova-api"]').textContent()).toBe('down 10 s (1 step)');
    expect(await page.locator('[data-total="instances"]').textContent()).toBe('1 instance down, 4 min in all');
    const red = await api.locator('g[data-down="true"] rect').evaluate((r) => getComputedStyle(r).fill);
    expect(red).toBe('rgb(198, 40, 40)');

    // Matrix: every channel drawn, statuses as in the catalogue.
    expect(await page.locator('table.matrix').count()).toBe(4);
    expect(await page.locator('[data-matrix-counts]').getAttribute('data-matrix-counts')).toBe('4 2 2');
    const cc = page.locator('table.matrix[data-channel="conductor→compute"]');
    expect(await cc.locator('td[data-status="refused"]').count()).toBe(1);
    expect(await cc.locator('td[data-status="supported"]').count()).toBe(1);
    expect(await cc.locator('tbody tr').nth(1).locator('td').first().innerText()).toContain('supported');

    // Projector-sized text, and the page fits a 1600-pixel screen without scrolling sideways.
    const size = await page.locator('body').evaluate((b) => parseFloat(getComputedStyle(b).fontSize));
    expect(size).toBeGreaterThanOrEqual(18);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1600);
    // The timeline's columns line up with the strips' columns.
    const stepX = await page.locator('svg[data-figure="timeline"] g[data-step="7"] rect').boundingBox();
    const stripX = await api.locator('g[data-down="true"] rect').boundingBox();
    const centre = (b: { x: number; width: number } | null) => (b ? b.x + b.width / 2 : NaN);
    expect(Math.abs(centre(stepX) - centre(stripX))).toBeLessThan(1);

    await mkdir(join(SCREENSHOT, '..'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  });

  it('keeps a 1,000-compute plan readable: capped columns, collapsed rows, no sideways scroll', async () => {
    const file = join(dir, 'big.html');
    await writeFile(file, renderHtml(plansReport([{ result: bigResult(1000) }])));
    await using browser = await launch();
    const page = await browser.context.newPage();
    await page.goto(pathToFileURL(file).href);
    const tl = page.locator('svg[data-figure="timeline"]');
    expect(Number(await tl.getAttribute('data-columns'))).toBeLessThanOrEqual(20);
    expect(Number(await tl.getAttribute('data-rows'))).toBeLessThan(40);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1600);
    // Rendered cell text stays legible: at least 10 CSS pixels high after scaling.
    const scale = await tl.evaluate((svg) => svg.getBoundingClientRect().width / Number(svg.getAttribute('width')));
    expect(15 * scale).toBeGreaterThanOrEqual(10);
    expect(await tl.locator('g[data-codes="ORDER"]').count()).toBe(1);
  });

  it('shows the catalogue matrix alone', async () => {
    const file = join(dir, 'matrix.html');
    await writeFile(file, renderHtml(matrixReport(MATRIX)));
    await using browser = await launch();
    const page = await browser.context.newPage();
    await page.goto(pathToFileURL(file).href);
    expect(await page.locator('table.matrix').count()).toBe(4);
    expect(await page.locator('td[data-status="refused"]').count()).toBe(2);
    expect(await page.locator('ol.notes li').count()).toBe(MATRIX.cells.length);
    const bg = await page.locator('td[data-status="refused"]').first().evaluate((td) => getComputedStyle(td).backgroundColor);
    expect(bg).toBe('rgb(249, 208, 208)');
  });
});
