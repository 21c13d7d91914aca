import { sql } from 'kysely';
import type { Tx } from '../db/tx.js';
import { regionMeasures } from '../modules/coverage/queries.js';
import { SEGMENTS } from '../domain/worker.js';
import type { DemoWorker } from './generate.js';

/**
 * Demo coverage: gives the demo enrolments a history (start dates spread over January 2024 – June
 * 2025, lapses with an end date) and writes synthetic employed-population figures and targets
 * CALIBRATED to the seed percentages at period 2025-06, given however many demo workers there are:
 * a region's denominator is its active demo participants ÷ the seed percentage. The figures are
 * therefore tiny (hundreds, not millions) and say so in their source text.
 *
 *   national 39 % (seed 004) · Prov. Bengkulu 37 %, Kab. Kaur 75 % highest, Kab. Lebong 17 % lowest
 *   (the other Bengkulu regencies share the rest so the province stays at 37 %) · Kab. Sukabumi 41 %.
 */
export const DEMO_COVERAGE_PERIOD = '2025-06';
const SOURCE = 'DATA DEMO SINTETIS — dikalibrasi ke angka seed / synthetic, calibrated to the seed figures';

/** Seed percentages for 2025-06 that the demo reproduces (a missing region gets no denominator). */
export const DEMO_COVERAGE_PCT: Record<string, number> = {
  ID: 39,
  '17': 37,
  '17.04': 75, // Kaur, highest
  '17.07': 17, // Lebong, lowest
  '32': 40,
  '32.02': 41,
  '32.13': 35,
};

const DEMO_TARGETS: [code: string, year: number, pct: number, source: string][] = [
  ['ID', 2025, 32.15, 'RPJMN 2025–2029 (target nasional 2025)'],
  ['ID', 2024, 30, 'DATA DEMO SINTETIS'],
  ['17', 2025, 40, 'DATA DEMO SINTETIS'],
  ['32.02', 2025, 45, 'DATA DEMO SINTETIS'],
  ['32.13', 2025, 40, 'DATA DEMO SINTETIS'],
];

export async function loadDemoCoverage(tx: Tx, workers: DemoWorker[]): Promise<{ denominators: number }> {
  if (workers.length === 0) return { denominators: 0 };
  const niks = workers.map((w) => w.nik);
  // A deterministic spread from the NIK: start within Jan 2024 – Jun 2025; lapsed ones stop 3–9 months later.
  await sql`
    WITH h AS (
      SELECT e.id, abs(('x' || substr(md5(p.nik), 1, 8))::bit(32)::int) AS n
      FROM enrolment e JOIN person p ON p.id = e.person_id
      WHERE p.nik = ANY (${niks}::text[]) AND e.import_id IS NULL
    )
    UPDATE enrolment e
    SET start_date = date '2024-01-01' + (h.n % 546),
        end_date = CASE WHEN e.status = 'lapsed'
                        THEN least(date '2024-01-01' + (h.n % 546) + 90 + (h.n / 546) % 180, date '2025-06-30') END
    FROM h WHERE h.id = e.id`.execute(tx);

  const regencies = (await tx.selectFrom('region').select('code').where('parent_code', '=', '17').orderBy('code').execute()).map((r) => r.code);
  const withWorkers = new Set(workers.map((w) => w.villageCode.slice(0, 5)));
  const pct = { ...DEMO_COVERAGE_PCT };
  const segments = [...SEGMENTS];
  const active = async (code: string) => {
    const level = code === 'ID' ? 0 : code.split('.').length;
    return (await regionMeasures(tx, code, level, DEMO_COVERAGE_PERIOD, segments)).active;
  };
  const den = new Map<string, number>();
  for (const [code, p] of Object.entries(pct)) {
    const a = await active(code);
    if (a > 0 && (code.length <= 2 || withWorkers.has(code))) den.set(code, Math.round((a * 100) / p));
  }
  // The other Bengkulu regencies split what is left of the province's denominator, unevenly but
  // between Lebong and Kaur, so the province total is 37 % and the extremes stay the extremes.
  if (den.has('17')) {
    const others = regencies.filter((c) => !(c in pct) && withWorkers.has(c));
    const actives = await Promise.all(others.map(active));
    const rest = den.get('17')! - (den.get('17.04') ?? 0) - (den.get('17.07') ?? 0);
    const weights = actives.map((a, i) => a * (1 + 0.35 * Math.sin(i * 2.1)));
    const sum = weights.reduce((s, w) => s + w, 0);
    others.forEach((c, i) => {
      if (actives[i]! > 0 && rest > 0) den.set(c, Math.max(actives[i]! + 1, Math.round((rest * weights[i]!) / sum)));
    });
  }
  const rows = [...den].map(([code, total]) => ({ region_code: code, year: 2025, total, source: SOURCE, updated_by: 'system:demo' }));
  if (rows.length > 0) await tx.insertInto('employed_population').values(rows).onConflict((oc) => oc.doNothing()).execute();
  await tx
    .insertInto('coverage_target')
    .values(DEMO_TARGETS.map(([region_code, year, target_pct, source]) => ({ region_code, year, target_pct, source, updated_by: 'system:demo' })))
    .onConflict((oc) => oc.doNothing())
    .execute();
  return { denominators: rows.length };
}
