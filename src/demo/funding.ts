/**
 * Demo funding (issue 4), deterministic: programmes for the payers named in the demo enrolments'
 * funding text — APBD of the seed regencies (Sukabumi, Subang), APBD of Bengkulu province for its
 * regencies' workers, Dana Desa for a few villages, one CSR — each linked to its enrolments, then
 * twelve months of 2025 billed and paid with realistic gaps: Subang stops paying after September
 * (arrears, BPU lapses), Bengkulu pays November short (a partial bill), one village stops after
 * August, Sukabumi pays six months ahead twice.
 */
import { sql } from 'kysely';
import type { Db } from '../db/client.js';
import { dueDate, monthlyCost, type PayerType } from '../domain/funding.js';
import type { Program } from '../domain/worker.js';
import type { Actor } from '../db/tx.js';
import { billProgram } from '../modules/funding/billing/service.js';
import { recordPaymentAs } from '../modules/funding/payments/service.js';
import { loadSnapshot } from '../modules/funding/rates/queries.js';
import { SEED_PROVINCE } from './generate.js';

interface Payer {
  text: string;
  name: string;
  payerType: PayerType;
  region: string;
  segment: 'BPU' | 'PU';
  /** which villages' enrolments it pays for (by code prefix) */
  within: string;
  legal: [kind: string, number: string, date: string];
  /** months of 2025 (1–12) whose bills it pays in full; `short` pays 90 % of that month */
  pays: (month: number) => 'full' | 'short' | 'none';
  /** months it pays for in advance, keyed by the month the money arrives */
  prepays?: Record<number, number>;
}

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

export async function loadDemoFunding(db: Db, actor: Actor): Promise<{ programs: number; bills: number }> {
  const done = await db.selectFrom('funding_program').select('id').where('created_by', '=', actor.username).executeTakeFirst();
  if (done) return { programs: 0, bills: 0 };
  const texts = await sql<{ funding_source: string; segment: string; region: string; n: string }>`
    SELECT funding_source, segment, left(village_code, 5) AS region, count(*) AS n FROM enrolment
    WHERE funding_program_id IS NULL AND segment IN ('BPU', 'PU') AND funding_source <> ''
    GROUP BY 1, 2, 3 ORDER BY 3, 1, 2`.execute(db);
  const payers: Payer[] = [];
  const seen = new Set<string>();
  let danaDesa = 0;
  for (const t of texts.rows) {
    const segment = t.segment as 'BPU' | 'PU';
    const inBengkulu = t.region.startsWith(`${SEED_PROVINCE}.`);
    let p: Payer | undefined;
    if (t.funding_source.startsWith('APBD ') && inBengkulu) {
      p = { text: t.funding_source, name: `APBD Provinsi Bengkulu 2025${segment === 'PU' ? ' — Non-ASN' : ' — Pekerja Rentan'}`, payerType: 'APBD_PROVINSI', region: SEED_PROVINCE, segment, within: t.region, legal: ['Pergub', '7 Tahun 2025', '2025-01-06'], pays: (m) => (m === 11 ? 'short' : 'full') };
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
        pays: (m) => (subang ? (m <= 9 ? 'full' : 'none') : 'none'),
        ...(subang ? {} : { prepays: { 1: 6, 7: 6 } }),
      };
    } else if (t.funding_source === 'CSR (demo)' && t.region === '32.02') {
      p = { text: t.funding_source, name: 'CSR PT Semesta Demo Sejahtera 2025', payerType: 'CSR', region: '32.02', segment, within: '32.02', legal: ['Perjanjian Kerja Sama', 'PKS/01/CSR/2025', '2025-01-15'], pays: () => 'full' };
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
    const stops = danaDesa++ % 4 === 3; // every fourth village stops paying after August
    payers.push({ text: v.funding_source, name: v.funding_source, payerType: 'DANA_DESA', region: v.village_code, segment: 'BPU', within: v.village_code, legal: ['Perdes', `2 Tahun 2025`, '2025-01-20'], pays: (m) => (stops && m > 8 ? 'none' : 'full') });
  }

  let bills = 0;
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

    for (const m of MONTHS) {
      const month = `2025-${String(m).padStart(2, '0')}`;
      const ahead = p.prepays?.[m];
      if (ahead) {
        // six months at once: the money arrives before the bills and waits as credit
        const bill = await billProgram(db, actor, program, month);
        await recordPaymentAs(db, actor, program, { amount: bill.amount * ahead, paidOn: `${month}-05`, reference: `SP2D-${program.id}-${month}` });
        bills++;
        continue;
      }
      const bill = await billProgram(db, actor, program, month);
      bills++;
      const how = p.pays(m);
      if (how === 'none' || bill.outstanding <= 0) continue;
      const amount = how === 'short' ? Math.floor(bill.outstanding * 0.9) : bill.outstanding;
      await recordPaymentAs(db, actor, program, { amount, paidOn: dueDate(`${month}-01`).replace(/-\d\d$/, '-10'), reference: `TRF-${program.id}-${month}`, month });
    }
  }
  return { programs: payers.length, bills };
}
