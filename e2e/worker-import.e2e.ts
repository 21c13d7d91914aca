/**
 * End-to-end: the worker registry.
 *
 *  1. Excel import (regency operator kab.sukabumi, desktop): upload an .xlsx this script writes —
 *     3 valid rows and 2 bad ones (a NIK mangled to "3.20202E+15", a village in Subang outside
 *     Sukabumi) — see the preview say Valid 3 / Ditolak 2, save, and find the 3 names under Pekerja
 *     (then reveal one full NIK).
 *  2. Single entry on a phone (village secretary desa.balingbing, 375 px): the NIK fills in birth
 *     date and sex, a wrong birth date comes back from the server under its field, the fixed one saves.
 *
 *   npx tsx e2e/worker-import.e2e.ts
 *
 * Needs a running server (it does not start one) with the built SPA and demo accounts:
 *   E2E_BASE_URL   default http://localhost:3000
 *   CHROMIUM_PATH  default /usr/bin/chromium
 * NIKs and names are unique per run (from the clock, and checked against the server), so reruns
 * against the same server do not collide. Screenshots and the uploaded workbook go to test-results/.
 * The last line is always "e2e: N passed, M failed".
 */
import { mkdir } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { BASE_URL, check, CHROMIUM, launchChromium, log, logIn, OUT, step } from './harness.js';

const FULL_NIK_OK = 'Ya, unduh'; // web/src/i18n/id/home.ts trust.fullNikOk
const REGENCY_USER = 'kab.sukabumi';
const VILLAGE_USER = 'desa.balingbing';

/** A letters-only tag from the clock ("Kqzbd"): names are searchable by it, and unique per run. */
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


async function waitForPath(page: Page, path: string | RegExp) {
  await page.waitForURL((url) => (typeof path === 'string' ? url.pathname === path : path.test(url.pathname)), { timeout: 20_000 });
}


/**
 * `count` NIKs `<prefix>150590<serial>` (born 15/05/1990, male) that the server does not know yet:
 * serials start from the clock and skip any already registered (asked through the signed-in page).
 */
async function freeNiks(page: Page, prefix: string, count: number): Promise<string[]> {
  const out: string[] = [];
  let serial = 1000 + (Math.floor(RUN / 1000) % 8000);
  while (out.length < count) {
    check(serial <= 9999, 'ran out of NIK serials');
    const nik = `${prefix}150590${String(serial).padStart(4, '0')}`;
    const res = await page.request.get(`${BASE_URL}/api/workers`, { params: { nik, pageSize: 1 } });
    check(res.ok(), `GET /api/workers?nik= answered ${res.status()}`);
    const body = (await res.json()) as { total: number };
    if (body.total === 0) out.push(nik);
    serial++;
  }
  return out;
}

const HEADERS = ['NIK', 'Nama', 'Tanggal Lahir', 'Jenis Kelamin (L/P)', 'Kode Desa', 'Alamat', 'No HP', 'Pekerjaan', 'Segmen', 'Kelompok', 'Program', 'Penghasilan (Rp)', 'Sumber Dana'];

async function writeWorkbook(path: string, rows: (string | number)[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Data Pekerja');
  ws.addRow(HEADERS);
  ws.getColumn(1).numFmt = '@'; // NIK as text, as the template does
  for (const r of rows) ws.addRow(r);
  await wb.xlsx.writeFile(path);
}

/** The page must not scroll sideways on a phone. */
async function noHorizontalOverflow(page: Page, what: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 0, `${what}: page is ${overflow}px wider than the screen`);
}

