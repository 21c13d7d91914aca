/**
 * Weak connections (issue 14 item 8): Chromium with DevTools' "Fast 3G" throttling (CDP
 * Network.emulateNetworkConditions: 562.5 ms latency, 1.6 Mbit/s × 0.9 down, 750 kbit/s × 0.9 up),
 * a cold cache, a phone viewport. Measures, for a regency operator:
 *   - the login page until its form is usable;
 *   - sign-in → the home page showing its figures, and the compressed JavaScript that path transferred
 *     (asserted under 250 kB: the budget);
 *   - the coverage page (the only one with charts: ECharts is loaded here, not before) until its chart is drawn;
 *   - the home page again on a warm cache (hashed assets immutable: only index.html and the API travel).
 * Prints one `RESULT {...}` line for docs/benchmarks.md.
 *
 *   E2E_BASE_URL=http://127.0.0.1:3116 npx tsx e2e/weak-network.e2e.ts
 */
import type { Browser, CDPSession, Page } from 'playwright-core';
import { BASE_URL, check, DEMO_PASSWORD, log, runScenario } from './harness.js';

const USER = process.env.E2E_USER ?? 'kab.sukabumi';
const REGION = process.env.E2E_REGION ?? '32.02';
const JS_BUDGET = 250 * 1024;
const FAST_3G = { offline: false, latency: 562.5, downloadThroughput: ((1.6 * 1024 * 1024) / 8) * 0.9, uploadThroughput: ((750 * 1024) / 8) * 0.9 };

/** Bytes on the wire per resource type, from the CDP network events (encodedDataLength: compressed, with headers). */
function meter(cdp: CDPSession) {
  const types = new Map<string, string>();
  const urls = new Map<string, string>();
  const encodings = new Map<string, string>();
  let bytes: Record<string, number> = {};
  let files: string[] = [];
  cdp.on('Network.responseReceived', (e) => {
    types.set(e.requestId, e.type);
    urls.set(e.requestId, e.response.url);
    encodings.set(e.requestId, String(e.response.headers['content-encoding'] ?? e.response.headers['Content-Encoding'] ?? ''));
  });
  cdp.on('Network.loadingFinished', (e) => {
    const type = types.get(e.requestId) ?? 'Other';
    bytes[type] = (bytes[type] ?? 0) + e.encodedDataLength;
    if (type === 'Script') files.push(`${urls.get(e.requestId)?.replace(/^.*\//, '')} ${(e.encodedDataLength / 1024).toFixed(1)} kB ${encodings.get(e.requestId) || 'identity'}`);
  });
  return {
    reset() {
      bytes = {};
      files = [];
    },
    take() {
      const r = { bytes: { ...bytes }, scripts: [...files] };
      this.reset();
      return r;
    },
  };
}

const kb = (n: number | undefined) => Number(((n ?? 0) / 1024).toFixed(1));

async function timed(page: Page, what: () => Promise<unknown>) {
  const t = performance.now();
  await what();
  return Math.round(performance.now() - t);
}

async function weakNetwork(browser: Browser) {
  const ctx = await browser.newContext({ viewport: { width: 375, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'id-ID' });
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
  await cdp.send('Network.emulateNetworkConditions', FAST_3G);
  const m = meter(cdp);
  const result: Record<string, unknown> = { bench: 'weak-network', profile: 'Fast 3G (562.5 ms, 1.44 Mbit/s down, 675 kbit/s up)', user: USER };

  const loginMs = await timed(page, async () => {
    await page.goto(`${BASE_URL}/login`, { waitUntil: 'domcontentloaded' });
    await page.getByLabel('Nama pengguna').waitFor({ timeout: 60_000 });
  });
  const login = m.take();
  log(`login page usable in ${loginMs} ms (JS ${kb(login.bytes.Script)} kB)`);

  await page.getByLabel('Nama pengguna').fill(USER);
  await page.getByLabel('Kata sandi', { exact: true }).fill(DEMO_PASSWORD);
  const homeMs = await timed(page, async () => {
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 60_000 });
    // the regency operator's home with its figures: the coverage card drawn from /api/home
    await page.getByTestId('home-coverage').waitFor({ timeout: 60_000 });
  });
  const home = m.take();
  const pathJs = (login.bytes.Script ?? 0) + (home.bytes.Script ?? 0);
  log(`sign-in → home with figures in ${homeMs} ms; login→home JS ${kb(pathJs)} kB compressed`);
  for (const f of [...login.scripts, ...home.scripts]) log(`  ${f}`);
  check(!home.scripts.some((f) => /echarts|zrender/.test(f)), 'ECharts was loaded on the way to the home page');
  check(pathJs <= JS_BUDGET, `login→home transferred ${kb(pathJs)} kB of JavaScript, over the ${JS_BUDGET / 1024} kB budget`);

  const coverageMs = await timed(page, async () => {
    await page.goto(`${BASE_URL}/cakupan/${REGION}`, { waitUntil: 'domcontentloaded' });
    // a chart drawn by ECharts (SVG renderer) inside its container
    await page.locator('[data-testid="coverage-trend"] svg, [data-testid="coverage-child-map"] svg, [data-testid="coverage-ranking"] svg').first().waitFor({ timeout: 90_000 });
  });
  const coverage = m.take();
  check(coverage.scripts.some((f) => /echarts/.test(f)), 'the coverage page did not load the ECharts chunk');
  log(`coverage page with its chart in ${coverageMs} ms (JS ${kb(coverage.bytes.Script)} kB: the page and ECharts; the shell and vendor chunks come from the cache)`);

  const warmMs = await timed(page, async () => {
    await page.goto(`${BASE_URL}/`, { waitUntil: 'domcontentloaded' });
    await page.getByTestId('home-coverage').waitFor({ timeout: 60_000 });
  });
  const warm = m.take();
  log(`home again, warm cache, in ${warmMs} ms (JS ${kb(warm.bytes.Script)} kB over the wire)`);

  Object.assign(result, {
    login_page_ms: loginMs,
    login_to_home_ms: homeMs,
    login_to_home_js_kb: kb(pathJs),
    js_budget_kb: JS_BUDGET / 1024,
    coverage_ms: coverageMs,
    coverage_js_kb: kb(coverage.bytes.Script),
    home_warm_ms: warmMs,
    home_warm_js_kb: kb(warm.bytes.Script),
  });
  console.log(`RESULT ${JSON.stringify(result)}`);
  await ctx.close();
}

process.exit(await runScenario('weak network', 'Fast 3G: login→home within the JavaScript budget, ECharts only on the coverage page', weakNetwork));
