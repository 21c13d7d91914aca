/**
 * End-to-end: sign in as the Sukabumi regency operator and drill the region browser
 * Indonesia → Jawa Barat → Kabupaten Sukabumi, which must list exactly 47 districts.
 *
 *   npx tsx e2e/region-browser.e2e.ts
 *
 * Needs a running server (it does not start one) with the built SPA and demo accounts:
 *   E2E_BASE_URL   default http://localhost:3000
 *   CHROMIUM_PATH  default /usr/bin/chromium
 * Screenshots go to test-results/. The last line is always "e2e: N passed, M failed".
 */
import { mkdir } from 'node:fs/promises';
import { type Browser, type Page } from 'playwright-core';
import { BASE_URL, check, CHROMIUM, DEMO_PASSWORD, launchChromium, OUT, step } from './harness.js';

const USERNAME = 'kab.sukabumi';
const PASSWORD = DEMO_PASSWORD;
const EXPECTED_DISTRICTS = 47;


/** Rows of the children table in the region browser. */
const childRows = (page: Page) => page.locator('[data-testid="region-children"] tbody tr');

async function waitForPath(page: Page, path: string) {
  await page.waitForURL((url) => url.pathname === path, { timeout: 20_000 });
}

async function run(browser: Browser, pageErrors: string[]) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'id-ID' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (err) => pageErrors.push(err.message));

  await step(`open ${BASE_URL}/ → login page`, async () => {
    await page.goto(`${BASE_URL}/`, { waitUntil: 'domcontentloaded' });
    await waitForPath(page, '/login');
    await page.getByRole('button', { name: 'Masuk' }).waitFor();
  });

  await step('wrong password shows a clear error', async () => {
    await page.getByLabel('Nama pengguna').fill(USERNAME);
    await page.getByLabel('Kata sandi', { exact: true }).fill('bukan-kata-sandi');
    await page.getByRole('button', { name: 'Masuk' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Gagal masuk' });
    await alert.waitFor();
    const text = await alert.innerText();
    check(/salah/i.test(text), `expected the "wrong username or password" message, got: ${text}`);
  });

  await step(`log in as ${USERNAME}`, async () => {
    await page.getByLabel('Kata sandi', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Masuk' }).click();
    // `/` is the role's home (issue 14); "Wilayah" in the menu opens the operator's own regency.
    await waitForPath(page, '/');
    await page.getByTestId('home').waitFor();
    await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Wilayah' }).click();
    await waitForPath(page, '/wilayah/32.02');
  });

  await step('app shell shows user, role, region and the demo banner', async () => {
    const header = page.locator('header').first();
    await header.getByText('Operator Kabupaten Sukabumi (Demo)').waitFor(); // display name
    await header.getByText('Operator Kabupaten/Kota · Kabupaten Sukabumi').waitFor(); // role · region
    await header.getByRole('button', { name: 'Keluar' }).waitFor();
    await page.getByText('Data demo sintetis — bukan data sebenarnya').waitFor();
  });

  await step('go to the region browser root (Indonesia): only Jawa Barat is listed', async () => {
    await page.getByRole('navigation', { name: 'Jejak wilayah' }).getByRole('link', { name: 'Indonesia' }).click();
    await waitForPath(page, '/wilayah');
    await page.getByRole('heading', { level: 1, name: 'Indonesia' }).waitFor();
    await childRows(page).first().waitFor();
    const rows = await childRows(page).allInnerTexts();
    check(rows.length === 1, `expected 1 province for this user, got ${rows.length}: ${rows.join(' | ')}`);
    check(/Jawa Barat/i.test(rows[0] ?? ''), `expected Jawa Barat, got ${rows[0]}`);
    await page.getByText('1 provinsi', { exact: true }).waitFor();
  });

  await step('click Jawa Barat', async () => {
    await page.locator('[data-testid="region-children"]').getByRole('link', { name: 'Jawa Barat' }).click();
    await waitForPath(page, '/wilayah/32');
    await page.getByRole('heading', { level: 1, name: 'Jawa Barat' }).waitFor();
  });

  await step('click Kabupaten Sukabumi', async () => {
    await page.locator('[data-testid="region-children"]').getByRole('link', { name: 'Kabupaten Sukabumi' }).click();
    await waitForPath(page, '/wilayah/32.02');
    await page.getByRole('heading', { level: 1, name: 'Kabupaten Sukabumi' }).waitFor();
  });

  await step(`Kabupaten Sukabumi lists exactly ${EXPECTED_DISTRICTS} districts`, async () => {
    await page.getByText(`${EXPECTED_DISTRICTS} kecamatan`, { exact: true }).waitFor();
    await childRows(page).first().waitFor();
    const n = await childRows(page).count();
    check(n === EXPECTED_DISTRICTS, `expected ${EXPECTED_DISTRICTS} district rows, got ${n}`);
    const levels = await page.locator('[data-testid="region-children"] tbody tr td.col-level').allInnerTexts();
    check(levels.every((l) => l.trim() === 'Kecamatan'), `every row should be a Kecamatan, got: ${[...new Set(levels)].join(', ')}`);
    const breadcrumb = await page.getByRole('navigation', { name: 'Jejak wilayah' }).innerText();
    check(/Indonesia[\s\S]*Jawa Barat[\s\S]*Kabupaten Sukabumi/.test(breadcrumb), `breadcrumb should be Indonesia › Jawa Barat › Kabupaten Sukabumi, got: ${breadcrumb}`);
  });

  await step(`screenshot ${OUT}/e2e-region-browser.png`, async () => {
    await page.screenshot({ path: `${OUT}/e2e-region-browser.png`, fullPage: true });
  });

  await step('search "palabuhan" jumps to a result', async () => {
    await page.getByRole('combobox', { name: 'Cari wilayah' }).fill('palabuhan');
    const result = page.locator('.region-search-result').filter({ hasText: 'Palabuhanratu' }).first();
    await result.waitFor();
    await result.click();
    await page.getByRole('heading', { level: 1, name: 'Palabuhanratu' }).waitFor();
  });

  // Phone: same session, 375 px wide.
  const phone = await browser.newContext({
    storageState: await context.storageState(),
    viewport: { width: 375, height: 812 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'id-ID',
  });
  const p = await phone.newPage();
  p.setDefaultTimeout(20_000);
  p.on('pageerror', (err) => pageErrors.push(err.message));

  await step('phone (375×812): Kabupaten Sukabumi fits the screen', async () => {
    await p.goto(`${BASE_URL}/wilayah/32.02`, { waitUntil: 'domcontentloaded' });
    await p.getByText(`${EXPECTED_DISTRICTS} kecamatan`, { exact: true }).waitFor();
    const n = await childRows(p).count();
    check(n === EXPECTED_DISTRICTS, `phone: expected ${EXPECTED_DISTRICTS} rows, got ${n}`);
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(overflow <= 0, `phone: page is ${overflow}px wider than the screen`);
    await p.getByText('Data demo sintetis — bukan data sebenarnya').waitFor();
  });

  await step(`screenshot ${OUT}/e2e-region-browser-phone.png`, async () => {
    await p.screenshot({ path: `${OUT}/e2e-region-browser-phone.png` });
  });

  await step('phone: menu drawer shows the user and "Keluar"', async () => {
    await p.getByRole('button', { name: 'Buka menu' }).click();
    const drawer = p.getByRole('dialog');
    await drawer.getByText('Operator Kabupaten Sukabumi (Demo)').waitFor();
    await drawer.getByRole('button', { name: 'Keluar' }).waitFor();
  });

  await phone.close();
  await context.close();
  check(pageErrors.length === 0, `uncaught errors in the page: ${pageErrors.join(' | ')}`);
}

async function main(): Promise<number> {
  await mkdir(OUT, { recursive: true });
  console.log(`e2e: region browser against ${BASE_URL}`);
  let browser: Browser | undefined;
  const pageErrors: string[] = [];
  try {
    browser = await launchChromium();
    await run(browser, pageErrors);
    console.log('  ✓ region browser: Indonesia → Jawa Barat → Kabupaten Sukabumi (47 kecamatan)');
    console.log('e2e: 1 passed, 0 failed');
    return 0;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    console.error(`  ✗ region browser: ${message}`);
    if (!browser) console.error(`    (could not start Chromium at ${CHROMIUM}; set CHROMIUM_PATH)`);
    try {
      const pages = browser?.contexts().flatMap((c) => c.pages()) ?? [];
      const last = pages.at(-1);
      if (last) {
        await last.screenshot({ path: `${OUT}/e2e-region-browser-failure.png`, fullPage: true });
        console.error(`    page: ${last.url()} — screenshot ${OUT}/e2e-region-browser-failure.png`);
      }
    } catch {
      /* the failure itself is what matters */
    }
    console.log('e2e: 0 passed, 1 failed');
    return 1;
  } finally {
    await browser?.close().catch(() => undefined);
  }
}

process.exitCode = await main();