async function importScenario(browser: Browser, pageErrors: string[]) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'id-ID', acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (err) => pageErrors.push(err.message));

  await step(`log in as ${REGENCY_USER}`, () => logIn(page, REGENCY_USER));

  const names = [`Asep Sunandar ${TAG}`, `Dadang Kurnia ${TAG}`, `Ujang Hermawan ${TAG}`];
  const [nik1, nik2, nik3, nikOut] = await step('pick 4 unused NIKs (320201 150590 ####)', () => freeNiks(page, '320201', 4));
  const file = `${OUT}/e2e-import-${TAG}.xlsx`;
  await step(`write ${file}: 3 valid rows + 2 bad rows`, async () => {
    const valid = (nik: string, name: string, i: number) => [
      nik,
      name,
      '15/05/1990',
      'L',
      '32.02.01.2002',
      `Kp. Cimanggu RT 0${i}/02`,
      `08123456780${i}`,
      'Petani',
      'BPU',
      'Pekerja Rentan',
      'JKK,JKM',
      1000000,
      'APBD Kab. Sukabumi',
    ];
    await writeWorkbook(file, [
      valid(nik1!, names[0]!, 1),
      // Typed into a Number-formatted cell and shown in scientific notation: digits lost for good.
      ['3.20202E+15', `Rusak Notasi ${TAG}`, '15/05/1990', 'L', '32.02.01.2002', 'Kp. Cimanggu', '', 'Petani', 'BPU', 'Pekerja Rentan', 'JKK,JKM', 1000000, 'APBD Kab. Sukabumi'],
      valid(nik2!, names[1]!, 2),
      // A village in Kabupaten Subang: outside the regency operator's region.
      [nikOut!, `Luar Wilayah ${TAG}`, '15/05/1990', 'L', '32.13.28.2007', 'Balingbing', '', 'Petani', 'BPU', 'Pekerja Rentan', 'JKK,JKM', 1000000, 'APBD Kab. Sukabumi'],
      valid(nik3!, names[2]!, 3),
    ]);
  });

  await step('open "Impor Excel" from the menu', async () => {
    await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Impor Excel' }).click();
    await waitForPath(page, '/impor');
    await page.getByRole('heading', { level: 1, name: 'Impor Excel' }).waitFor();
    const template = page.getByRole('link', { name: 'Unduh template' });
    check((await template.getAttribute('href')) === '/api/imports/template.xlsx', 'template link should point at /api/imports/template.xlsx');
  });

  await step('choose the file and upload it', async () => {
    await page.locator('input[type="file"]').setInputFiles(file);
    await page.getByTestId('import-file').getByText(`e2e-import-${TAG}.xlsx`).waitFor();
    await page.getByRole('button', { name: 'Unggah dan periksa' }).click();
    await waitForPath(page, /^\/impor\/\d+$/);
  });

  await step('the check runs with a progress bar, then the preview shows Total 5 · Valid 3 · Ditolak 2', async () => {
    const preview = page.getByTestId('import-preview');
    const progress = page.getByRole('progressbar');
    // A small file may be checked before the first poll: the bar is then never drawn.
    const first = await Promise.race([preview.waitFor({ timeout: 60_000 }).then(() => 'preview'), progress.waitFor({ timeout: 60_000 }).then(() => 'progress')]);
    if (first === 'progress') log(`progress bar shown (${await page.getByTestId('progress-percent').innerText()})`);
    await preview.waitFor({ timeout: 60_000 });
    const count = async (key: string) => (await page.getByTestId(`import-count-${key}`).locator('dd').innerText()).trim();
    check((await count('total')) === '5', `Total baris should be 5, got ${await count('total')}`);
    check((await count('valid')) === '3', `Valid should be 3, got ${await count('valid')}`);
    check((await count('rejected')) === '2', `Ditolak should be 2, got ${await count('rejected')}`);
    for (const key of ['duplicateInFile', 'alreadyRegistered', 'doubleFunded']) {
      check((await count(key)) === '0', `${key} should be 0, got ${await count(key)}`);
    }
    await page.getByTestId('import-count-rejected').getByText('Ditolak').waitFor();
    await page.getByTestId('import-count-doubleFunded').getByText('Terindikasi dobel pendanaan').waitFor();
  });

  await step('rejection reasons and the error report link are shown', async () => {
    const reasons = await page.getByTestId('import-reasons').locator('tbody tr').allInnerTexts();
    log(`reasons: ${reasons.map((r) => r.replace(/\s+/g, ' ').trim()).join(' | ')}`);
    check(reasons.length >= 1, 'expected at least one rejection reason row');
    check(reasons.some((r) => /luar wilayah kerja/i.test(r)), 'expected the "Desa di luar wilayah kerja Anda" reason');
    check(reasons.some((r) => /NIK/i.test(r)), 'expected a NIK reason for "3.20202E+15"');
    const report = page.getByRole('link', { name: 'Unduh laporan kesalahan (.xlsx)' });
    check(/^\/api\/imports\/\d+\/report\.xlsx$/.test((await report.getAttribute('href')) ?? ''), 'report link should point at /api/imports/{id}/report.xlsx');
    const res = await page.request.get(`${BASE_URL}${await report.getAttribute('href')}`);
    check(res.ok() && (res.headers()['content-type'] ?? '').includes('spreadsheetml'), `report download answered ${res.status()} ${res.headers()['content-type']}`);
  });

  await step(`screenshot ${OUT}/e2e-import-preview.png`, () => page.screenshot({ path: `${OUT}/e2e-import-preview.png`, fullPage: true }));

  await step('"Simpan 3 data valid" saves them: "3 orang, 3 kepesertaan tersimpan"', async () => {
    await page.getByRole('button', { name: 'Simpan 3 data valid' }).click();
    const done = page.getByTestId('import-committed');
    await done.waitFor({ timeout: 60_000 });
    await done.getByText('Impor selesai').waitFor();
    await done.getByText('3 orang, 3 kepesertaan tersimpan.').waitFor();
  });

  await step(`screenshot ${OUT}/e2e-import-committed.png`, () => page.screenshot({ path: `${OUT}/e2e-import-committed.png`, fullPage: true }));

  await step(`"Pekerja" lists the 3 imported names (search "${TAG}")`, async () => {
    await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Pekerja', exact: true }).click();
    await waitForPath(page, '/pekerja');
    await page.getByRole('heading', { level: 1, name: 'Pekerja' }).waitFor();
    await page.getByRole('textbox', { name: 'Cari pekerja' }).fill(TAG);
    await page.waitForURL((url) => url.searchParams.get('q') === TAG);
    const rows = page.getByTestId('workers-table').locator('tbody tr');
    await page.waitForFunction(
      (tag) => {
        const trs = document.querySelectorAll('[data-testid="workers-table"]:not(.wl-stale) tbody tr');
        return trs.length === 3 && [...trs].every((tr) => tr.textContent?.includes(tag));
      },
      TAG,
      { timeout: 20_000 },
    );
    const texts = await rows.allInnerTexts();
    for (const name of names) check(texts.some((t) => t.includes(name)), `expected ${name} in the list, got: ${texts.join(' | ')}`);
    check(!texts.some((t) => t.includes('Luar Wilayah') || t.includes('Rusak Notasi')), 'rejected rows must not be saved');
    check(texts.every((t) => /Pekerja Rentan/.test(t) && /BPU/.test(t) && /Diajukan/.test(t)), `each row should show Pekerja Rentan · BPU and status Diajukan: ${texts.join(' | ')}`);
    await page.getByText('3 pekerja', { exact: true }).waitFor();
    const masked = await page.getByTestId('worker-nik').allInnerTexts();
    check(masked.every((n) => /^•{12}\d{4}$/.test(n.trim())), `NIKs should be masked like ••••••••••••0001, got ${masked.join(', ')}`);
  });

  await step('"Lihat NIK" shows the full NIK of one row', async () => {
    const row = page.getByTestId('workers-table').locator('tbody tr').filter({ hasText: names[0]! });
    await row.getByRole('button', { name: `Lihat NIK lengkap ${names[0]}` }).click();
    await row.getByTestId('worker-nik').getByText(nik1!, { exact: true }).waitFor();
    await page.getByText('tercatat di log audit').waitFor();
  });

  await step('"Unduh Excel" asks first (the file holds full NIKs), then downloads the list with its search', async () => {
    await page.getByTestId('workers-download').click();
    const ok = page.getByRole('button', { name: FULL_NIK_OK });
    await ok.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), ok.click()]);
    const url = new URL(download.url());
    check(url.pathname + url.search === `/api/workers/export.xlsx?q=${TAG}`, `export should be /api/workers/export.xlsx?q=${TAG}, got ${url.pathname + url.search}`);
  });

  await step(`screenshot ${OUT}/e2e-workers-list.png`, () => page.screenshot({ path: `${OUT}/e2e-workers-list.png`, fullPage: true }));

  // Same session on a phone: the import page and the list fit the screen.
  const phone = await phoneContext(browser, context);
  const p = await phone.newPage();
  p.setDefaultTimeout(20_000);
  p.on('pageerror', (err) => pageErrors.push(err.message));
  await step('phone (375×812): Pekerja and Impor Excel fit the screen', async () => {
    await p.goto(`${BASE_URL}/pekerja?q=${TAG}`, { waitUntil: 'domcontentloaded' });
    await p.getByText(names[1]!).waitFor();
    await noHorizontalOverflow(p, 'phone /pekerja');
    await p.screenshot({ path: `${OUT}/e2e-workers-list-phone.png`, fullPage: true });
    await p.goto(`${BASE_URL}/impor`, { waitUntil: 'domcontentloaded' });
    await p.getByRole('button', { name: 'Unggah dan periksa' }).waitFor();
    await noHorizontalOverflow(p, 'phone /impor');
    await p.screenshot({ path: `${OUT}/e2e-import-phone.png`, fullPage: true });
  });
  await phone.close();
  await context.close();
}

