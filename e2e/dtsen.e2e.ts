/**
 * End-to-end: DTSEN targeting (issue 16, "Done when").
 *
 * The Sukabumi operator (kab.sukabumi, desktop) uploads a messy DTSEN extract this script writes (headers
 * as Kemensos exports name them, a NIK in scientific notation, a decile 11), reads the preview, commits,
 * filters deciles 1–4 in one district, sees the cost, enrols them into an APBD programme with the
 * progress bar, and finds them in the registry and in the programme's next bill.
 *
 *   npx tsx e2e/dtsen.e2e.ts
 *
 * Needs a running server with the built SPA and demo accounts (E2E_BASE_URL, CHROMIUM_PATH as the other
 * scripts). The district is the last of Sukabumi's (the synthetic demo extract fills the first ones);
 * NIKs and names are unique per run. The last line is always "e2e: N passed, M failed".
 */
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { BASE_URL, check, log, logIn, OUT, runScenario, step } from './harness.js';

const USER = 'kab.sukabumi';
const RUN = Date.now();
const TAG = (() => {
  let n = Math.floor(RUN / 1000);
  let s = '';
  for (let i = 0; i < 5; i++) {
    s += 'bcdfghjklmnpqrstvwxz'[n % 20];
    n = Math.floor(n / 20);
  }
  return s.charAt(0).toUpperCase() + s.slice(1);
})();
const YEAR = new Date(Date.now() + 7 * 3600_000).getUTCFullYear();
const MONTH = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 7);
const MESSY = ['Nama ART', 'NIK', 'Tgl Lahir', 'JK', 'Kode Desa', 'Alamat', 'Desil', 'Pekerjaan', 'Tahun Data'];

async function json<T>(page: Page, path: string): Promise<T> {
  const res = await page.request.get(`${BASE_URL}${path}`);
  check(res.ok(), `GET ${path} answered ${res.status()}`);
  return (await res.json()) as T;
}

