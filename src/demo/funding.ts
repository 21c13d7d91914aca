/**
 * Demo funding (issue 4), deterministic and always current: programmes for the payers named in the
 * demo enrolments' funding text — APBD of the seed regencies (Sukabumi, Subang), APBD of Bengkulu
 * province for its regencies' workers, Dana Desa for a few villages, one CSR — each linked to its
 * enrolments, renewed every fiscal year, and billed and paid every month from January 2025 to this
 * month (WIB) with realistic gaps: Subang stops paying after September 2025 (arrears, BPU lapses),
 * Bengkulu pays November 2025 short; Bengkulu and one village per regency are behind on their last
 * three bills (their BPU workers show in the early warning); another village per regency stops after August 2025;
 * Sukabumi pays six months ahead every January and July. A bill is paid on the 10th of the next month, so the newest ones are still open.
 * Idempotent: a later start bills the months since and pays what has fallen due.
 */
import { sql } from 'kysely';
import type { Db } from '../db/client.js';
import { addMonths, monthsBetween } from '../domain/coverage.js';
import { dueDate, monthlyCost, type PayerType } from '../domain/funding.js';
import type { Program } from '../domain/worker.js';
import type { Actor } from '../db/tx.js';
import type { Bill } from '../modules/funding/billing/schemas.js';
import { billProgram } from '../modules/funding/billing/service.js';
import { recordPaymentAs } from '../modules/funding/payments/service.js';
import type { ProgramRow } from '../modules/funding/programs/queries.js';
import { loadSnapshot } from '../modules/funding/rates/queries.js';
import { todayWib } from '../modules/funding/rates/service.js';
import { SEED_PROVINCE } from './generate.js';
import { DEMO_VILLAGE_PROGRAMME } from './village.js';

interface Payer {
  text: string;
  name: string;
  payerType: PayerType;
  region: string;
  segment: 'BPU' | 'PU';
  /** which villages' enrolments it pays for (by code prefix) */
  within: string;
  legal: [kind: string, number: string, date: string];
}

const FIRST_MONTH = '2025-01';
const FIRST_YEAR = 2025;

/** Creates the demo programmes once, then bills and pays every month up to this one (WIB). */
export async function loadDemoFunding(db: Db, actor: Actor, now = Date.now()): Promise<{ programs: number; bills: number }> {
  // the village demo (issue 14) adds its programme first, under the same actor: it is not one of these
  const done = await db.selectFrom('funding_program').select('id').where('created_by', '=', actor.username).where('name', '<>', DEMO_VILLAGE_PROGRAMME).executeTakeFirst();
  const programs = done ? 0 : await createProgrammes(db, actor);
  const today = todayWib(now);
  if (!(await demoProgrammes(db, actor)).length) return { programs, bills: 0 };
  const paid = new Set((await sql<{ ref: string }>`
    SELECT p.funding_program_id || '|' || p.reference AS ref FROM payment p JOIN funding_program f ON f.id = p.funding_program_id
    WHERE f.created_by = ${actor.username}`.execute(db)).rows.map((r) => r.ref));
  const schedule = await paySchedule(db, actor, today);
  let renewed = 0;
  let bills = 0;
  for (const month of monthsBetween(FIRST_MONTH, today.slice(0, 7))) {
    const year = Number(month.slice(0, 4));
    if (year > FIRST_YEAR && month.endsWith('-01')) renewed += await renewProgrammes(db, actor, year);
    for (const p of (await demoProgrammes(db, actor)).filter((x) => x.fiscal_year === year && x.status === 'active')) {
      const bill = await billProgram(db, actor, p, month);
      if (bill.created) bills++;
      await payIfDue(db, actor, p, bill, schedule(p, month), today, paid);
    }
  }
  return { programs: programs + renewed, bills };
}

async function demoProgrammes(db: Db, actor: Actor): Promise<ProgramRow[]> {
  return db.selectFrom('funding_program').selectAll().where('created_by', '=', actor.username).orderBy('id').execute();
}

type Pays = 'full' | 'short' | 'none' | 'prepay';

/**
 * What each payer does with a month's bill. A payer that is behind leaves the three bills that fall
 * due around today unpaid, so its BPU workers lapse within the early-warning window unless it pays.
 */
