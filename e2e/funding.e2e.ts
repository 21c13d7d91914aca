/**
 * End-to-end: funding (issue 4), the "Done when" path in the browser.
 *
 *  A regency operator (kab.sukabumi) sets up an APBD programme (with its Perbup as a PDF), imports
 *  workers into it from Excel ("Sumber Dana" names the programme) and activates them, runs a month's
 *  billing (and again: nothing new),
 *  records a partial payment, sees who will lapse, plans next year's budget, and uses the
 *  contribution calculator. A village secretary (desa.balingbing) sets up the village's Dana Desa
 *  programme, enrols a worker with the single-entry form (payer picked from the programmes) and bills
 *  a month.
 *
 *   E2E_BASE_URL=http://localhost:3201 npx tsx e2e/funding.e2e.ts
 *
 * Needs a running server with the built SPA and demo accounts. Names are unique per run.
 * Screenshots go to test-results/. The last line is always "e2e: N passed, M failed".
 */
import { mkdir, writeFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { BASE_URL, check, CHROMIUM, launchChromium, log, logIn, OUT, step } from './harness.js';

const RUN = Date.now();
const TAG = `E2E${String(Math.floor(RUN / 1000) % 100000)}`;
const YEAR = new Date().getFullYear() + 1;


async function freeNiks(page: Page, count: number, prefix: string): Promise<string[]> {
  const out: string[] = [];
  let serial = 1000 + (Math.floor(RUN / 1000) % 8000);
  while (out.length < count) {
    const nik = `${prefix}550590${String(serial++).padStart(4, '0')}`;
    const res = await page.request.get(`${BASE_URL}/api/workers`, { params: { nik, pageSize: 1 } });
    check(res.ok(), `GET /api/workers?nik= answered ${res.status()}`);
    if (((await res.json()) as { total: number }).total === 0) out.push(nik);
  }
  return out;
}

async function createProgram(page: Page, v: { name: string; payer?: string; region?: string; budget: string; quota: string; legal: [string, string, string]; pdf?: string }) {
  await page.goto(`${BASE_URL}/pendanaan`);
  await page.getByRole('button', { name: 'Program baru' }).click();
  await page.getByLabel('Nama program').fill(v.name);
  if (v.payer) await page.getByLabel('Jenis pembayar').selectOption(v.payer);
  if (v.region) await page.getByLabel('Kode wilayah pemilik').fill(v.region);
  await page.getByLabel('Tahun anggaran').fill(String(YEAR));
  await page.getByLabel('Anggaran', { exact: true }).fill(v.budget);
  await page.getByLabel('Kuota pekerja').fill(v.quota);
  await page.getByLabel('Jenis dasar hukum').fill(v.legal[0]);
  await page.getByLabel('Nomor dasar hukum').fill(v.legal[1]);
  await page.getByLabel('Tanggal dasar hukum').fill(v.legal[2]);
  if (v.pdf) await page.getByLabel('Dokumen dasar hukum').setInputFiles(v.pdf);
  await page.getByRole('button', { name: 'Simpan program' }).click();
  await page.waitForURL((url) => /^\/pendanaan\/\d+$/.test(url.pathname), { timeout: 20_000 });
  await page.getByRole('heading', { level: 1, name: v.name }).waitFor();
  return Number(new URL(page.url()).pathname.split('/').pop());
}

async function scenario(browser: Browser, pageErrors: string[]) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'id-ID' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await mkdir(OUT, { recursive: true });
  const pdf = `${OUT}/perbup-${TAG}.pdf`;
  await writeFile(pdf, '%PDF-1.4\n% Perbup Sukabumi (e2e)\n');

  await step('log in as kab.sukabumi', () => logIn(page, 'kab.sukabumi'));
  await step('the programmes page lists the region’s payers and its early warning', async () => {
    await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Program Pendanaan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Program Pendanaan' }).waitFor();
    await page.getByRole('heading', { name: 'Peringatan dini di wilayah Anda (semua program)' }).waitFor();
    await page.getByText(/peserta BPU akan nonaktif/).first().waitFor();
    await page.screenshot({ path: `${OUT}/e2e-funding-programs.png`, fullPage: true });
  });
  const apbd = await step('set up an APBD programme with its Perbup (PDF)', async () => {
    const id = await createProgram(page, { name: `APBD Sukabumi ${TAG}`, budget: '403200', quota: '2', legal: ['Perbup', '12 Tahun 2026', '2026-01-10'], pdf });
    await page.getByRole('link', { name: `perbup-${TAG}.pdf` }).waitFor();
    return id;
  });
  await step('import two workers into it from Excel ("Sumber Dana" = the programme), then activate them', async () => {
    const niks = await freeNiks(page, 2, '320201');
    const file = `${OUT}/e2e-funding-import-${TAG}.xlsx`;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Data Pekerja');
    ws.addRow(['NIK', 'Nama', 'Tanggal Lahir', 'Jenis Kelamin (L/P)', 'Kode Desa', 'Alamat', 'No HP', 'Pekerjaan', 'Segmen', 'Kelompok', 'Program', 'Penghasilan (Rp)', 'Sumber Dana']);
    ws.getColumn(1).numFmt = '@';
    niks.forEach((nik, i) => ws.addRow([nik, `Pekerja ${TAG} ${i + 1}`, '15/05/1990', 'P', '32.02.01.2002', 'Kp. Uji', '', 'Petani', 'BPU', 'Pekerja Rentan', 'JKK,JKM', 1000000, `APBD Sukabumi ${TAG}`]));
    await wb.xlsx.writeFile(file);
    await page.goto(`${BASE_URL}/impor`);
    await page.locator('input[type="file"]').setInputFiles(file);
    await page.getByRole('button', { name: 'Unggah dan periksa' }).click();
    await page.getByTestId('import-preview').waitFor({ timeout: 60_000 });
    await page.getByTestId('import-funding').getByRole('cell', { name: `APBD Sukabumi ${TAG}` }).waitFor();
    await page.getByRole('button', { name: 'Simpan 2 data valid' }).click();
    await page.getByTestId('import-committed').waitFor({ timeout: 60_000 });
    // BPJS TK registered them: protection (and the lapse clock) runs from January
    const me = (await (await page.request.get(`${BASE_URL}/api/auth/me`)).json()) as { csrfToken: string };
    const list = (await (await page.request.get(`${BASE_URL}/api/workers`, { params: { q: TAG, pageSize: 10 } })).json()) as { items: { enrolmentId: number; fundingProgramId: number | null }[] };
    check(list.items.length === 2 && list.items.every((w) => w.fundingProgramId === apbd), `imported enrolments should be linked to programme ${apbd}: ${JSON.stringify(list.items)}`);
    for (const { enrolmentId } of list.items) {
      const act = await page.request.post(`${BASE_URL}/api/enrolments/${enrolmentId}/status`, { headers: { 'x-csrf-token': me.csrfToken }, data: { to: 'active', date: `${YEAR}-01-01` } });
      check(act.status() === 200, `POST /api/enrolments/${enrolmentId}/status answered ${act.status()} ${await act.text()}`);
    }
  });

  await step(`run the billing for ${YEAR}-01: one bill, 2 workers, Rp33.600`, async () => {
    await page.goto(`${BASE_URL}/pendanaan/${apbd}`);
    await page.getByLabel('Bulan', { exact: true }).fill(`${YEAR}-01`);
    await page.getByRole('button', { name: 'Buat tagihan' }).click();
    await page.getByText(`Tagihan ${YEAR}-01 dibuat: 2 pekerja, Rp33.600`).waitFor();
    await page.screenshot({ path: `${OUT}/e2e-funding-billing.png`, fullPage: true });
  });
  await step('run it again: the same bill, nothing created', async () => {
    await page.getByRole('button', { name: 'Buat tagihan' }).click();
    await page.getByText(`Tagihan ${YEAR}-01 sudah ada`).waitFor();
    const rows = page.locator('section[aria-labelledby="fd-bills"] tbody tr');
    check((await rows.count()) === 1, `expected one bill row, found ${await rows.count()}`);
  });

  await step('record a partial payment (Rp16.800 of Rp33.600)', async () => {
    await page.getByLabel('Jumlah dibayar').fill('16800');
    await page.getByLabel('Untuk tagihan bulan').fill(`${YEAR}-01`);
    await page.getByLabel('Nomor referensi / SP2D').fill(`SP2D-${TAG}`);
    await page.getByRole('button', { name: 'Simpan pembayaran' }).click();
    await page.getByText('Pembayaran tercatat: 1 bulan-pekerja lunas').waitFor();
    await page.locator('section[aria-labelledby="fd-bills"]').getByText('Dibayar sebagian').waitFor();
  });

  await step('raise the quota to 3 (Ubah program); the budget panel follows', async () => {
    await page.getByRole('button', { name: 'Ubah program' }).click();
    await page.getByLabel('Kuota pekerja').fill('3');
    await page.getByRole('button', { name: 'Simpan program' }).click();
    await page.locator('section[aria-labelledby="fd-budget"]').getByText('2 / 3 (66,7%)').waitFor();
  });

  await step('see who will lapse (early warning, within 365 days)', async () => {
    await page.getByLabel('Dalam (hari)').fill('365');
    await page.getByTestId('warning-count').filter({ hasText: /^2 peserta BPU akan nonaktif/ }).waitFor();
    await page.getByRole('cell', { name: `Pekerja ${TAG} 2` }).waitFor();
    await page.screenshot({ path: `${OUT}/e2e-funding-program.png`, fullPage: true });
  });

  await step('plan next year: 50 % of 1.000 employed in desa 32.02.01.2002', async () => {
    await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Perencanaan' }).click();
    await page.getByLabel('Kode wilayah').fill('32.02.01.2002');
    await page.getByLabel('Penduduk bekerja (BPS Sakernas)').fill('1000');
    await page.getByRole('button', { name: 'Hitung rencana' }).click();
    const needed = Number((await page.getByTestId('plan-needed').innerText()).replace(/\D/g, ''));
    check(needed > 0 && needed <= 500, `workers needed ${needed}`);
    const annual = Number((await page.getByTestId('plan-annual').innerText()).replace(/\D/g, ''));
    check(annual === needed * 16_800 * 12, `annual cost ${annual} ≠ ${needed} × 16.800 × 12`);
    await page.getByRole('cell', { name: new RegExp(`APBD Sukabumi ${TAG}`) }).waitFor();
    await page.screenshot({ path: `${OUT}/e2e-funding-planning.png`, fullPage: true });
  });

  await step('contribution calculator: the BPU package is Rp16.800', async () => {
    await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Simulasi Iuran' }).click();
    await page.getByRole('button', { name: 'Hitung' }).click();
    await page.getByTestId('calc-total').filter({ hasText: 'Rp16.800' }).waitFor();
    await page.getByText('Rp42.000.000').first().waitFor();
    await page.screenshot({ path: `${OUT}/e2e-funding-calculator.png`, fullPage: true });
  });
  await context.close();
}