async function scenario(browser: Browser, pageErrors: string[]) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'id-ID', acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await step(`log in as ${USER}`, () => logIn(page, USER));

  const districts = await json<{ code: string; name: string }[]>(page, '/api/regions/32.02/children');
  const district = districts.at(-1)!;
  const village = (await json<{ code: string }[]>(page, `/api/regions/${district.code}/children`))[0]!.code;
  log(`district ${district.code} ${district.name}, village ${village}`);
  // NIKs registered in that district, born 15/05/1989, serials from the clock
  const base = 1000 + (Math.floor(RUN / 1000) % 8000);
  const nik = (i: number) => `${district.code.replace(/\./g, '')}150589${String(base + i).padStart(4, '0')}`;
  const names = [`Aceng Miskin ${TAG}`, `Euis Rentan ${TAG}`, `Ujang Buruh ${TAG}`];
  const file = `${OUT}/e2e-dtsen-${TAG}.xlsx`;
  await step(`write ${file}: 4 valid rows (deciles 1, 2, 4, 7) and 2 bad ones`, async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('DTSEN');
    ws.addRow(MESSY);
    ws.getColumn(2).numFmt = '@';
    ws.addRow([names[0], nik(0), '15/05/1989', 'L', village, 'Kp. Uji RT 01/01', 1, 'Buruh tani', YEAR]);
    ws.addRow([`Rusak Notasi ${TAG}`, '3.20202E+15', '15/05/1989', 'L', village, 'Kp. Uji', 1, 'Buruh tani', YEAR]);
    ws.addRow([names[1], nik(1), '15/05/1989', 'L', village, 'Kp. Uji RT 02/01', 'Desil 2', 'Pedagang keliling', YEAR]);
    ws.addRow([names[2], nik(2), '15/05/1989', 'L', village, 'Kp. Uji RT 03/01', 4, 'Buruh bangunan', YEAR]);
    ws.addRow([`Desil Tujuh ${TAG}`, nik(3), '15/05/1989', 'L', village, 'Kp. Uji RT 04/01', 7, 'Petani', YEAR]);
    ws.addRow([`Desil Salah ${TAG}`, nik(4), '15/05/1989', 'L', village, 'Kp. Uji RT 05/01', 11, 'Petani', YEAR]);
    await wb.xlsx.writeFile(file);
  });

  await step('open "Sasaran DTSEN" from the menu, then the extract import', async () => {
    await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Sasaran DTSEN' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sasaran DTSEN: siapa dilindungi berikutnya' }).waitFor();
    await page.getByRole('link', { name: 'Impor ekstrak DTSEN' }).click();
    await page.getByRole('heading', { level: 1, name: 'Impor Ekstrak DTSEN' }).waitFor();
  });

  await step('upload the messy extract; the preview shows Total 6 · Valid 4 · Ditolak 2', async () => {
    await page.locator('input[type="file"]').setInputFiles(file);
    await page.getByRole('button', { name: 'Unggah dan periksa' }).click();
    await page.waitForURL((url) => /^\/dtsen\/impor\/\d+$/.test(url.pathname));
    await page.getByTestId('import-preview').waitFor({ timeout: 60_000 });
    const count = async (key: string) => (await page.getByTestId(`import-count-${key}`).locator('dd').innerText()).trim();
    check((await count('total')) === '6', `total should be 6, got ${await count('total')}`);
    check((await count('valid')) === '4', `valid should be 4, got ${await count('valid')}`);
    check((await count('rejected')) === '2', `rejected should be 2, got ${await count('rejected')}`);
    const reasons = (await page.getByTestId('import-reasons').locator('tbody tr').allInnerTexts()).join(' | ');
    log(`reasons: ${reasons.replace(/\s+/g, ' ')}`);
    check(/Desil bukan 1–10/.test(reasons) && /NIK rusak/.test(reasons), `expected the decile and the NIK reasons: ${reasons}`);
    await page.screenshot({ path: `${OUT}/e2e-dtsen-preview.png`, fullPage: true });
  });

  await step('commit: "4 calon peserta tersimpan"', async () => {
    await page.getByRole('button', { name: 'Simpan 4 data valid' }).click();
    await page.getByTestId('import-committed').getByText('4 calon peserta tersimpan.').waitFor({ timeout: 60_000 });
  });

  const me = await json<{ csrfToken: string }>(page, '/api/auth/me');
  const programId = await step('an APBD programme for this year (BPU, JKK + JKM)', async () => {
    const res = await page.request.post(`${BASE_URL}/api/funding-programs`, {
      headers: { 'x-csrf-token': me.csrfToken },
      data: { name: `APBD Kab. Sukabumi DTSEN ${TAG}`, payerType: 'APBD_KABKOTA', regionCode: '32.02', fiscalYear: YEAR, budget: 100_000_000, quota: 2, segment: 'BPU', programs: ['JKK', 'JKM'] },
    });
    check(res.status() === 201, `POST /api/funding-programs answered ${res.status()} ${await res.text()}`);
    return ((await res.json()) as { id: number }).id;
  });

  await step(`filter deciles 1–4 in ${district.name}, then its village ${village}: 3 candidates and their cost`, async () => {
    await page.goto(`${BASE_URL}/dtsen`);
    await page.getByTestId('tg-area').selectOption(district.code);
    await page.waitForURL((url) => url.pathname === `/dtsen/${district.code}`);
    // the district may hold demo candidates of other villages (registered demo people): the uploaded three are in this village
    await page.goto(`${BASE_URL}/dtsen/${village}`);
    await page.waitForFunction(() => document.querySelector('[data-testid="tg-total"]')?.textContent === '3', undefined, { timeout: 20_000 });
    const rows = await page.getByTestId('tg-table').locator('tbody tr').allInnerTexts();
    for (const n of names) check(rows.some((r) => r.includes(n)), `expected ${n} in the list: ${rows.join(' | ')}`);
    check(!rows.some((r) => r.includes('Desil Tujuh')), 'decile 7 must not be listed');
    check(rows.every((r) => /•{12}\d{4}/.test(r)), 'NIKs must be masked');
    const month = (await page.getByTestId('tg-cost-month').innerText()).trim();
    const unit = await json<{ unitCostPerMonth: number }>(page, `/api/targeting/${village}`);
    const expected = `Rp${(3 * unit.unitCostPerMonth).toLocaleString('id-ID')}`;
    check(month === expected, `cost per month should be ${expected}, got ${month}`);
    log(`cost ${month} a month, ${await page.getByTestId('tg-cost-year').innerText()} a year`);
    await page.screenshot({ path: `${OUT}/e2e-dtsen-list.png`, fullPage: true });
  });

  await step('enrol them into the APBD programme: over its quota of 2, confirm, progress bar, done', async () => {
    await page.getByTestId('tg-program').selectOption(String(programId));
    await page.getByTestId('tg-enrol').click();
    await page.getByTestId('tg-overrun').waitFor();
    await page.getByTestId('tg-confirm').click();
    await page.getByTestId('tg-job').getByRole('progressbar').waitFor();
    await page.getByTestId('tg-job-done').getByText('3 orang didaftarkan (status diajukan); 0 dilewati.').waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => document.querySelector('[data-testid="tg-total"]')?.textContent === '0', undefined, { timeout: 20_000 });
    await page.screenshot({ path: `${OUT}/e2e-dtsen-enrolled.png`, fullPage: true });
  });

  await step(`the registry lists them (search "${TAG}"), submitted, paid by the programme`, async () => {
    await page.goto(`${BASE_URL}/pekerja?q=${TAG}`);
    await page.waitForFunction(
      (tag) => {
        const trs = document.querySelectorAll('[data-testid="workers-table"]:not(.wl-stale) tbody tr');
        return trs.length === 3 && [...trs].every((tr) => tr.textContent?.includes(tag));
      },
      TAG,
      { timeout: 20_000 },
    );
    const texts = await page.getByTestId('workers-table').locator('tbody tr').allInnerTexts();
    check(texts.every((t) => /Diajukan/.test(t)), `each should be Diajukan: ${texts.join(' | ')}`);
  });

  await step(`the programme's next bill (${MONTH}) has the 3 of them`, async () => {
    await page.goto(`${BASE_URL}/pendanaan/${programId}`);
    await page.getByLabel('Bulan', { exact: true }).fill(MONTH);
    await page.getByRole('button', { name: 'Buat tagihan' }).click();
    await page.getByText(new RegExp(`Tagihan ${MONTH} dibuat: 3 pekerja`)).waitFor();
    await page.screenshot({ path: `${OUT}/e2e-dtsen-bill.png`, fullPage: true });
  });
  await context.close();
}

process.exit(await runScenario('dtsen', 'DTSEN extract → priority list → bulk enrolment → registry and bill', scenario));
