/**
 * End-to-end: construction projects (Jakon) and election ad hoc cohorts (issue 18), in the browser.
 *
 *  On a phone, the village secretary (desa.balingbing) registers a Dana Desa road project, sees the
 *  contribution (the DOMAIN.md example: Rp2.000.000.000 → JKK Rp2.640.000, JKM Rp310.000) and the
 *  registration deadline, lists a worker by name by address, and records the payment of the bill.
 *  On a desktop, the regency (kab.sukabumi) registers a KPPS cohort paid by a BPU programme, uploads
 *  its staff (role and polling station) through the shared import machinery, bills the month on the
 *  programme page, pays it, and sees the cohort billed, paid and covered in its overview.
 *  Ending on the end date is a server job (src/jobs.ts), proved in src/modules/projects/projects.test.ts:
 *  a browser run cannot wait for a period to pass.
 *
 *   E2E_BASE_URL=http://127.0.0.1:3114 npx tsx e2e/jakon.e2e.ts
 */
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { BASE_URL, check, logIn, OUT, runScenario, step } from './harness.js';

const RUN = Date.now();
const TAG = `E2E${String(Math.floor(RUN / 1000) % 100000)}`;
const TODAY = new Date(RUN + 7 * 3600_000).toISOString().slice(0, 10);
const MONTH = TODAY.slice(0, 7);
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const START = `${MONTH}-01`;
const END = addDays(START, 75);
const dmy = (iso: string) => iso.split('-').reverse().join('/');

async function csrf(page: Page) {
  return ((await (await page.request.get(`${BASE_URL}/api/auth/me`)).json()) as { csrfToken: string }).csrfToken;
}

async function freeNiks(page: Page, count: number, prefix: string, female = false): Promise<string[]> {
  const out: string[] = [];
  let serial = 1000 + (Math.floor(RUN / 1000) % 8000);
  while (out.length < count) {
    const nik = `${prefix}${female ? '55' : '15'}0590${String(serial++).padStart(4, '0')}`;
    const res = await page.request.get(`${BASE_URL}/api/workers`, { params: { nik, pageSize: 1 } });
    check(res.ok(), `GET /api/workers?nik= answered ${res.status()}`);
    if (((await res.json()) as { total: number }).total === 0) out.push(nik);
  }
  return out;
}

async function program(page: Page, body: Record<string, unknown>): Promise<number> {
  const res = await page.request.post(`${BASE_URL}/api/funding-programs`, {
    headers: { 'x-csrf-token': await csrf(page) },
    data: { fiscalYear: Number(TODAY.slice(0, 4)), segment: 'BPU', programs: ['JKK', 'JKM'], ...body },
  });
  check(res.status() === 201, `POST /api/funding-programs answered ${res.status()} ${await res.text()}`);
  return ((await res.json()) as { id: number }).id;
}

async function villageProject(browser: Browser, pageErrors: string[]) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'id-ID' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await step('log in as desa.balingbing (phone)', () => logIn(page, 'desa.balingbing'));
  const danaDesa = await step('the village has a Dana Desa programme', () =>
    program(page, { name: `Dana Desa Balingbing ${TAG}`, payerType: 'DANA_DESA', regionCode: '32.13.28.2007', budget: 50_000_000, quota: 50 }),
  );
  await step('create a Dana Desa road project on the phone: the contribution and the deadline show', async () => {
    await page.goto(`${BASE_URL}/proyek`);
    await page.getByRole('button', { name: 'Proyek baru' }).click();
    await page.getByLabel('Nama', { exact: true }).fill(`Jalan Desa Balingbing ${TAG}`);
    await page.getByLabel('Nilai kontrak (sebelum PPN)').fill('2.000.000.000');
    await page.getByLabel('Tanggal SPK').fill(addDays(START, -3));
    await page.getByLabel('Tanggal mulai').fill(START);
    await page.getByLabel('Tanggal selesai').fill(END);
    await page.getByLabel('Program pendanaan').selectOption(String(danaDesa));
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.waitForURL((url) => /^\/proyek\/\d+$/.test(url.pathname));
    await page.getByRole('heading', { level: 1, name: `Jalan Desa Balingbing ${TAG}` }).waitFor();
    check((await page.getByTestId('pj-jkk').innerText()) === 'Rp2.640.000', `JKK shows ${await page.getByTestId('pj-jkk').innerText()}`);
    check((await page.getByTestId('pj-jkm').innerText()) === 'Rp310.000', `JKM shows ${await page.getByTestId('pj-jkm').innerText()}`);
    check(/^\d{2}\/\d{2}\/\d{4}$/.test(await page.getByTestId('pj-deadline').innerText()), 'the deadline is dd/mm/yyyy');
    await page.screenshot({ path: `${OUT}/e2e-jakon-project-phone.png`, fullPage: true });
  });
  await step('list a worker by name by address: covered from today, never backdated', async () => {
    const [nik] = await freeNiks(page, 1, '321328');
    await page.getByLabel('NIK').fill(nik!);
    await page.getByLabel('Nama lengkap').fill(`Asep Pekerja ${TAG}`);
    await page.getByLabel('Tanggal lahir').fill(`19${nik!.slice(10, 12)}-${nik!.slice(8, 10)}-${nik!.slice(6, 8)}`);
    await page.getByLabel('Alamat').fill('Kp. Balingbing RT 01');
    await page.getByRole('button', { name: 'Tambah pekerja' }).click();
    await page.getByText(`Pekerja ditambahkan: dilindungi sejak ${dmy(TODAY)}.`).waitFor();
    await page.locator('section[aria-labelledby="pj-workers"]').getByText(`Asep Pekerja ${TAG}`).waitFor();
  });
  await step('pay the bill: nothing outstanding, the bill is paid', async () => {
    await page.getByLabel('Referensi (mis. SP2D)').fill(`SP2D-${TAG}`);
    await page.getByRole('button', { name: 'Catat pembayaran' }).click();
    await page.getByTestId('pj-outstanding').getByText('Rp0').waitFor();
    await page.locator('section[aria-labelledby="pj-bills"]').getByText('Lunas').waitFor();
    await page.screenshot({ path: `${OUT}/e2e-jakon-project-paid.png`, fullPage: true });
  });
  await context.close();
}

