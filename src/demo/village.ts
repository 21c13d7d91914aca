/**
 * The village operator's demo (issue 14): Desa Balingbing (Subang), the village of the demo account
 * `desa.balingbing`, gets a dozen synthetic workers (names from the demo's lists, NIKs in a block no
 * other demo person uses) paid by its own Dana Desa programme, so her home shows this month's bill,
 * last month's proof of payment, workers by status and a KPJ still awaited. The programme is made
 * like the other demo programmes (created by the demo actor, fiscal year 2025), so loadDemoFunding
 * renews, bills and pays it with the rest up to the current WIB month. Idempotent: nothing is added
 * when the programme exists, and people already present are kept (ON CONFLICT on the NIK).
 */
import { sql } from 'kysely';
import type { Db } from '../db/client.js';
import type { Actor } from '../db/tx.js';
import { monthlyCost } from '../domain/funding.js';
import { loadSnapshot } from '../modules/funding/rates/queries.js';

export const DEMO_VILLAGE = '32.13.28.2007';
/** loadDemoFunding tells its own first-year programmes from this one by the name. */
export const DEMO_VILLAGE_PROGRAMME = 'Dana Desa Balingbing 2025';
const PROGRAMME = DEMO_VILLAGE_PROGRAMME;
const PEOPLE: [name: string, sex: 'L' | 'P', birth: string, occupation: string, status: 'active' | 'submitted' | 'registered'][] = [
  ['Asep Supriatna', 'L', '1984-03-12', 'Petani', 'active'],
  ['Euis Rahmawati', 'P', '1990-07-21', 'Buruh tani', 'active'],
  ['Dedi Kurniawan', 'L', '1979-11-02', 'Peternak', 'active'],
  ['Siti Nurhayati', 'P', '1993-01-30', 'Pedagang kecil', 'active'],
  ['Ujang Saputra', 'L', '1988-05-17', 'Petani', 'active'],
  ['Rina Lestari', 'P', '1995-09-08', 'Buruh tani', 'active'],
  ['Agus Permana', 'L', '1982-12-25', 'Nelayan tambak', 'active'],
  ['Nining Maryani', 'P', '1986-04-14', 'Penjahit', 'active'],
  ['Iwan Gunawan', 'L', '1991-08-03', 'Ojek', 'registered'],
  ['Lilis Hidayat', 'P', '1997-02-19', 'Buruh tani', 'registered'],
  ['Cecep Supriatna', 'L', '1999-06-27', 'Petani', 'submitted'],
  ['Neng Rahmawati', 'P', '2000-10-11', 'Pedagang kecil', 'submitted'],
];

/** A NIK of district 32.13.28 with the birth date in digits 7–12 (women + 40 on the day) and a serial from 8001. */
function nikOf(i: number, sex: 'L' | 'P', birth: string): string {
  const [y, m, d] = birth.split('-');
  const day = Number(d) + (sex === 'P' ? 40 : 0);
  return `321328${String(day).padStart(2, '0')}${m}${y!.slice(2)}${String(8001 + i)}`;
}

export async function loadDemoVillage(db: Db, actor: Actor): Promise<{ workers: number }> {
  const village = await db.selectFrom('region').select('code').where('code', '=', DEMO_VILLAGE).executeTakeFirst();
  if (!village) return { workers: 0 };
  const done = await db.selectFrom('funding_program').select('id').where('created_by', '=', actor.username).where('name', '=', PROGRAMME).executeTakeFirst();
  if (done) return { workers: 0 };
  const rates = await loadSnapshot(db);
  const cost = monthlyCost(rates, { segment: 'BPU', programs: ['JKK', 'JKM'], income: 1_000_000, riskGroup: 1 }, '2025-01-01');
  return db.transaction().execute(async (tx) => {
    const p = await tx
      .insertInto('funding_program')
      .values({
        name: PROGRAMME,
        payer_type: 'DANA_DESA',
        region_code: DEMO_VILLAGE,
        fiscal_year: 2025,
        budget: Math.round(20 * (cost.ok ? cost.value : 16_800) * 12),
        quota: 20,
        segment: 'BPU',
        programs: ['JKK', 'JKM'],
        basis_income: 1_000_000,
        legal_kind: 'Perdes',
        legal_number: '2 Tahun 2025',
        legal_date: '2025-01-20',
        created_by: actor.username,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const rows = PEOPLE.map(([name, sex, birth, occupation, status], i) => ({ nik: nikOf(i, sex, birth), name, sex, birth, occupation, status, kpj: status === 'submitted' ? null : `2513${String(2800000 + i).padStart(7, '0')}` }));
    const col = <T>(f: (r: (typeof rows)[number]) => T) => rows.map(f);
    const r = await sql<{ id: number }>`
      WITH w AS (
        SELECT * FROM unnest(${col((x) => x.nik)}::text[], ${col((x) => x.name)}::text[], ${col((x) => x.birth)}::date[], ${col((x) => x.sex)}::text[],
                             ${col((x) => x.occupation)}::text[], ${col((x) => x.status)}::text[], ${col((x) => x.kpj)}::text[])
          AS t(nik, name, birth_date, sex, occupation, status, kpj)
      ), p AS (
        INSERT INTO person (nik, name, birth_date, sex, village_code, address, occupation)
        SELECT nik, name, birth_date, sex, ${DEMO_VILLAGE}, 'Dusun Balingbing RT 02/01', occupation FROM w
        ON CONFLICT (nik) DO NOTHING
        RETURNING id, nik
      ), e AS (
        INSERT INTO enrolment (person_id, segment, group_code, programs, declared_income, funding_source, funding_program_id, status, kpj, start_date, village_code)
        SELECT p.id, 'BPU', 'PEKERJA_RENTAN', ARRAY['JKK', 'JKM'], 1000000, ${PROGRAMME}, ${p.id}, w.status, w.kpj,
               CASE WHEN w.status = 'active' THEN date '2025-01-01' ELSE current_date END, ${DEMO_VILLAGE}
        FROM p JOIN w ON w.nik = p.nik
        RETURNING id, status
      )
      INSERT INTO enrolment_status_history (enrolment_id, status, changed_by, reason)
      SELECT id, status, ${actor.username}, 'demo' FROM e
      RETURNING enrolment_id AS id`.execute(tx);
    return { workers: r.rows.length };
  });
}
