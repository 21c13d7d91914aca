/**
 * End-to-end: the national monitor opens the coverage dashboard for this month and sees every province
 * with an official figure, a map legend with counts; in 2024-11 (the seed month of the demo's
 * calibration) the national figure, drills down by clicking Bengkulu on the ranking, sees Kaur and
 * Lebong at their seed figures, then region names in the table view down to a village, and downloads
 * both monev reports.
 *
 *   npx tsx e2e/coverage.e2e.ts      (E2E_BASE_URL, default http://localhost:3000; a server with demo data)
 *
 * Screenshots go to test-results/. The last line is always "e2e: N passed, M failed".
 */
import { mkdir, stat } from 'node:fs/promises';
import { type Browser, type Page } from 'playwright-core';
import { BASE_URL, check, CHROMIUM, launchChromium, logIn, OUT, step } from './harness.js';

/** The seed month: national 39 %, Bengkulu 37 %, Kaur 75 % (highest), Lebong 17 % (lowest). */
const PERIOD = '2024-11';
/** This month in WIB, as the server counts it. */
const NOW = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 7);

async function waitForPath(page: Page, path: string) {
  await page.waitForURL((url) => url.pathname === path, { timeout: 20_000 });
}

const headline = (page: Page) => page.locator('[data-testid="coverage-headline"]');