/** The village secretary sets up the village's Dana Desa programme and enrols a worker into it with the form. */
async function villageScenario(browser: Browser, pageErrors: string[]) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'id-ID' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await step('log in as desa.balingbing', () => logIn(page, 'desa.balingbing'));
  const dd = await step('set up the Dana Desa programme of desa Balingbing (owner and payer type prefilled)', () =>
    createProgram(page, { name: `Dana Desa Balingbing ${TAG}`, budget: '201600', quota: '5', legal: ['Perdes', '2 Tahun 2026', '2026-01-20'] }),
  );
  const name = `Euis Dana Desa ${TAG}`;
  await step('Tambah Pekerja: pick the Dana Desa programme as payer and save', async () => {
    const [nik] = await freeNiks(page, 1, '321328');
    await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Tambah Pekerja' }).click();
    await page.getByLabel('NIK', { exact: true }).fill(nik!);
    await page.getByLabel('Nama lengkap').fill(name);
    await page.getByLabel('Alamat').fill('Dusun Krajan RT 01/01');
    await page.getByLabel('Kelompok').selectOption('PEKERJA_RENTAN');
    await page.getByLabel(/Penghasilan per bulan/).fill('1000000');
    await page.getByLabel(/Program pendanaan \(pembayar\)/).selectOption(String(dd));
    check((await page.getByLabel(/Sumber dana/).inputValue()) === `Dana Desa Balingbing ${TAG}`, 'the payer text should follow the programme');
    await page.screenshot({ path: `${OUT}/e2e-funding-worker-form.png`, fullPage: true });
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.getByTestId('worker-saved').getByText('Pekerja tersimpan').waitFor();
  });
  await step(`bill ${YEAR}-01 for the Dana Desa programme: 1 worker, Rp16.800`, async () => {
    await page.goto(`${BASE_URL}/pendanaan/${dd}`);
    await page.getByLabel('Bulan', { exact: true }).fill(`${YEAR}-01`);
    await page.getByRole('button', { name: 'Buat tagihan' }).click();
    await page.getByText(`Tagihan ${YEAR}-01 dibuat: 1 pekerja, Rp16.800`).waitFor();
  });
  await step('pay it from a bank statement through the import page: preview, save, the bill is paid', async () => {
    await page.getByTestId('payment-import').click();
    await page.waitForURL((url) => url.pathname === '/pendanaan/impor-pembayaran');
    const csv = `ID Program;Bulan;Tanggal Bayar;Jumlah;Referensi\n${dd};${YEAR}-01;20/01/${YEAR};16.800;BANK-${TAG}\n999999999;${YEAR}-01;20/01/${YEAR};16.800;BANK-X-${TAG}\n`;
    await page.locator('input[type="file"]').setInputFiles({ name: 'rekening-koran.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Unggah dan periksa' }).click();
    await page.getByTestId('import-preview').waitFor({ timeout: 60_000 });
    const count = async (key: string) => (await page.getByTestId(`import-count-${key}`).locator('dd').innerText()).trim();
    check((await count('total')) === '2' && (await count('valid')) === '1' && (await count('rejected')) === '1', `counts ${await count('total')}/${await count('valid')}/${await count('rejected')}`);
    await page.getByTestId('import-reasons').getByText('Program tidak dikenal atau di luar wilayah Anda').waitFor();
    await page.screenshot({ path: `${OUT}/e2e-funding-payment-import.png`, fullPage: true });
    await page.getByRole('button', { name: 'Simpan 1 data valid' }).click();
    await page.getByTestId('import-committed').getByText('1 pembayaran tercatat (Rp16.800); 1 bulan-pekerja lunas.').waitFor({ timeout: 60_000 });
    await page.goto(`${BASE_URL}/pendanaan/${dd}`);
    await page.locator('section[aria-labelledby="fd-bills"]').getByText('Lunas').waitFor();
  });
  await context.close();
}