async function paySchedule(db: Db, actor: Actor, today: string): Promise<(p: ProgramRow, month: string) => Pays> {
  // the villages of each regency in the order their programmes were made: the fourth stops, the second is behind
  const villages = (await demoProgrammes(db, actor)).filter((p) => p.payer_type === 'DANA_DESA' && p.fiscal_year === FIRST_YEAR).map((p) => p.region_code);
  const habit = (p: ProgramRow) => villages.filter((v) => v.startsWith(p.region_code.slice(0, 5))).indexOf(p.region_code) % 4;
  // the first bill due on or after today, and the two before it
  let due = today.slice(0, 7);
  while (dueDate(`${addMonths(due, -1)}-01`) >= today) due = addMonths(due, -1);
  const late = new Set([addMonths(due, -2), addMonths(due, -1), due]);
  return (p, month) => {
    const m = Number(month.slice(5));
    switch (p.payer_type) {
      case 'APBD_PROVINSI':
        return late.has(month) ? 'none' : month === '2025-11' ? 'short' : 'full';
      case 'APBD_KABKOTA':
        if (p.region_code === '32.13') return month <= '2025-09' ? 'full' : 'none';
        return m === 1 || m === 7 ? 'prepay' : 'none'; // the prepayment covers the months between
      case 'DANA_DESA':
        if (habit(p) === 3) return month > '2025-08' ? 'none' : 'full';
        return habit(p) === 1 && late.has(month) ? 'none' : 'full';
      default:
        return 'full';
    }
  };
}

/** Pays a bill as its payer does, once the payment date has come (a payment's reference marks it done). */
async function payIfDue(db: Db, actor: Actor, p: ProgramRow, bill: Bill, pays: Pays, today: string, paid: Set<string>) {
  const month = bill.month;
  if (pays === 'none') return;
  if (pays === 'prepay') {
    // six months at once, before the bills: what is not used yet waits as credit
    const reference = `SP2D-${p.id}-${month}`;
    const paidOn = `${month}-05`;
    if (paid.has(`${p.id}|${reference}`) || paidOn > today) return;
    await recordPaymentAs(db, actor, p, { amount: bill.amount * 6, paidOn, reference });
    paid.add(`${p.id}|${reference}`);
    return;
  }
  const reference = `TRF-${p.id}-${month}`;
  const paidOn = dueDate(`${month}-01`).replace(/-\d\d$/, '-10');
  if (paid.has(`${p.id}|${reference}`) || paidOn > today || bill.outstanding <= 0) return;
  const amount = pays === 'short' ? Math.floor(bill.outstanding * 0.9) : bill.outstanding;
  await recordPaymentAs(db, actor, p, { amount, paidOn, reference, month });
  paid.add(`${p.id}|${reference}`);
}

/**
 * A new fiscal year: each demo programme still paying for open enrolments gets its successor (same
 * payer, this year's budget and legal basis), the open enrolments move to it and the old one closes.
 * Lapsed enrolments stay with the programme they lapsed under.
 */
