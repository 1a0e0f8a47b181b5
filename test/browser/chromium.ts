/**
 * Headless Chromium for the browser tests: Debian's `chromium` driven by playwright-core, in a
 * fresh profile, with everything that phones home switched off. `available()` decides whether
 * a test may skip: only when Chromium is absent and CI is not set (CI must fail instead).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = process.env.PREFLIGHT_CHROMIUM ?? '/usr/bin/chromium';

export const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const inCi = (): boolean => {
  const ci = process.env.CI;
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
};

/** Skip only when Chromium is truly absent and we are not in CI. */
export const skipBrowser = !existsSync(CHROMIUM) && !inCi();

export interface Browser extends AsyncDisposable {
  context: BrowserContext;
}

export async function launch(viewport = { width: 1600, height: 1000 }): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: run .ci/browser-deps`);
  const profile = await mkdtemp(join(tmpdir(), 'preflight-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: ARGS,
    headless: true,
    viewport,
    deviceScaleFactor: 1,
    offline: false,
  });
  return {
    context,
    async [Symbol.asyncDispose]() {
      await context.close().catch(() => undefined);
      await rm(profile, { recursive: true, force: true });
    },
  };
}