/** The national monitor reads the rate table with its dates and legal bases (and may add a value). */
async function ratesScenario(browser: Browser, pageErrors: string[]) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'id-ID' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await step('log in as nasional', () => logIn(page, 'nasional'));
  await step('the rate table shows the JP wage cap from 1 March 2025 and the form to add a value', async () => {
    await page.goto(`${BASE_URL}/tarif`);
    await page.getByRole('row', { name: /Batas atas upah untuk iuran JP 01\/03\/2025 Rp10\.547\.400/ }).waitFor();
    await page.getByRole('button', { name: 'Simpan nilai' }).waitFor();
    await page.screenshot({ path: `${OUT}/e2e-funding-rates.png` });
  });
  await context.close();
}

async function main(): Promise<number> {
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (err) {
    console.error(`  ✗ could not start Chromium at ${CHROMIUM} (set CHROMIUM_PATH): ${err instanceof Error ? err.message : err}`);
    console.log('e2e: 0 passed, 1 failed');
    return 1;
  }
  const pageErrors: string[] = [];
  let failed = 0;
  try {
    await scenario(browser, pageErrors);
    await villageScenario(browser, pageErrors);
    await ratesScenario(browser, pageErrors);
    check(pageErrors.length === 0, `uncaught errors in the page: ${pageErrors.join(' | ')}`);
    console.log('  ✓ funding: APBD + Dana Desa programmes → enrolment (API and form) → billing (idempotent) → partial payment → early warning → planning → calculator → bank statement import');
  } catch (err) {
    failed++;
    console.error(`  ✗ funding: ${err instanceof Error ? err.message : String(err)}`);
    const last = browser.contexts().flatMap((c) => c.pages()).at(-1);
    if (last) {
      await last.screenshot({ path: `${OUT}/e2e-funding-failure.png`, fullPage: true }).catch(() => undefined);
      console.error(`    page: ${last.url()} — screenshot ${OUT}/e2e-funding-failure.png`);
    }
  }
  await browser.close().catch(() => undefined);
  log(`base ${BASE_URL}`);
  console.log(`e2e: ${failed ? 0 : 1} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

process.exitCode = await main();