async function phoneContext(browser: Browser, from?: BrowserContext) {
  return browser.newContext({
    ...(from ? { storageState: await from.storageState() } : {}),
    viewport: { width: 375, height: 812 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'id-ID',
  });
}

async function formScenario(browser: Browser, pageErrors: string[]) {
  const context = await phoneContext(browser);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (err) => pageErrors.push(err.message));

  await step(`phone: log in as ${VILLAGE_USER}`, () => logIn(page, VILLAGE_USER));
  // Subang, Kecamatan 32.13.28: the NIK's district matches the village secretary's own region.
  const [nik] = await step('pick an unused NIK (321328 150590 ####)', () => freeNiks(page, '321328', 1));
  const name = `Siti Rahmawati ${TAG}`;

  await step('phone: "Tambah Pekerja" from the menu drawer', async () => {
    await page.getByRole('button', { name: 'Buka menu' }).click();
    await page.getByRole('dialog').getByRole('link', { name: 'Tambah Pekerja' }).click();
    await waitForPath(page, '/pekerja/baru');
    await page.getByRole('heading', { level: 1, name: 'Tambah Pekerja' }).waitFor();
  });

  await step('an empty form is refused on the phone, field by field', async () => {
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.getByText('NIK harus 16 digit angka.').waitFor();
    await page.getByText('Nama wajib diisi.').waitFor();
    await page.getByText('Pilih kelompok.').waitFor();
  });

  await step('typing the NIK fills in birth date 15/05/1990 and sex L; the village is fixed', async () => {
    await page.getByLabel('NIK', { exact: true }).fill(nik!);
    const date = page.getByLabel('Tanggal lahir');
    check((await date.inputValue()) === '15/05/1990', `birth date should be 15/05/1990, got ${await date.inputValue()}`);
    check(await page.getByRole('radio', { name: 'Laki-laki' }).isChecked(), 'sex L should be chosen');
    await page.getByText('Diisi dari NIK — periksa kembali.').waitFor();
    await page.getByText('Balingbing').first().waitFor();
  });

  await step('fill name, address, group (segment follows: BPU), income and funding', async () => {
    await page.getByLabel('Nama lengkap').fill(name);
    await page.getByLabel('Alamat').fill('Dusun Krajan RT 02/01');
    await page.getByLabel('Kelompok').selectOption('PEKERJA_RENTAN');
    check((await page.getByLabel('Segmen').inputValue()) === 'BPU', 'segment should follow the group (BPU)');
    check(await page.getByRole('checkbox', { name: /JKK/ }).isChecked(), 'JKK should be preselected');
    check(await page.getByRole('checkbox', { name: /JKM/ }).isChecked(), 'JKM should be preselected');
    check(await page.getByRole('checkbox', { name: /JP/ }).isDisabled(), 'JP should be unavailable for BPU');
    await page.getByLabel(/Penghasilan per bulan/).fill('1000000');
    await page.getByLabel(/Sumber dana/).fill('Dana Desa Balingbing');
  });

  await step('a birth date that disagrees with the NIK comes back under "Tanggal lahir"', async () => {
    const date = page.getByLabel('Tanggal lahir');
    await date.fill('16051990');
    check((await date.inputValue()) === '16/05/1990', `the date mask should give 16/05/1990, got ${await date.inputValue()}`);
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.getByText(/tidak cocok dengan NIK/).first().waitFor();
    const described = await date.getAttribute('aria-describedby');
    const errText = described ? await page.locator(`[id="${described.split(' ')[0]}"]`).innerText() : '';
    check(/tidak cocok dengan NIK/.test(errText), `the server's message should sit under the date field, got "${errText}"`);
    await noHorizontalOverflow(page, 'phone form');
    await page.screenshot({ path: `${OUT}/e2e-worker-form-error-phone.png`, fullPage: true });
  });

  await step('with the right date the worker is saved', async () => {
    await page.getByLabel('Tanggal lahir').fill('15/05/1990');
    await page.getByRole('button', { name: 'Simpan' }).click();
    const saved = page.getByTestId('worker-saved');
    await saved.getByText('Pekerja tersimpan').waitFor();
    await saved.getByText(name, { exact: false }).waitFor();
    await page.screenshot({ path: `${OUT}/e2e-worker-form-saved-phone.png`, fullPage: true });
  });

  await step('the new worker is in the village list', async () => {
    await page.getByRole('button', { name: 'Lihat daftar pekerja' }).click();
    await waitForPath(page, '/pekerja');
    await page.getByRole('textbox', { name: 'Cari pekerja' }).fill(TAG);
    await page.getByTestId('workers-table').getByText(name).waitFor();
    await noHorizontalOverflow(page, 'phone list');
  });

  await context.close();
}

