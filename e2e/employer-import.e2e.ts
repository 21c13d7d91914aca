/**
 * End-to-end: employers from a labour office's spreadsheet, through the same import machinery as
 * workers (issue #6). The labour inspector disnaker.sukabumi opens /kepatuhan/impor, uploads an .xlsx
 * this script writes — 2 valid employers and 1 with an unknown size class — sees the preview say
 * Valid 2 / Ditolak 1, saves, and gets "2 perusahaan tersimpan". NIBs are unique per run.
 *
 *   E2E_BASE_URL=http://localhost:3000 npx tsx e2e/employer-import.e2e.ts
 *
 * The last line is always "e2e: N passed, M failed".
 */
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { BASE_URL, check, logIn, OUT, runScenario, step } from './harness.js';

const RUN = Date.now();
const nib = (i: number) => `9${String(RUN).slice(-11)}${i}`; // 13 digits, as OSS issues them

async function scenario(browser: Browser, pageErrors: string[]) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'id-ID' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (err) => pageErrors.push(err.message));

  await step('log in as disnaker.sukabumi', async () => {
    await logIn(page, 'disnaker.sukabumi');
  });

  const file = `${OUT}/e2e-employers-${RUN}.xlsx`;
  await step(`write ${file}: 2 valid employers + 1 with an unknown size class`, async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('WLKP');
    ws.addRow(['Nama Perusahaan', 'NPP', 'NIB', 'Skala Usaha', 'Kode Desa', 'Jumlah Pekerja (WLKP)', 'Pekerja Terdaftar BPJS', 'Program']);
    ws.getColumn(3).numFmt = '@';
    ws.addRow([`PT Uji Garmen ${RUN}`, '', nib(1), 'Menengah', '32.02.01.2002', 85, 0, '']);
    ws.addRow([`CV Uji Roti ${RUN}`, `NPP${RUN}`, nib(2), 'kecil', '32.02.01.2003', 9, 9, 'JKK,JKM,JHT']);
    ws.addRow([`PT Uji Salah ${RUN}`, '', nib(3), 'raksasa', '32.02.01.2002', 5, 0, '']);
    await wb.xlsx.writeFile(file);
  });

  await step('Kepatuhan → "Impor Perusahaan": its own title and template', async () => {
    await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Kepatuhan' }).click();
    await page.getByRole('link', { name: 'Impor Perusahaan' }).click();
    await page.waitForURL((url) => url.pathname === '/kepatuhan/impor');
    await page.getByRole('heading', { level: 1, name: 'Impor Perusahaan' }).waitFor();
    const href = await page.getByRole('link', { name: 'Unduh template' }).getAttribute('href');
    check(href === '/api/employer-imports/template.xlsx', `template link points at ${href}`);
  });

  await step('upload: the preview shows Total 3 · Valid 2 · Ditolak 1', async () => {
    await page.locator('input[type="file"]').setInputFiles(file);
    await page.getByRole('button', { name: 'Unggah dan periksa' }).click();
    await page.waitForURL((url) => /^\/kepatuhan\/impor\/\d+$/.test(url.pathname));
    await page.getByTestId('import-preview').waitFor({ timeout: 60_000 });
    const count = async (key: string) => (await page.getByTestId(`import-count-${key}`).locator('dd').innerText()).trim();
    check((await count('total')) === '3' && (await count('valid')) === '2' && (await count('rejected')) === '1', `counts ${await count('total')}/${await count('valid')}/${await count('rejected')}`);
    const reasons = await page.getByTestId('import-reasons').locator('tbody tr').allInnerTexts();
    check(reasons.some((r) => r.includes('Skala usaha tidak dikenal')) && !reasons.some((r) => r.includes('SIZE_CLASS_INVALID')), `reasons in words, no raw code: ${reasons.join(' | ')}`);
  });

  await step(`screenshot ${OUT}/e2e-employer-import-preview.png`, () => page.screenshot({ path: `${OUT}/e2e-employer-import-preview.png`, fullPage: true }));

  await step('save: "2 perusahaan tersimpan"', async () => {
    await page.getByRole('button', { name: 'Simpan 2 data valid' }).click();
    await page.getByTestId('import-committed').getByText('2 perusahaan tersimpan dan dinilai kepatuhannya.').waitFor({ timeout: 60_000 });
  });

  await step('the never-registered employer is listed as PWBD', async () => {
    const res = await page.request.get(`${BASE_URL}/api/employers`, { params: { status: 'PWBD', region: '32.02', q: String(RUN) } });
    check(res.ok(), `GET /api/employers answered ${res.status()}`);
    const body = (await res.json()) as { items: { name: string }[] };
    check(body.items.some((e) => e.name === `PT Uji Garmen ${RUN}`), 'PT Uji Garmen should be PWBD');
  });
  await context.close();
}

process.exitCode = await runScenario('employer import', 'employer import: 2 valid + 1 rejected → preview → commit → PWBD listed', scenario);
