/**
 * End-to-end: Inpres 2/2021 accountability (issue 15), the "Done when" path in the browser.
 *
 *  The Sukabumi regency operator (kab.sukabumi) records a Perbup with its PDF, declares its target
 *  groups, records a rakor with follow-up actions, and sees its scorecard change. The Bengkulu
 *  province monitor (prov.bengkulu) sees its 10 regencies ranked, on a desktop and on a phone, drills
 *  down to one, and downloads the semester PDF.
 *
 *   E2E_BASE_URL=http://127.0.0.1:3111 npx tsx e2e/inpres.e2e.ts
 *
 * Needs a running server with the built SPA and the demo accounts. Screenshots go to test-results/.
 */
import { writeFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { BASE_URL, check, log, logIn, OUT, runScenario, step } from './harness.js';

const TAG = `E2E${String(Math.floor(Date.now() / 1000) % 100000)}`;
const YEAR = new Date(Date.now() + 7 * 3600_000).getUTCFullYear();

const bindingOf = async (page: Page) => Number((await page.getByTestId('inpres-duties').locator('li', { hasText: 'Perda/Perkada/Perdes berlaku' }).first().innerText()).split(':').pop()!.trim().replace(/\./g, ''));
const scoreOf = async (page: Page) => Number((await page.getByTestId('inpres-score').locator('.ip-score-value').innerText()).replace(/\./g, '').replace(',', '.'));

async function operator(browser: Browser, errors: string[]) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'id-ID' });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  const pdf = `${OUT}/perbup-${TAG}.pdf`;
  await writeFile(pdf, '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
  await step('the Sukabumi operator signs in and opens its Inpres scorecard from the menu', async () => {
    await logIn(page, 'kab.sukabumi');
    await page.getByRole('link', { name: 'Rapor Inpres 2/2021' }).first().click();
    await page.waitForURL(/\/inpres\/32\.02$/);
    await page.getByTestId('inpres-duties').waitFor();
  });

  await step('declares its target groups with their sources; covered ÷ size is shown', async () => {
    await page.getByText('Nyatakan kelompok sasaran').click();
    const form = page.getByTestId('inpres-groups-form');
    await form.getByLabel('Non-ASN — Jumlah').fill('4210');
    await form.getByLabel('Non-ASN — Sumber').fill('Daftar BKD');
    await form.getByLabel('Perangkat Desa — Jumlah').fill('2286');
    await form.getByLabel('Perangkat Desa — Sumber').fill('DPMD');
    await form.getByRole('button', { name: 'Simpan' }).click();
    await page.getByTestId('inpres-groups').getByText('4.210').first().waitFor();
    await page.getByTestId('inpres-groups').getByText('Daftar BKD').first().waitFor();
  });

  await step('records a rakor with two follow-up actions, one already overdue, flagged on the page', async () => {
    await page.getByText('Catat rapat koordinasi').click();
    const form = page.getByTestId('inpres-meeting-form');
    await form.getByLabel('Tanggal rapat').fill(`${YEAR - 1}-12-16`);
    await form.getByLabel('Nama rapat').fill(`Rakor Jamsostek ${TAG}`);
    await form.getByLabel('Tempat').fill('Pendopo Kabupaten Sukabumi');
    await form.getByLabel('Instansi hadir (pisahkan dengan koma)').fill('Bappeda, BPKAD, Inspektorat, Kejaksaan, BPJS Ketenagakerjaan');
    await form.getByLabel('Keputusan').first().fill('Menganggarkan iuran pekerja rentan di APBD');
    await form.getByLabel('Penanggung jawab').first().fill('BPKAD');
    await form.getByLabel('Batas waktu').first().fill(`${YEAR - 1}-12-31`);
    await form.getByRole('button', { name: 'Tambah tindak lanjut' }).click();
    await form.getByLabel('Keputusan').nth(1).fill('Mendata perangkat desa yang belum terdaftar');
    await form.getByLabel('Penanggung jawab').nth(1).fill('DPMD');
    await form.getByLabel('Batas waktu').nth(1).fill(`${YEAR + 1}-06-30`);
    await form.getByRole('button', { name: 'Simpan' }).click();
    await page.getByTestId('inpres-meeting').filter({ hasText: `Rakor Jamsostek ${TAG}` }).waitFor();
    await page.getByTestId('inpres-overdue').filter({ hasText: 'Menganggarkan iuran pekerja rentan di APBD' }).first().waitFor();
  });

  const before = await scoreOf(page);
  const bindingBefore = await bindingOf(page);
  await step('records a Perbup (a licensing condition) with its signed PDF; the register lists it and the regulation duty is met', async () => {
    await page.getByText('Catat regulasi').click();
    const form = page.getByTestId('inpres-regulation-form');
    await form.getByLabel('Nomor').fill(`Perbup Sukabumi ${TAG}`);
    await form.getByLabel('Judul').fill('Perlindungan Jaminan Sosial Ketenagakerjaan bagi Pekerja Rentan dan Non-ASN');
    await form.getByLabel('Tanggal ditetapkan').fill(`${YEAR}-01-15`);
    await form.getByLabel('Pekerja Rentan').check();
    await form.getByLabel('Non-ASN').check();
    await form.getByLabel('Syarat perizinan berusaha').check();
    await form.getByLabel('Dokumen PDF yang ditandatangani').setInputFiles(pdf);
    await form.getByRole('button', { name: 'Simpan' }).click();
    await page.getByTestId('inpres-regulations').getByText(`Perbup Sukabumi ${TAG}`).waitFor();
    await page.getByTestId('duty-REGULATION').filter({ hasText: 'Terpenuhi' }).first().waitFor();
  });

  await step('the scorecard changed: one more binding regulation in its evidence, and the score did not go down (up on a fresh demo)', async () => {
    await page.reload();
    await page.getByTestId('inpres-duties').waitFor();
    await page.getByTestId('duty-LICENSING').first().waitFor();
    const after = await scoreOf(page);
    const bindingAfter = await bindingOf(page);
    check(bindingAfter === bindingBefore + 1, `binding regulations ${bindingBefore} → ${bindingAfter}`);
    check(after >= before, `score ${before} → ${after}`);
    log(`score ${before} → ${after}`);
  });
  await page.screenshot({ path: `${OUT}/e2e-inpres-operator.png`, fullPage: true });
  await context.close();
}