async function main(): Promise<number> {
  await mkdir(OUT, { recursive: true });
  console.log(`e2e: worker registry against ${BASE_URL} (run tag ${TAG})`);
  let browser: Browser | undefined;
  let passed = 0;
  let failed = 0;
  try {
    browser = await launchChromium();
  } catch (err) {
    console.error(`  ✗ could not start Chromium at ${CHROMIUM} (set CHROMIUM_PATH): ${err instanceof Error ? err.message : err}`);
    console.log('e2e: 0 passed, 2 failed');
    return 1;
  }
  const scenarios: [string, string, (b: Browser, errors: string[]) => Promise<void>][] = [
    ['excel import: 3 valid + 2 rejected → preview → commit → listed', 'import', importScenario],
    ['single entry on a phone (village secretary)', 'form', formScenario],
  ];
  for (const [title, slug, run] of scenarios) {
    const pageErrors: string[] = [];
    try {
      await run(browser, pageErrors);
      check(pageErrors.length === 0, `uncaught errors in the page: ${pageErrors.join(' | ')}`);
      console.log(`  ✓ ${title}`);
      passed++;
    } catch (err) {
      failed++;
      console.error(`  ✗ ${title}: ${err instanceof Error ? err.message : String(err)}`);
      try {
        const last = browser.contexts().flatMap((c) => c.pages()).at(-1);
        if (last) {
          await last.screenshot({ path: `${OUT}/e2e-worker-${slug}-failure.png`, fullPage: true });
          console.error(`    page: ${last.url()} — screenshot ${OUT}/e2e-worker-${slug}-failure.png`);
        }
      } catch {
        /* the failure itself is what matters */
      }
      for (const c of browser.contexts()) await c.close().catch(() => undefined);
    }
  }
  await browser.close().catch(() => undefined);
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

process.exitCode = await main();