async function run(browser: Browser, pageErrors: string[]) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'id-ID', acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (err) => pageErrors.push(err.message));

  await step('log in as the national monitor', async () => {
    await logIn(page, 'nasional');
  });

  await step('this month: official BPJS TK data, every province with an official figure, a target, a map legend with counts', async () => {
    await page.getByRole('link', { name: 'Cakupan', exact: true }).click();
    await waitForPath(page, '/cakupan');
    await page.locator('[data-testid="coverage-title"][data-code="ID"][aria-busy="false"]').waitFor();
    const source = page.locator('[data-testid="coverage-source"]');
    check((await source.getAttribute('data-source')) === 'official', `national source: ${await source.innerText()}`);
    check((await source.innerText()).includes('Data resmi BPJS TK'), `source line: ${await source.innerText()}`);
    check(/diterima \d{2}\/\d{2}\/\d{4}/.test(await source.innerText()), `received date dd/mm/yyyy: ${await source.innerText()}`);
    const target = await page.locator('[data-testid="coverage-target"]').innerText();
    check(/^Target \d{4}.*: \d+,\d%$/.test(target), `a target for this month: ${target}`);
    await page.locator('[data-testid="coverage-map"] svg').waitFor();
    const legend = await page.locator('[data-testid="coverage-map-legend"]').innerText();
    check(/\d+ wilayah/.test(legend) && legend.includes('Mencapai atau melampaui target'), `map legend: ${legend}`);
    await page.screenshot({ path: `${OUT}/coverage-national-${NOW}.png`, fullPage: true });
    await page.getByText('Tabel', { exact: true }).click();
    const rows = page.locator('[data-testid="coverage-table"] tbody tr');
    check((await rows.count()) === 38, `38 provinces, got ${await rows.count()}`);
    const sources = await page.locator('[data-testid="coverage-table"] tbody td.coverage-source-cell').allInnerTexts();
    check(sources.length === 38 && sources.every((x) => x === 'Resmi'), `every province official: ${sources.join(', ')}`);
    const pcts = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll('td')[2]?.textContent ?? ''));
    check(pcts.every((x) => /^\d+,\d%$/.test(x)), `every province has a coverage figure: ${pcts.join(', ')}`);
    await page.getByText('Grafik', { exact: true }).click();
  });

  await step(`national dashboard ${PERIOD}: 39,0% in Indonesian format, that year's target, province map`, async () => {
    await page.goto(`${BASE_URL}/cakupan/?periode=${PERIOD}`);
    await headline(page).getByText('39,0%').waitFor();
    const text = await headline(page).innerText();
    check(text.includes('Target 2024: 30,0%'), `national target 2024 30,0% expected in: ${text}`);
    await page.locator('[data-testid="coverage-map"] svg').waitFor();
    await page.locator('[data-testid="coverage-ranking"] svg').waitFor();
    await page.screenshot({ path: `${OUT}/coverage-national.png`, fullPage: true });
  });

  await step('click Bengkulu on the ranked bar chart → 37,0% with Kaur highest and Lebong lowest', async () => {
    const label = page.locator('[data-testid="coverage-ranking"] svg text', { hasText: /^Bengkulu$/ });
    await label.first().waitFor();
    await label.first().scrollIntoViewIfNeeded();
    // the bar sits right of its axis label
    const box = (await label.first().boundingBox())!;
    await page.mouse.click(box.x + box.width + 40, box.y + box.height / 2);
    await waitForPath(page, '/cakupan/17');
    await headline(page).getByText('37,0%').waitFor();
    const extremes = await page.locator('[data-testid="coverage-extremes"]').innerText();
    check(/Tertinggi:\s*Kabupaten Kaur 75,0%/.test(extremes) && /Terendah:\s*Kabupaten Lebong 17,0%/.test(extremes), `extremes: ${extremes}`);
    await page.screenshot({ path: `${OUT}/coverage-bengkulu.png`, fullPage: true });
  });

  for (const [code, name, pct] of [['17.04', 'kaur', '75,0%'], ['17.07', 'lebong', '17,0%']] as const) {
    await step(`${name} in ${PERIOD}: ${pct} on official data; this month an official figure too`, async () => {
      for (const period of [PERIOD, NOW]) {
        await page.goto(`${BASE_URL}/cakupan/${code}?periode=${period}`);
        await page.locator(`[data-testid="coverage-title"][data-code="${code}"][aria-busy="false"]`).waitFor();
        check((await page.locator('[data-testid="coverage-source"]').getAttribute('data-source')) === 'official', `${name} ${period} official`);
        const figure = await page.locator('[data-testid="coverage-pct"]').innerText();
        check(period === NOW ? /^\d+,\d%$/.test(figure) : figure === pct, `${name} ${period}: ${figure}`);
        await page.screenshot({ path: `${OUT}/coverage-${name}-${period}.png`, fullPage: true });
      }
    });
  }
  await page.goto(`${BASE_URL}/cakupan/17?periode=${PERIOD}`);
  await headline(page).getByText('37,0%').waitFor();

  await step('table view: drill Bengkulu → Kaur → a district → a village', async () => {
    for (const level of ['regency', 'district', 'village']) {
      await page.getByText('Tabel', { exact: true }).click();
      const link = page.locator('[data-testid="coverage-table"] tbody tr td a').first();
      if (level === 'regency') await page.locator('[data-testid="coverage-table"] a', { hasText: 'Kaur' }).click();
      else await link.click();
      await page.waitForURL((url) => url.pathname.split('.').length === { regency: 2, district: 3, village: 4 }[level]);
      const code = new URL(page.url()).pathname.replace('/cakupan/', '');
      await page.locator(`[data-testid="coverage-title"][data-code="${code}"][aria-busy="false"]`).waitFor();
    }
    await page.getByText('Desa/kelurahan adalah tingkat terendah.').waitFor();
    await page.screenshot({ path: `${OUT}/coverage-village.png`, fullPage: true });
  });

  await step('download the monev workbook and PDF', async () => {
    for (const id of ['download-xlsx', 'download-pdf']) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-testid="${id}"]`).click()]);
      const path = `${OUT}/${download.suggestedFilename()}`;
      await download.saveAs(path);
      check((await stat(path)).size > 1000, `${path} is too small`);
    }
  });

  await step('import employed population through the import page: the preview names the bad row, the valid one is saved', async () => {
    await page.goto(`${BASE_URL}/cakupan/?periode=${PERIOD}`);
    await page.getByTestId('denominator-import').click();
    await waitForPath(page, '/penduduk-bekerja/impor');
    await page.getByRole('heading', { level: 1, name: 'Impor Penduduk Bekerja dan Target' }).waitFor();
    const href = await page.getByRole('link', { name: 'Unduh template' }).getAttribute('href');
    check(href === '/api/denominator-imports/template.xlsx', `template link points at ${href}`);
    const csv = 'Kode Wilayah;Tahun;Penduduk Bekerja;Sumber\n11;2025;2.345.678;BPS Sakernas Agustus 2024\n99.99;2025;abc;BPS\n';
    await page.locator('input[type="file"]').setInputFiles({ name: 'penduduk-bekerja.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Unggah dan periksa' }).click();
    await page.getByTestId('import-preview').waitFor({ timeout: 60_000 });
    const count = async (key: string) => (await page.getByTestId(`import-count-${key}`).locator('dd').innerText()).trim();
    check((await count('total')) === '2' && (await count('valid')) === '1' && (await count('rejected')) === '1', `counts ${await count('total')}/${await count('valid')}/${await count('rejected')}`);
    const reasons = await page.getByTestId('import-reasons').locator('tbody tr').allInnerTexts();
    check(reasons.some((r) => r.includes('Angka bukan bilangan bulat')), `reasons: ${reasons.join(' | ')}`);
    await page.screenshot({ path: `${OUT}/coverage-denominator-preview.png`, fullPage: true });
    await page.getByRole('button', { name: 'Simpan 1 data valid' }).click();
    await page.getByTestId('import-committed').getByText('1 angka penduduk bekerja dan 0 target tersimpan.').waitFor({ timeout: 60_000 });
    await page.goto(`${BASE_URL}/cakupan/?periode=${PERIOD}`); // back to the dashboard for the next step
  });

  await step('upload official boundaries (GeoJSON) → Bengkulu shows a map of its regencies', async () => {
    const square = (x: number) => [[[x, -4], [x + 0.4, -4], [x + 0.4, -3.6], [x, -3.6], [x, -4]]];
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { code: '17.04' }, geometry: { type: 'Polygon', coordinates: square(103) } },
        { type: 'Feature', properties: { code: '17.07' }, geometry: { type: 'Polygon', coordinates: square(103.5) } },
      ],
    };
    await page.locator('[data-testid="boundary-file"]').setInputFiles({ name: 'batas-bengkulu.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(fc)) });
    await page.getByRole('status').filter({ hasText: 'Tersimpan: batas 2 wilayah' }).waitFor();
    await page.goto(`${BASE_URL}/cakupan/17?periode=${PERIOD}`);
    await page.locator('[data-testid="coverage-child-map"] svg').waitFor();
  });
  await context.close();
}

await mkdir(OUT, { recursive: true });
let passed = 0;
let failed = 0;
const pageErrors: string[] = [];
const browser = await launchChromium().catch((err: unknown) => {
  console.error(`cannot start Chromium at ${CHROMIUM}: ${String(err)}`);
  process.exit(1);
});
try {
  await run(browser, pageErrors);
  check(pageErrors.length === 0, `page errors: ${pageErrors.join(' | ')}`);
  passed++;
} catch (err) {
  failed++;
  console.error(`  ✗ ${err instanceof Error ? err.message : String(err)}`);
} finally {
  await browser.close();
}
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