async function monitor(browser: Browser, errors: string[], viewport: { width: number; height: number }, label: string) {
  const context = await browser.newContext({ viewport, locale: 'id-ID', acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  await step(`${label}: the Bengkulu monitor sees its 10 regencies ranked, with those without a Perda and not budgeted`, async () => {
    await logIn(page, 'prov.bengkulu');
    await page.goto(`${BASE_URL}/inpres/17`);
    const table = page.getByTestId('inpres-children');
    await table.waitFor();
    const rows = table.locator('tbody tr');
    check((await rows.count()) === 10, `ranked regencies: ${await rows.count()}`);
    await page.getByTestId('inpres-no-perda').waitFor();
    await page.getByTestId('inpres-not-budgeted').waitFor();
  });
  await step(`${label}: drills down to a regency's scorecard, ranked among 10`, async () => {
    await page.getByTestId('inpres-children').getByRole('link').first().click();
    await page.waitForURL(/\/inpres\/17\.\d{2}$/);
    await page.getByTestId('inpres-rank').filter({ hasText: 'dari 10' }).waitFor();
    await page.goBack();
    await page.getByTestId('inpres-children').waitFor();
  });
  if (label === 'desktop') {
    await step('downloads the semester PDF', async () => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('inpres-pdf').click()]);
      const path = `${OUT}/inpres-17-${TAG}.pdf`;
      await download.saveAs(path);
      const { readFile } = await import('node:fs/promises');
      const head = (await readFile(path)).subarray(0, 5).toString();
      check(head === '%PDF-', `downloaded file starts with ${head}`);
      check(/inpres-2-2021-17-\d{4}-S[12]\.pdf/.test(download.suggestedFilename()), download.suggestedFilename());
    });
  }
  await page.screenshot({ path: `${OUT}/e2e-inpres-monitor-${label}.png`, fullPage: true });
  await context.close();
}

process.exitCode = await runScenario('inpres', 'inpres: Perbup with PDF, groups, rakor with actions → scorecard changes; Bengkulu ranks 10 regencies (desktop + phone) and downloads the semester PDF', async (browser, errors) => {
  await operator(browser, errors);
  await monitor(browser, errors, { width: 1366, height: 900 }, 'desktop');
  await monitor(browser, errors, { width: 375, height: 740 }, 'phone');
});
