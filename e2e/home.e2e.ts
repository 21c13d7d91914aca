/**
 * End-to-end: every demo role's day starts on its home page (issue 14). For each demo account, at a
 * desktop (1366×768) and a phone (375×740) viewport: sign in through the login page, land on the
 * role's home, check its figures against GET /api/home, check the page does not scroll sideways, and do
 * the role's first task to the end:
 *
 *  - village secretary (desa.balingbing): this month's bill and last month's proof of payment → the programme;
 *  - regency operators (kab.sukabumi, kab.subang): coverage vs target with the gap → the coverage page, same figure;
 *  - province operator and national monitor: the ranking → the lowest region's coverage page;
 *  - BPJS branch officer (bpjs.sukabumi): type the KPJ of the oldest waiting enrolment on its row → it leaves the queue;
 *  - labour inspector (disnaker.sukabumi): open a case on the employer with the most workers not registered,
 *    confirming what will happen → the case page;
 *  - auditor: recent full-NIK views, exports and changes as recorded → the audit trail.
 *
 *   E2E_BASE_URL=http://localhost:3000 npx tsx e2e/home.e2e.ts
 *
 * Needs a running server with the built SPA and the demo accounts. Screenshots go to
 * $E2E_SHOTS (default test-results/home, not committed). The last line is always "e2e: N passed, M failed".
 */
import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import type { Home } from '../src/modules/home/schemas.js';
import { BASE_URL, check, launchChromium, logIn, OUT, step } from './harness.js';

const SHOTS = process.env.E2E_SHOTS ?? `${OUT}/home`;
const VIEWPORTS = [
  { name: 'desktop', width: 1366, height: 768 },
  { name: 'phone', width: 375, height: 740 },
] as const;
type Viewport = (typeof VIEWPORTS)[number];

