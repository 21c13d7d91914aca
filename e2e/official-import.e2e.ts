/**
 * End-to-end (issue 11): official participation data in, and the coverage figure moves.
 *
 * The regency operator kab.sukabumi opens "Impor Data Resmi", uploads an official participation file
 * (a real .xlsx written here with ExcelJS) with five mistakes — an unknown region, a region outside
 * Kab. Sukabumi, a month in the future, a segment that does not exist, a negative count — reads the
 * reasons on screen and the rows in the error report, fixes the file, re-uploads, commits, and sees
 * the regency's coverage figure change by what the file added. Then the national monitor creates an
 * API token on the token page, a script pushes one figure with it (PUT /api/participation, Bearer),
 * and the operator's coverage page shows the new figure on the next load.
 *
 *   E2E_BASE_URL=http://localhost:3000 npx tsx e2e/official-import.e2e.ts   (a server with demo data)
 *
 * The last line is always "e2e: N passed, M failed".
 */
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { BASE_URL, check, logIn, OUT, runScenario, step } from './harness.js';

const RUN = Date.now();
const REGENCY = '32.02';
/** This month in WIB, as the server counts it (official figures may not be in the future). */
const NOW = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 7);
const HEADERS = ['Kode Wilayah', 'Periode (YYYY-MM)', 'Segmen', 'Peserta Aktif', 'Peserta Baru', 'Peserta Nonaktif', 'Sumber'];
const SOURCE = `BPJS TK Cabang Sukabumi, uji e2e ${RUN}`;
const id = (n: number) => n.toLocaleString('id-ID');

interface Coverage {
  activeParticipants: number;
  numeratorSource: string;
  newEnrolments: number;
  newEnrolmentsSource: string;
  indicators: { bySegment: { segment: string; official: number | null }[] };
}

async function coverage(page: Page): Promise<Coverage> {
  const res = await page.request.get(`${BASE_URL}/api/coverage/${REGENCY}`, { params: { period: NOW } });
  check(res.ok(), `GET /api/coverage/${REGENCY} answered ${res.status()}`);
  return (await res.json()) as Coverage;
}