async function renewProgrammes(db: Db, actor: Actor, year: number): Promise<number> {
  const all = await demoProgrammes(db, actor);
  const rates = await loadSnapshot(db);
  let created = 0;
  for (const old of all.filter((p) => p.fiscal_year === year - 1 && p.status === 'active')) {
    const open = await sql<{ n: string }>`
      SELECT count(*) AS n FROM enrolment WHERE funding_program_id = ${old.id} AND status IN ('submitted', 'registered', 'active')`.execute(db);
    const count = Number(open.rows[0]!.n);
    await db.transaction().execute(async (tx) => {
      if (count > 0) {
        const renamed = (t: string) => t.replaceAll(String(year - 1), String(year));
        const priced = monthlyCost(rates, { segment: old.segment as 'BPU' | 'PU', programs: old.programs as Program[], income: old.basis_income, riskGroup: 1 }, `${year}-01-01`);
        const successor = await tx
          .insertInto('funding_program')
          .values({
            name: renamed(old.name),
            payer_type: old.payer_type,
            region_code: old.region_code,
            fiscal_year: year,
            budget: Math.round(old.quota * (priced.ok ? priced.value : 0) * 12),
            quota: old.quota,
            segment: old.segment,
            programs: old.programs,
            basis_income: old.basis_income,
            legal_kind: old.legal_kind,
            legal_number: renamed(old.legal_number),
            legal_date: `${year}-01-06`,
            created_by: actor.username,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await sql`UPDATE enrolment SET funding_program_id = ${successor.id}
          WHERE funding_program_id = ${old.id} AND status IN ('submitted', 'registered', 'active')`.execute(tx);
        created++;
      }
      await tx.updateTable('funding_program').set({ status: 'closed', updated_at: sql`now()` }).where('id', '=', old.id).execute();
    });
  }
  return created;
}

/** The programmes of the first fiscal year, linked to the enrolments whose funding text names them. */
async function createProgrammes(db: Db, actor: Actor): Promise<number> {
  const texts = await sql<{ funding_source: string; segment: string; region: string; n: string }>`
    SELECT funding_source, segment, left(village_code, 5) AS region, count(*) AS n FROM enrolment
    WHERE funding_program_id IS NULL AND segment IN ('BPU', 'PU') AND funding_source <> ''
    GROUP BY 1, 2, 3 ORDER BY 3, 1, 2`.execute(db);
  const payers: Payer[] = [];
  const seen = new Set<string>();
  for (const t of texts.rows) {
    const segment = t.segment as 'BPU' | 'PU';
    const inBengkulu = t.region.startsWith(`${SEED_PROVINCE}.`);
    let p: Payer | undefined;
    if (t.funding_source.startsWith('APBD ') && inBengkulu) {
      p = { text: t.funding_source, name: `APBD Provinsi Bengkulu 2025${segment === 'PU' ? ' — Non-ASN' : ' — Pekerja Rentan'}`, payerType: 'APBD_PROVINSI', region: SEED_PROVINCE, segment, within: t.region, legal: ['Pergub', '7 Tahun 2025', '2025-01-06'] };
    } else if (t.funding_source.startsWith('APBD ')) {
      const subang = t.region === '32.13';
      p = {
        text: t.funding_source,
        name: `${t.funding_source}${segment === 'PU' ? ' — Non-ASN' : ' — Pekerja Rentan'}`,
        payerType: 'APBD_KABKOTA',
        region: t.region,
        segment,
        within: t.region,
        legal: ['Perbup', subang ? '3 Tahun 2025' : '12 Tahun 2025', '2025-01-10'],
      };
    } else if (t.funding_source === 'CSR (demo)' && t.region === '32.02') {
      p = { text: t.funding_source, name: 'CSR PT Semesta Demo Sejahtera 2025', payerType: 'CSR', region: '32.02', segment, within: '32.02', legal: ['Perjanjian Kerja Sama', 'PKS/01/CSR/2025', '2025-01-15'] };
    }
    if (p && segment === 'PU' && p.payerType === 'CSR') p = undefined;
    if (p) {
      const key = `${p.name}|${p.region}`;
      if (!seen.has(key)) {
        seen.add(key);
        payers.push(p);
      } else {
        // Bengkulu: one provincial programme (per segment) for all its regencies
        payers.find((x) => `${x.name}|${x.region}` === key)!.within = SEED_PROVINCE;
      }
    }
  }
  // Dana Desa: the villages with the most village-funded workers, four per seed regency
  const villages = await sql<{ funding_source: string; village_code: string; n: string }>`
    SELECT funding_source, village_code, count(*) AS n FROM enrolment
    WHERE funding_program_id IS NULL AND segment = 'BPU' AND funding_source LIKE 'Dana Desa %' AND substr(village_code, 10, 1) = '2'
    GROUP BY 1, 2 ORDER BY n DESC, village_code`.execute(db);
  const perRegency = new Map<string, number>();
  for (const v of villages.rows) {
    const k = v.village_code.slice(0, 5);
    if ((perRegency.get(k) ?? 0) >= 4) continue;
    perRegency.set(k, (perRegency.get(k) ?? 0) + 1);
    payers.push({ text: v.funding_source, name: v.funding_source, payerType: 'DANA_DESA', region: v.village_code, segment: 'BPU', within: v.village_code, legal: ['Perdes', `2 Tahun 2025`, '2025-01-20'] });
  }

  let created = 0;
  const rates = await loadSnapshot(db);
  for (const p of payers) {
    const range = { from: `${p.within}.`, to: `${p.within}/` };
    const count = Number(
      (
        await sql<{ n: string }>`SELECT count(*) AS n FROM enrolment WHERE funding_program_id IS NULL AND funding_source LIKE ${p.payerType === 'APBD_PROVINSI' ? 'APBD %' : p.text} AND segment = ${p.segment}
          AND (village_code = ${p.within} OR (village_code >= ${range.from} AND village_code < ${range.to}))`.execute(db)
      ).rows[0]!.n,
    );
    if (!count) continue;
    const basis = p.segment === 'PU' ? 3_500_000 : 1_000_000;
    const programs: Program[] = p.segment === 'PU' ? ['JKK', 'JKM', 'JHT', 'JP'] : ['JKK', 'JKM'];
    const priced = monthlyCost(rates, { segment: p.segment, programs, income: basis, riskGroup: 1 }, '2025-01-01');
    const cost = priced.ok ? priced.value : 0;
    const quota = Math.ceil(count * 1.2);
    const program = await db
      .insertInto('funding_program')
      .values({
        name: p.name,
        payer_type: p.payerType,
        region_code: p.region,
        fiscal_year: 2025,
        budget: Math.round(quota * cost * 12),
        quota,
        segment: p.segment,
        programs,
        basis_income: basis,
        legal_kind: p.legal[0],
        legal_number: p.legal[1],
        legal_date: p.legal[2],
        created_by: actor.username,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await sql`UPDATE enrolment SET funding_program_id = ${program.id}
      WHERE funding_program_id IS NULL AND funding_source LIKE ${p.payerType === 'APBD_PROVINSI' ? 'APBD %' : p.text} AND segment = ${p.segment}
        AND (village_code = ${p.within} OR (village_code >= ${range.from} AND village_code < ${range.to}))`.execute(db);

    created++;
  }
  return created;
}