const rupiah = (n: number) => `Rp${Math.round(n).toLocaleString('id-ID')}`;
const pct = (n: number) => `${n.toLocaleString('id-ID', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;
const num = (n: number) => n.toLocaleString('id-ID');

async function homeApi(page: Page): Promise<Home> {
  const res = await page.request.get(`${BASE_URL}/api/home`);
  check(res.ok(), `GET /api/home answered ${res.status()}`);
  return (await res.json()) as Home;
}

async function noSidewaysScroll(page: Page, vp: Viewport) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  check(width <= vp.width, `the page scrolls sideways at ${vp.width} px: scrollWidth ${width}`);
}

async function text(page: Page, testId: string) {
  return ((await page.getByTestId(testId).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

type Task = (page: Page, h: Home, vp: Viewport) => Promise<void>;

const TASKS: Record<string, { role: Home['role']; task: Task }> = {
  'desa.balingbing': {
    role: 'village_operator',
    task: async (page, h) => {
      const bills = h.bills!;
      const total = h.workersByStatus!.reduce((a, r) => a + r.count, 0);
      if (!bills.length) {
        // no programme pays for this village's workers (yet): the card says so, and the next step is registering them
        check((await text(page, 'home-bills')).includes('Belum ada program pendanaan'), 'the bills card should say no programme pays yet');
        await page.getByTestId('home-todo').getByRole('link', { name: 'Tambah pekerja' }).click();
        await page.waitForURL(/\/pekerja\/baru$/);
        await page.getByRole('heading', { level: 1 }).waitFor();
        return;
      }
      const withBill = bills.find((b) => b.thisMonth) ?? bills[0]!;
      const card = page.getByTestId('home-bill').filter({ hasText: withBill.programName }).first();
      const shown = ((await card.textContent()) ?? '').replace(/\s+/g, ' ');
      if (withBill.thisMonth) check(shown.includes(rupiah(withBill.thisMonth.amount)), `this month's bill ${rupiah(withBill.thisMonth.amount)} not shown: ${shown}`);
      const proof = withBill.lastMonth?.payments[0];
      if (proof?.reference) check(shown.includes(proof.reference) && shown.includes(rupiah(proof.amount)), `last month's proof ${proof.reference} not shown: ${shown}`);
      check((await text(page, 'home-workers')).includes(num(total)), 'the workers card should show the enrolment total');
      await card.getByRole('link', { name: 'Lihat program' }).click();
      await page.waitForURL(new RegExp(`/pendanaan/${withBill.programId}$`));
      await page.getByRole('heading', { level: 1, name: withBill.programName }).waitFor();
    },
  },
  'kab.sukabumi': { role: 'regency_operator', task: coverageTask },
  'kab.subang': { role: 'regency_operator', task: coverageTask },
  'prov.bengkulu': { role: 'province_operator', task: rankingTask },
  nasional: { role: 'national_monitor', task: rankingTask },
  'bpjs.sukabumi': {
    role: 'bpjs_branch',
    task: async (page, h) => {
      const q = h.awaitingKpj!;
      check((await text(page, 'kpj-total')).includes(num(q.total)), `the queue total ${q.total} is not shown`);
      const times = q.items.map((i) => i.submittedAt);
      check([...times].sort().join() === times.join(), 'the queue should be oldest first');
      check((await text(page, 'lapses-total')).includes(num(h.lapsesDue!.total)), 'lapses due total not shown');
      check((await text(page, 'unpaid-total')).includes(rupiah(h.unpaidBills!.outstanding)), 'unpaid bills total not shown');
      const first = q.items[0];
      if (!first) return; // nothing waiting: the card says so
      const row = page.locator(`[data-testid="kpj-row"][data-enrolment="${first.enrolmentId}"]`);
      const kpj = String(Date.now() * 10 + Math.floor(Math.random() * 10)).slice(-11).padStart(11, '9');
      await row.getByLabel(`Nomor KPJ untuk ${first.name}`).fill('123');
      await row.getByRole('button', { name: 'Simpan KPJ' }).click();
      await row.getByRole('alert').filter({ hasText: 'KPJ harus 11 digit' }).waitFor();
      await row.getByLabel(`Nomor KPJ untuk ${first.name}`).fill(kpj);
      await row.getByRole('button', { name: 'Simpan KPJ' }).click();
      await row.waitFor({ state: 'detached', timeout: 20_000 });
      const after = await homeApi(page);
      check(after.awaitingKpj!.total === q.total - 1, `the queue should shrink by one: ${q.total} → ${after.awaitingKpj!.total}`);
      await page.getByTestId('kpj-total').filter({ hasText: num(q.total - 1) }).waitFor();
    },
  },
  'disnaker.sukabumi': {
    role: 'labour_inspector',
    task: async (page, h) => {
      const list = h.employersUnregistered!;
      check(list.length > 0, 'the regency should have employers with workers not registered');
      const gaps = list.map((e) => e.notRegistered);
      check(gaps.every((g, i) => i === 0 || gaps[i - 1]! >= g), 'employers should be sorted by workers not registered');
      const firstRow = ((await page.getByTestId('employer-row').first().textContent()) ?? '').replace(/\s+/g, ' ');
      check(firstRow.includes(list[0]!.name) && firstRow.includes(num(list[0]!.notRegistered)), `first employer row: ${firstRow}`);
      const target = list.find((e) => !e.openCaseId);
      if (!target) return;
      const row = page.getByTestId('employer-row').filter({ hasText: target.name }).first();
      await row.getByTestId('open-case').click();
      // the confirmation says what will happen before anything is recorded
      await page.getByText('tahap berikutnya adalah Surat Peringatan 1').waitFor();
      await page.getByRole('button', { name: 'Ya, buka kasus' }).click();
      await page.waitForURL(/\/kepatuhan\/kasus\/\d+$/, { timeout: 20_000 });
      await page.getByTestId('case-step').getByText('Dibuka').waitFor();
    },
  },
  auditor: {
    role: 'auditor',
    task: async (page, h) => {
      for (const [id, rows] of [['home-nik-views', h.nikViews!], ['home-exports', h.exports!], ['home-changes', h.recentChanges!]] as const) {
        const shown = await text(page, id);
        if (rows[0]) check(shown.includes(rows[0].actor), `${id}: newest entry by ${rows[0].actor} not shown`);
        else check(shown.includes('Belum ada catatan'), `${id}: should say nothing is recorded`);
      }
      check((await page.getByRole('button', { name: /Buat tagihan|Simpan/ }).count()) === 0, 'a read-only role sees no write action');
      await page.getByTestId('home-changes').getByRole('link', { name: 'Buka jejak audit' }).click();
      await page.waitForURL(/\/audit$/);
    },
  },
};

