/**
 * End-to-end: the issue 6 "Done when" path, as the labour inspector of Kab. Sukabumi (disnaker.sukabumi):
 *
 *  1. find the non-compliant employers of the regency (status filter PWBD), open one and see the evidence;
 *  2. open a case and take it through every step — warning 1, warning 2, referral to the prosecutor (SKK),
 *     sanction recommendation, resolved — each with a generated PDF letter that opens;
 *  3. record an outreach event on a village not yet reached and see the reach figure change;
 *  4. see the Perisai agents' leaderboard with pay per month (as the BPJS branch officer).
 *
 *   npx tsx e2e/compliance.e2e.ts      (against a running server with demo data: E2E_BASE_URL, CHROMIUM_PATH)
 *
 * Registers its own employer each run (name from the clock), so reruns do not collide.
 * The last line is always "e2e: N passed, M failed".
 */
import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { BASE_URL, check, launchChromium, logIn, OUT, step } from './harness.js';

const TAG = `E2E ${Date.now().toString(36).toUpperCase()}`;


async function api<T>(page: Page, method: 'GET' | 'POST', path: string, data?: unknown): Promise<T> {
  const me = await (await page.request.get(`${BASE_URL}/api/auth/me`)).json();
  const res = await page.request.fetch(`${BASE_URL}${path}`, { method, data, headers: { 'x-csrf-token': me.csrfToken } });
  check(res.ok(), `${method} ${path} answered ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

async function complianceScenario(browser: Browser, pageErrors: string[]) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'id-ID' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await step('log in as disnaker.sukabumi (labour inspector)', () => logIn(page, 'disnaker.sukabumi'));

  const name = `PT Uji ${TAG}`;
  await step(`register "${name}": 150 employees declared, not registered with BPJS TK`, () =>
    api(page, 'POST', '/api/employers', { name, sizeClass: 'medium', sector: 'Garmen', villageCode: '32.02.01.2002', address: 'Jl. Uji No. 1', employeesDeclared: 150, workersRegistered: 0, programs: [] }),
  );

  await step('open "Kepatuhan" and filter PWBD: the employer is listed with its finding', async () => {
    await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Kepatuhan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kepatuhan Perusahaan' }).waitFor();
    await page.getByTestId('employer-summary').waitFor();
    await page.getByTestId('status-filter').selectOption('PWBD');
    await page.getByPlaceholder('Cari nama perusahaan, NPP atau NIB').fill(TAG);
    const row = page.getByTestId('employers-table').getByRole('row').filter({ hasText: name });
    await row.waitFor();
    check((await row.textContent())!.includes('150 pekerja'), 'the PWBD sentence should carry the 150 declared employees');
    await row.getByRole('link', { name }).click();
  });

  await step('open a case from the employer page', async () => {
    await page.getByTestId('findings').waitFor();
    await page.getByRole('button', { name: 'Buka kasus' }).click();
    await page.waitForURL(/\/kepatuhan\/kasus\/\d+$/);
    await page.getByTestId('case-step').getByText('Dibuka').waitFor();
  });

  const steps: [string, string][] = [
    ['warning_1', 'Surat Peringatan 1'],
    ['warning_2', 'Surat Peringatan 2'],
    ['referred_skk', 'Diserahkan ke Kejaksaan (SKK)'],
    ['sanction_recommended', 'Rekomendasi sanksi TMP2T'],
    ['resolved', 'Selesai (patuh)'],
  ];
  for (const [value, label] of steps) {
    await step(`move the case to "${label}"`, async () => {
      await page.getByTestId('next-step').selectOption(value);
      await page.getByLabel('Catatan').fill(`e2e: ${label}`);
      await page.getByTestId('do-transition').click();
      await page.getByTestId('case-step').getByText(label, { exact: true }).waitFor();
    });
  }

  await step('every enforcement step has a PDF letter that opens', async () => {
    const links = page.getByTestId('letter-link');
    check((await links.count()) === 4, `expected 4 letters, found ${await links.count()}`);
    for (let i = 0; i < 4; i++) {
      const href = (await links.nth(i).getAttribute('href'))!;
      const res = await page.request.get(`${BASE_URL}${href}`);
      check(res.ok() && res.headers()['content-type'] === 'application/pdf', `letter ${href} answered ${res.status()}`);
      check((await res.body()).subarray(0, 5).toString() === '%PDF-', `letter ${href} is not a PDF`);
    }
    check((await page.getByTestId('next-step').count()) === 0, 'a resolved case offers no next step');
    await page.screenshot({ path: `${OUT}/e2e-compliance-case.png`, fullPage: true });
  });

  let before = '';
  await step('open "Sosialisasi": Kab. Sukabumi shows 378 / 381 desa reached', async () => {
    await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Sosialisasi' }).click();
    await page.getByTestId('reach-count').waitFor();
    before = (await page.getByTestId('reach-count').textContent())!.trim();
    check(/^\d+ \/ 381$/.test(before), `reach should count 381 desa, shows "${before}"`);
  });

  await step('record an event on a village not yet reached, and see reach go up by one', async () => {
    const missing = (await page.getByTestId('not-reached').getByRole('listitem').first().textContent())!;
    const code = missing.match(/32\.02\.\d{2}\.\d{4}/)![0];
    await page.getByLabel('Judul kegiatan').fill(`Sosialisasi ${TAG}`);
    await page.getByLabel('Penyelenggara').fill('Disnaker Kab. Sukabumi');
    await page.getByLabel('Jumlah hadir').fill('42');
    await page.getByTestId('outreach-area').selectOption(code.slice(0, 8));
    await page.locator(`input[type="checkbox"][value="${code}"]`).check();
    await page.getByTestId('outreach-save').click();
    await page.getByText('Kegiatan tersimpan').waitFor();
    const [reached, total] = before.split('/').map((s) => Number(s.trim().replace(/\./g, '')));
    await page.getByTestId('reach-count').getByText(`${reached! + 1} / ${total}`).waitFor();
  });

  await step('import UMK through the import page: a regency outside Sukabumi is refused in the preview, the other saved', async () => {
    await page.goto(`${BASE_URL}/kepatuhan/umk`);
    await page.getByTestId('umk-import').click();
    await page.waitForURL((url) => url.pathname === '/kepatuhan/umk/impor');
    const csv = 'Kode Wilayah;Tahun;UMK;Dasar Hukum\n32.02;2019;2.791.016;Kepgub Jabar 561/Kep.1046-Yanbangsos/2018\n32.13;2019;2.529.759;\n';
    await page.locator('input[type="file"]').setInputFiles({ name: 'umk-2019.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Unggah dan periksa' }).click();
    await page.getByTestId('import-preview').waitFor({ timeout: 60_000 });
    const count = async (key: string) => (await page.getByTestId(`import-count-${key}`).locator('dd').innerText()).trim();
    check((await count('total')) === '2' && (await count('valid')) === '1' && (await count('rejected')) === '1', `counts ${await count('total')}/${await count('valid')}/${await count('rejected')}`);
    await page.getByTestId('import-reasons').getByText('Wilayah di luar wilayah kerja Anda').waitFor();
    await page.getByRole('button', { name: 'Simpan 1 data valid' }).click();
    await page.getByTestId('import-committed').getByText(/1 UMK tersimpan; [\d.]+ perusahaan dinilai ulang\./).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Lihat UMK' }).click();
    await page.waitForURL((url) => url.pathname === '/kepatuhan/umk');
    await page.getByText('Rp2.791.016').waitFor();
  });
  await context.close();
}

async function agentsScenario(browser: Browser, pageErrors: string[]) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'id-ID' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await step('log in as bpjs.sukabumi', () => logIn(page, 'bpjs.sukabumi'));
  await step('open "Agen Perisai": a ranked leaderboard with pay per month, one agent inactive', async () => {
    await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Agen Perisai' }).click();
    const table = page.getByTestId('agents-table');
    await table.waitFor();
    const rows = table.locator('tbody tr');
    check((await rows.count()) >= 3, 'expected a few agents');
    check((await table.textContent())!.includes('Rp'), 'pay per month shown in rupiah');
    check((await table.getByText('Tidak aktif').count()) >= 1, 'the inactive-agent rule should show');
    await page.screenshot({ path: `${OUT}/e2e-compliance-agents.png`, fullPage: true });
  });
  await context.close();
}

async function main() {
  await mkdir(OUT, { recursive: true });
  const browser = await launchChromium();
  let passed = 0;
  let failed = 0;
  const scenarios: [string, (b: Browser, errors: string[]) => Promise<void>][] = [
    ['labour inspector: non-compliant employers, a case to resolution with letters, outreach reach', complianceScenario],
    ['BPJS branch officer: Perisai agents leaderboard', agentsScenario],
  ];
  for (const [title, run] of scenarios) {
    const pageErrors: string[] = [];
    try {
      await run(browser, pageErrors);
      check(pageErrors.length === 0, `uncaught errors in the page: ${pageErrors.join(' | ')}`);
      console.log(`  ✓ ${title}`);
      passed++;
    } catch (err) {
      failed++;
      console.error(`  ✗ ${title}: ${err instanceof Error ? err.message : String(err)}`);
      const last = browser.contexts().flatMap((c) => c.pages()).at(-1);
      if (last) await last.screenshot({ path: `${OUT}/e2e-compliance-failure.png`, fullPage: true }).catch(() => undefined);
      for (const c of browser.contexts()) await c.close().catch(() => undefined);
    }
  }
  await browser.close().catch(() => undefined);
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

process.exitCode = await main();
