/**
 * End-to-end: the issue 17 "Done when" path, on a phone, as the Balingbing village secretary (desa.balingbing):
 *
 *  1. (set-up through the API) a village official enrolled under a Dana Desa programme, covered since last month, last month billed and paid;
 *  2. on a phone: find the official by NIK in the case form, see "covered" and the estimate (Rp70.000.000 for a JKK death), record the case;
 *  3. tick every required document of the checklist with an uploaded file, move the case to paid with the amount, record the hand-over;
 *  4. the enrolment has ended and this month's bill no longer has the person; the regency's impact figures (kab.subang) moved.
 *
 *   npx tsx e2e/claims.e2e.ts      (against a running server with demo data: E2E_BASE_URL, CHROMIUM_PATH)
 *
 * Registers its own programme and official each run (from the clock), so reruns do not collide.
 */
import type { Browser, Page } from 'playwright-core';
import { todayWib } from '../src/domain/wib.js';
import { BASE_URL, check, logIn, runScenario, step } from './harness.js';

const VILLAGE = '32.13.28.2007';
const TODAY = todayWib();
const YEAR = Number(TODAY.slice(0, 4));
const monthOf = (offset: number) => {
  const d = new Date(`${TODAY.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + offset);
  return d.toISOString().slice(0, 7);
};
const PDF = Buffer.from('%PDF-1.4\n% Semesta e2e\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

async function api<T>(page: Page, method: 'GET' | 'POST', path: string, data?: unknown, ok = true): Promise<{ status: number; body: T }> {
  const me = await (await page.request.get(`${BASE_URL}/api/auth/me`)).json();
  const res = await page.request.fetch(`${BASE_URL}${path}`, { method, data, headers: { 'x-csrf-token': me.csrfToken } });
  if (ok) check(res.ok(), `${method} ${path} answered ${res.status()} ${await res.text()}`);
  return { status: res.status(), body: (await res.json()) as T };
}

async function claimsScenario(browser: Browser) {
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'id-ID' });
  const page = await phone.newPage();
  page.setDefaultTimeout(20_000);
  await step('log in as desa.balingbing (village secretary) on a phone', () => logIn(page, 'desa.balingbing'));

  const regency = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'id-ID' });
  const subang = await regency.newPage();
  subang.setDefaultTimeout(20_000);
  await step('log in as kab.subang (regency operator) on a desktop', () => logIn(subang, 'kab.subang'));
  type ImpactFigures = { claims: number; paidTotal: number; families: number };
  const impactBefore = (await api<ImpactFigures>(subang, 'GET', `/api/claims/impact/32.13?year=${YEAR}`)).body;

  const tag = Date.now().toString(36).toUpperCase();
  const { programId, nik, enrolmentId, name } = await step('set up: a Dana Desa programme and a covered village official (last month billed and paid)', async () => {
    const program = (await api<{ id: number }>(page, 'POST', '/api/funding-programs', { name: `Dana Desa Balingbing E2E ${tag}`, payerType: 'DANA_DESA', regionCode: VILLAGE, fiscalYear: YEAR, budget: 50_000_000, quota: 5, segment: 'BPU', programs: ['JKK', 'JKM'] })).body;
    const name = `Kaur E2E ${tag}`;
    for (let attempt = 0; attempt < 20; attempt++) {
      const nik = `321328150590${String(1 + Math.floor(Math.random() * 9998)).padStart(4, '0')}`;
      const res = await api<{ id: number; enrolmentId: number }>(page, 'POST', '/api/workers', {
        nik, name, birthDate: '1990-05-15', sex: 'L', villageCode: VILLAGE, address: 'Dusun II', occupation: 'Kepala Urusan',
        enrolment: { segment: 'BPU', group: 'PERANGKAT_DESA', programs: ['JKK', 'JKM'], declaredIncome: 1_000_000, fundingProgramId: program.id },
      }, false);
      if (res.status === 409) continue;
      check(res.status === 201, `POST /api/workers answered ${res.status} ${JSON.stringify(res.body)}`);
      await api(page, 'POST', `/api/enrolments/${res.body.enrolmentId}/status`, { to: 'active', date: `${monthOf(-1)}-01` });
      const bill = (await api<{ amount: number }>(page, 'POST', `/api/funding-programs/${program.id}/billing-runs`, { month: monthOf(-1) })).body;
      await api(page, 'POST', `/api/funding-programs/${program.id}/payments`, { amount: bill.amount, paidOn: `${monthOf(-1)}-20`, month: monthOf(-1) });
      return { programId: program.id, nik, enrolmentId: res.body.enrolmentId, name };
    }
    throw new Error('no free NIK after 20 tries');
  });

  const incident = (() => {
    const d = new Date(`${TODAY}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - 1);
    return d.toISOString().slice(0, 10);
  })();

  await step('open "Klaim" → "Catat klaim", find the official by NIK: covered, Rp70.000.000 estimated', async () => {
    await page.goto(`${BASE_URL}/klaim`);
    await page.getByRole('heading', { level: 1, name: 'Klaim jaminan' }).waitFor();
    await page.getByTestId('claim-new').click();
    await page.getByRole('heading', { level: 1, name: 'Catat kecelakaan atau kematian' }).waitFor();
    await page.getByTestId('claim-person-search').fill(nik);
    const row = page.getByTestId('claim-people').getByRole('listitem').filter({ hasText: name });
    await row.getByTestId('claim-pick-person').click();
    await page.getByTestId('claim-type').selectOption('JKK_DEATH');
    await page.getByTestId('claim-incident-date').fill(incident);
    const panel = page.getByTestId('claim-eligibility');
    await panel.getByText('Terlindungi pada tanggal kejadian').waitFor();
    await page.getByTestId('claim-estimate-total').getByText('Rp70.000.000').waitFor();
    await page.getByTestId('claim-description').fill('Tertimpa pohon saat memperbaiki saluran irigasi desa (E2E)');
    await page.getByTestId('claim-heir-name').fill('Siti Aminah');
    await page.getByTestId('claim-heir-relation').fill('istri');
    await page.getByTestId('claim-save').click();
    await page.waitForURL(/\/klaim\/\d+$/);
    await page.getByTestId('claim-step').getByText('Dilaporkan').waitFor();
  });
  const claimId = Number(new URL(page.url()).pathname.split('/').pop());

  await step('the checklist: upload a file for every required item until it is complete', async () => {
    const claim = (await api<{ checklist: { code: string; required: boolean }[] }>(page, 'GET', `/api/claims/${claimId}`)).body;
    for (const item of claim.checklist.filter((i) => i.required)) {
      await page.getByTestId(`claim-file-${item.code}`).setInputFiles({ name: `${item.code.toLowerCase()}.pdf`, mimeType: 'application/pdf', buffer: PDF });
      await page.getByTestId(`claim-item-${item.code}`).getByRole('link').waitFor();
    }
    await page.getByTestId('claim-missing').getByText('Dokumen wajib lengkap.').waitFor();
  });

  await step('move the case: documents complete → submitted → verified → paid Rp70.000.000, then the hand-over', async () => {
    for (const [to, label] of [
      ['documents_complete', 'Dokumen lengkap'],
      ['submitted', 'Diajukan ke BPJS TK'],
      ['verified', 'Diverifikasi BPJS TK'],
    ] as const) {
      await page.getByTestId('claim-next-step').selectOption(to);
      await page.getByTestId('claim-move').click();
      await page.getByTestId('claim-step').getByText(label, { exact: true }).waitFor();
    }
    await page.getByTestId('claim-next-step').selectOption('paid');
    await page.getByTestId('claim-paid-amount').fill('70000000');
    await page.getByTestId('claim-move').click();
    await page.getByTestId('claim-paid').getByText('Rp70.000.000').waitFor();
    await page.getByTestId('claim-handover-by').fill('Bupati Subang');
    await page.getByTestId('claim-handover-place').fill('Pendopo Kabupaten Subang');
    await page.getByTestId('claim-handover-save').click();
    await page.getByTestId('claim-handover').getByText('Bupati Subang').waitFor();
    const letter = await page.request.get(`${BASE_URL}/api/claims/${claimId}/letter.pdf`);
    check(letter.ok() && (await letter.body()).subarray(0, 5).toString() === '%PDF-', 'the cover letter should be a PDF');
  });

  await step('the registry: the enrolment ended (death), and this month\'s bill no longer has the person', async () => {
    const workers = (await api<{ items: { status: string }[] }>(page, 'GET', `/api/workers?nik=${nik}`)).body;
    check(workers.items[0]?.status === 'ended', `the enrolment should be ended, is ${workers.items[0]?.status}`);
    const bill = await api<{ workerCount: number }>(page, 'POST', `/api/funding-programs/${programId}/billing-runs`, { month: monthOf(0) });
    check(bill.body.workerCount === 0, `this month's bill should have nobody, has ${bill.body.workerCount} (enrolment ${enrolmentId})`);
  });

  await step('the regency (kab.subang): the impact figures moved, on the claims page', async () => {
    const after = (await api<ImpactFigures>(subang, 'GET', `/api/claims/impact/32.13?year=${YEAR}`)).body;
    check(after.claims === impactBefore.claims + 1, `claims ${impactBefore.claims} → ${after.claims}`);
    check(after.paidTotal === impactBefore.paidTotal + 70_000_000, `paid ${impactBefore.paidTotal} → ${after.paidTotal}`);
    check(after.families === impactBefore.families + 1, `families ${impactBefore.families} → ${after.families}`);
    await subang.goto(`${BASE_URL}/klaim`);
    const paid = `Rp${after.paidTotal.toLocaleString('id-ID')}`;
    await subang.getByTestId('claim-impact-paid').getByText(paid).waitFor();
    await subang.getByTestId('claims-table').getByText(name).first().waitFor();
  });
}

process.exitCode = await runScenario('claims', 'village secretary on a phone: a covered death to paid with hand-over; enrolment ended, bill without the person, regency impact moved', (browser) => claimsScenario(browser));