async function coverageTask(page: Page, h: Home) {
  const c = h.coverage!;
  if (c.coveragePct !== null) check((await text(page, 'coverage-pct')) === pct(c.coveragePct), `coverage ${pct(c.coveragePct)} vs "${await text(page, 'coverage-pct')}"`);
  if (c.gapWorkers && c.gapWorkers > 0) {
    const gap = await text(page, 'coverage-gap');
    check(gap.includes(num(c.gapWorkers)) && gap.includes(rupiah(c.gapRupiahPerMonth ?? 0)), `gap "${gap}" should name ${num(c.gapWorkers)} workers and ${rupiah(c.gapRupiahPerMonth ?? 0)}`);
  }
  check((await text(page, 'coverage-active')).includes(num(c.activeParticipants)), 'active participants not shown');
  await page.getByTestId('home-coverage').getByRole('link', { name: 'Lihat cakupan' }).click();
  await page.waitForURL(new RegExp(`/cakupan/${h.region.code.replace(/\./g, '\\.')}$`));
  if (c.coveragePct !== null) await page.getByText(pct(c.coveragePct)).first().waitFor();
}

async function rankingTask(page: Page, h: Home) {
  const r = h.ranking!;
  if (!r.highest.length) return;
  const highest = await text(page, 'ranking-highest');
  check(highest.includes(pct(r.highest[0]!.coveragePct)), `highest ${pct(r.highest[0]!.coveragePct)} not in "${highest}"`);
  const lowest = r.lowest[0];
  if (!lowest) return;
  await page.getByTestId('ranking-lowest').getByRole('link').first().click();
  await page.waitForURL(new RegExp(`/cakupan/${lowest.code.replace(/\./g, '\\.')}$`));
  await page.getByText(pct(lowest.coveragePct)).first().waitFor();
}

async function walk(browser: Browser, username: string, vp: Viewport, pageErrors: string[]) {
  const context = await browser.newContext({ viewport: { width: vp.width, height: vp.height }, locale: 'id-ID', isMobile: vp.name === 'phone', hasTouch: vp.name === 'phone' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (err) => pageErrors.push(err.message));
  const { role, task } = TASKS[username]!;
  try {
    await step(`${username} @${vp.name}: sign in and land on the home page`, async () => {
      await logIn(page, username);
      check(new URL(page.url()).pathname === '/', `landed on ${page.url()}, not the home page`);
      await page.getByTestId('home').waitFor();
      check((await page.getByTestId('home').getAttribute('data-role')) === role, `the home is not the ${role}'s`);
    });
    const h = await homeApi(page);
    check(h.role === role, `GET /api/home answered for ${h.role}`);
    await step(`${username} @${vp.name}: no sideways scrolling`, () => noSidewaysScroll(page, vp));
    await page.screenshot({ path: `${SHOTS}/home-${username}-${vp.name}.png`, fullPage: true });
    await step(`${username} @${vp.name}: first task, to the end`, () => task(page, h, vp));
    await page.screenshot({ path: `${SHOTS}/home-${username}-${vp.name}-done.png`, fullPage: true });
  } catch (err) {
    await page.screenshot({ path: `${SHOTS}/home-${username}-${vp.name}-failure.png`, fullPage: true }).catch(() => undefined);
    throw err;
  } finally {
    await context.close();
  }
}

async function main() {
  await mkdir(SHOTS, { recursive: true });
  const browser = await launchChromium();
  let passed = 0;
  let failed = 0;
  // E2E_USERS=desa.balingbing,auditor walks only those accounts
  const only = process.env.E2E_USERS?.split(',').filter(Boolean);
  for (const username of Object.keys(TASKS).filter((u) => !only || only.includes(u))) {
    for (const vp of VIEWPORTS) {
      const pageErrors: string[] = [];
      try {
        await walk(browser, username, vp, pageErrors);
        check(pageErrors.length === 0, `uncaught errors in the page: ${pageErrors.join(' | ')}`);
        console.log(`  ✓ ${username} at ${vp.width}×${vp.height}`);
        passed++;
      } catch (err) {
        failed++;
        console.error(`  ✗ ${username} at ${vp.width}×${vp.height}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }
  await browser.close().catch(() => undefined);
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

process.exitCode = await main();