async function writeBook(file: string, rows: (string | number)[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Data Resmi');
  ws.addRow(HEADERS);
  // codes and months as text, as the template asks
  ws.getColumn(1).numFmt = '@';
  ws.getColumn(2).numFmt = '@';
  for (const r of rows) ws.addRow(r);
  await wb.xlsx.writeFile(file);
}

const count = async (page: Page, key: string) => (await page.getByTestId(`import-count-${key}`).locator('dd').innerText()).trim();

async function upload(page: Page, file: string) {
  await page.goto(`${BASE_URL}/data-resmi/impor`);
  await page.getByRole('heading', { level: 1, name: 'Impor Data Resmi Kepesertaan' }).waitFor();
  await page.locator('input[type="file"]').setInputFiles(file);
  await page.getByRole('button', { name: 'Unggah dan periksa' }).click();
  await page.waitForURL((url) => /^\/data-resmi\/impor\/\d+$/.test(url.pathname));
  await page.getByTestId('import-preview').waitFor({ timeout: 60_000 });
}

/** The active participants shown on the regency's coverage page for this month, once loaded. */
async function headlineAfterLoad(page: Page): Promise<string> {
  await page.goto(`${BASE_URL}/cakupan/${REGENCY}?periode=${NOW}`);
  await page.locator(`[data-testid="coverage-title"][data-code="${REGENCY}"][aria-busy="false"]`).waitFor();
  return page.locator('[data-testid="coverage-active"]').innerText();
}

async function scenario(browser: Browser, pageErrors: string[]) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'id-ID', acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (err) => pageErrors.push(err.message));

  await step('log in as the regency operator kab.sukabumi', () => logIn(page, 'kab.sukabumi'));

  const before = await step(`Kab. Sukabumi ${NOW} stands on official data`, async () => {
    const c = await coverage(page);
    check(c.numeratorSource === 'official', `numerator of ${REGENCY}: ${c.numeratorSource}`);
    return c;
  });
  const official = (segment: string) => before.indicators.bySegment.find((s) => s.segment === segment)?.official ?? 0;
  const pu = official('PU') + 1_000;
  const bpu = official('BPU') + 500;

  const bad = `${OUT}/e2e-official-bad-${RUN}.xlsx`;
  await step(`write ${bad}: 1 good row + 5 with mistakes`, () =>
    writeBook(bad, [
      [REGENCY, NOW, 'PU', id(pu), 120, 40, SOURCE],
      ['32.99', NOW, 'BPU', bpu, '', '', SOURCE], // unknown region
      ['31.71', NOW, 'BPU', 1_000, '', '', SOURCE], // Jakarta: outside Kab. Sukabumi
      [REGENCY, '2099-01', 'BPU', bpu, '', '', SOURCE], // in the future
      [REGENCY, NOW, 'PBI', bpu, '', '', SOURCE], // no such segment
      [REGENCY, NOW, 'BPU', -5, '', '', SOURCE], // negative
    ]),
  );

  await step('upload it: Total 6 · Valid 1 · Ditolak 5, with the reasons in words', async () => {
    await upload(page, bad);
    const [total, valid, rejected] = [await count(page, 'total'), await count(page, 'valid'), await count(page, 'rejected')];
    check(total === '6' && valid === '1' && rejected === '5', `counts ${total}/${valid}/${rejected}`);
    const reasons = (await page.getByTestId('import-reasons').locator('tbody tr').allInnerTexts()).join(' | ');
    for (const text of ['Kode wilayah tidak dikenal', 'Segmen']) check(reasons.includes(text), `reasons should mention "${text}": ${reasons}`);
    // each rejected row is on screen with its row number and message, before anyone opens the report
    const rows = page.getByTestId('import-problems').locator('tbody tr');
    await rows.first().waitFor();
    const listed = await rows.allInnerTexts();
    const refused = listed.filter((r) => /Ditolak/.test(r));
    check(refused.length === 5, `the 5 rejected rows listed on screen, got ${refused.length}: ${listed.join(' | ')}`);
    check(refused.some((r) => /Segmen/.test(r)), `each listed row says why: ${listed.join(' | ')}`);
    await page.screenshot({ path: `${OUT}/e2e-official-import-errors.png`, fullPage: true });
  });

  await step('the error report names each rejected row and its field', async () => {
    const href = await page.getByRole('link', { name: /Unduh laporan kesalahan/ }).getAttribute('href');
    check(!!href, 'a link to the error report');
    const res = await page.request.get(`${BASE_URL}${href}`);
    check(res.ok(), `report answered ${res.status()}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.body()) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const lines: string[] = [];
    ws.eachRow((row, n) => {
      if (n > 1) lines.push((row.values as unknown[]).slice(1).map(String).join(' · '));
    });
    check(lines.length === 5, `5 rows in the report, got ${lines.length}: ${lines.join(' | ')}`);
    const all = lines.join(' | ');
    for (const text of ['32.99', '31.71', '2099-01', 'PBI', '-5']) check(all.includes(text), `report row with ${text}: ${all}`);
    check(/Segmen/.test(all) && /Periode/.test(all) && /Peserta Aktif/.test(all), `messages name the fields: ${all}`);
  });

  const good = `${OUT}/e2e-official-fixed-${RUN}.xlsx`;
  await step(`fix the file (${good}): the two figures of Kab. Sukabumi, nothing else`, () =>
    writeBook(good, [
      [REGENCY, NOW, 'PU', id(pu), 120, 40, SOURCE],
      [REGENCY, NOW, 'BPU', id(bpu), 60, 15, SOURCE],
    ]),
  );

  await step('re-upload: Valid 2 · Ditolak 0, both replacing the current figures; commit', async () => {
    await upload(page, good);
    check((await count(page, 'valid')) === '2' && (await count(page, 'rejected')) === '0', `counts ${await count(page, 'valid')}/${await count(page, 'rejected')}`);
    check((await count(page, 'replacing')) === '2', `replacing ${await count(page, 'replacing')}`);
    await page.getByRole('button', { name: 'Simpan 2 data valid' }).click();
    await page.getByTestId('import-committed').getByText('2 angka tersimpan; 2 di antaranya menggantikan angka sebelumnya.').waitFor({ timeout: 60_000 });
  });

  const afterImport = await step('the coverage figure moved by what the file added (+1.500), on the page and in the API', async () => {
    const c = await coverage(page);
    check(c.activeParticipants === before.activeParticipants + 1_500, `active ${c.activeParticipants}, expected ${before.activeParticipants + 1_500}`);
    check(c.newEnrolmentsSource === 'official', `new participants from official data: ${c.newEnrolmentsSource}`);
    const text = await headlineAfterLoad(page);
    check(text.includes(id(c.activeParticipants)), `headline shows ${id(c.activeParticipants)}: ${text}`);
    const flow = page.getByTestId('coverage-new');
    check((await flow.getAttribute('data-source')) === 'official' && (await flow.innerText()).trim() === id(c.newEnrolments), `new participants on the page: ${await flow.innerText()}`);
    await page.screenshot({ path: `${OUT}/e2e-official-import-after.png`, fullPage: true });
    return c;
  });

  const token = await step('the national monitor creates an API token for Kab. Sukabumi on the token page (shown once)', async () => {
    const monitor = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'id-ID' });
    const p = await monitor.newPage();
    p.setDefaultTimeout(20_000);
    p.on('pageerror', (err) => pageErrors.push(err.message));
    await logIn(p, 'nasional');
    await p.goto(`${BASE_URL}/data-resmi/token`);
    await p.getByLabel('Nama', { exact: true }).fill(`BPJS TK Sukabumi e2e ${RUN}`);
    await p.getByLabel('Wilayah', { exact: true }).fill(REGENCY);
    await p.getByRole('button', { name: 'Buat token' }).click();
    const secret = (await p.getByTestId('token-secret').innerText()).trim();
    check(secret.length >= 32, `a token: ${secret.length} characters`);
    await monitor.close();
    return secret;
  });

  await step('a script pushes one corrected figure with the token: 200 {accepted 1, replaced 1}; a row outside the token 403', async () => {
    const push = (rows: unknown[]) =>
      fetch(`${BASE_URL}/api/participation`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ source: `${SOURCE}, koreksi`, rows }),
      });
    const outside = await push([{ regionCode: '32.13', period: NOW, segment: 'PU', active: 1 }]);
    check(outside.status === 403, `outside the token's region: ${outside.status}`);
    const res = await push([{ regionCode: REGENCY, period: NOW, segment: 'PU', active: pu + 77 }]);
    const body = (await res.json()) as { accepted: number; replaced: number };
    check(res.status === 200 && body.accepted === 1 && body.replaced === 1, `push: ${res.status} ${JSON.stringify(body)}`);
  });

  await step('the figure moves at once: +77 on the next load of the page', async () => {
    const expected = afterImport.activeParticipants + 77;
    const text = await headlineAfterLoad(page);
    check(text.includes(id(expected)), `headline shows ${id(expected)}: ${text}`);
    const c = await coverage(page);
    check(c.activeParticipants === expected, `API active ${c.activeParticipants}, expected ${expected}`);
  });
  await context.close();
}

process.exitCode = await runScenario('official import', 'official import: file with mistakes → row errors → fixed → committed → figure moved; token push → figure moved', scenario);