async function regencyCohort(browser: Browser, pageErrors: string[]) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'id-ID' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await step('log in as kab.sukabumi', () => logIn(page, 'kab.sukabumi'));
  const bpu = await step('the regency has a BPU programme for ad hoc staff', () =>
    program(page, { name: `APBD Sukabumi adhoc ${TAG}`, payerType: 'APBD_KABKOTA', regionCode: '32.02', budget: 10_000_000, quota: 100 }),
  );
  const name = `KPPS Pilkada ${TAG}`;
  await step('register a KPPS cohort for a fixed period', async () => {
    await page.goto(`${BASE_URL}/proyek`);
    await page.getByRole('button', { name: 'Kohort badan adhoc baru' }).click();
    await page.getByLabel('Nama', { exact: true }).fill(name);
    await page.getByLabel('Wilayah').fill('32.02');
    await page.getByLabel('Pemilihan').fill('Pilkada');
    await page.getByLabel('Tahapan').fill('Pemungutan suara');
    await page.getByLabel('Tanggal mulai').fill(START);
    await page.getByLabel('Tanggal selesai').fill(END);
    await page.getByLabel('Program pendanaan').selectOption(String(bpu));
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.waitForURL((url) => /^\/proyek\/kohort\/\d+$/.test(url.pathname));
    await page.getByRole('heading', { level: 1, name }).waitFor();
  });
  await step('upload its staff with role and polling station, through the shared import, and save them', async () => {
    const niks = await freeNiks(page, 2, '320201');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Badan Adhoc');
    ws.addRow(['NIK', 'Nama', 'Tanggal Lahir', 'Jenis Kelamin (L/P)', 'Kode Desa', 'Alamat', 'Jabatan', 'TPS']);
    niks.forEach((nik, i) => ws.addRow([nik, `Petugas ${i + 1} ${TAG}`, `${nik.slice(6, 8)}/${nik.slice(8, 10)}/19${nik.slice(10, 12)}`, 'L', '32.02.01.2002', 'Kp. Uji', 'KPPS', 'TPS 001']));
    const file = `${OUT}/kpps-${TAG}.xlsx`;
    await wb.xlsx.writeFile(file);
    await page.locator('section[aria-labelledby="ch-upload"] input[type=file]').setInputFiles(file);
    await page.getByText('2 baris siap disimpan, 0 ditolak.').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Simpan petugas' }).click();
    await page.getByText('Tersimpan: 2 petugas dilindungi.').waitFor({ timeout: 60_000 });
    await page.reload();
    await page.getByTestId('ch-covered').getByText('2 / 2').waitFor();
  });
  await step("bill the month on the programme's page and pay it", async () => {
    await page.goto(`${BASE_URL}/pendanaan/${bpu}`);
    await page.getByLabel('Bulan', { exact: true }).fill(MONTH);
    await page.getByRole('button', { name: 'Buat tagihan' }).click();
    await page.getByText(`Tagihan ${MONTH} dibuat: 2 pekerja, Rp33.600`).waitFor();
    await page.getByLabel('Jumlah dibayar').fill('33600');
    await page.getByLabel('Untuk tagihan bulan').fill(MONTH);
    await page.getByLabel('Nomor referensi / SP2D').fill(`SP2D-ADHOC-${TAG}`);
    await page.getByRole('button', { name: 'Simpan pembayaran' }).click();
    await page.getByText('Pembayaran tercatat: 2 bulan-pekerja lunas').waitFor();
  });
  await step('the cohort shows the month billed and paid; the regency overview lists it', async () => {
    await page.goto(`${BASE_URL}/proyek`);
    await page.getByRole('link', { name }).click();
    await page.getByTestId('ch-billed').getByText('Rp33.600').waitFor();
    await page.getByTestId('ch-paid').getByText('Rp33.600').waitFor();
    await page.screenshot({ path: `${OUT}/e2e-jakon-cohort.png`, fullPage: true });
  });
  await context.close();
}

process.exitCode = await runScenario('jakon', 'jakon: Dana Desa project (phone) created → priced → worker → paid; KPPS cohort → imported → billed → paid', async (browser, pageErrors) => {
  await villageProject(browser, pageErrors);
  await regencyCohort(browser, pageErrors);
});
