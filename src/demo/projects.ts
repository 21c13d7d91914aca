/**
 * Demo projects and election cohorts (issue 18), labelled synthetic ("sintetis") and current: a Dana
 * Desa road project in Desa Balingbing running this month (paid), a regency bridge project in Sukabumi
 * (the DOMAIN.md Rp2 billion example, partly paid), and the Pilkada 2024 KPPS cohort of Kab. Kaur
 * (Bengkulu), ended on 31/12/2024 — where the demo's scale holds Bengkulu's people. Idempotent: each is added only when its name is missing, so an existing
 * demo database gets them on its next start; workers are only enrolled when their person is new.
 */
import { sql } from 'kysely';
import type { Db } from '../db/client.js';
import type { Actor } from '../db/tx.js';
import { projectContribution, registrationDeadline, registrationWorkingDays } from '../domain/jakon.js';
import { todayWib } from '../domain/wib.js';
import { allocateProjectMoney, holidaySet } from '../modules/projects/queries.js';
import { loadSnapshot } from '../modules/funding/rates/queries.js';

const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const addMonths = (d: string, n: number) => {
  const [y, m] = [Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1 + n];
  return `${y + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-01`;
};

const NAMES = ['Asep', 'Ujang', 'Dedi', 'Cecep', 'Yayat', 'Entis', 'Siti', 'Euis', 'Rina', 'Nining'];

/** A programme the demo pays with: an existing one of that payer and region, else one of its own. */
async function programFor(db: Db, actor: Actor, p: { name: string; payerType: 'DANA_DESA' | 'APBD_KABKOTA' | 'APBD_PROVINSI'; region: string; year: number }) {
  const found = await db.selectFrom('funding_program').select('id').where('payer_type', '=', p.payerType).where('region_code', '=', p.region).where('segment', '=', 'BPU').where('status', '=', 'active').orderBy('id').executeTakeFirst();
  if (found) return found.id;
  return (await db
    .insertInto('funding_program')
    .values({ name: p.name, payer_type: p.payerType, region_code: p.region, fiscal_year: p.year, budget: 500_000_000, quota: 500, segment: 'BPU', programs: ['JKK', 'JKM'], created_by: actor.username })
    .returning('id')
    .executeTakeFirstOrThrow()).id;
}

/** People with NIKs in a serial range no other demo part uses (97xx), enrolled when new. */
async function enrolPeople(db: Db, village: string, nikPrefix: string, count: number, e: { segment: 'JAKON' | 'BPU'; group: string; start: string; end: string; status: 'active' | 'ended'; projectId?: number; cohortId?: number; programId?: number; source: string; role?: string }) {
  const rows = Array.from({ length: count }, (_, i) => {
    const day = String((i % 28) + 1).padStart(2, '0');
    return { nik: `${nikPrefix}${day}0688${String(9700 + i).padStart(4, '0')}`, name: `${NAMES[i % NAMES.length]} (sintetis) ${i + 1}`, birth: `1988-06-${day}` };
  });
  const { rows: ids } = await sql<{ id: number }>`
    WITH w AS (SELECT * FROM unnest(${rows.map((r) => r.nik)}::text[], ${rows.map((r) => r.name)}::text[], ${rows.map((r) => r.birth)}::date[]) AS t(nik, name, birth_date)),
    p AS (
      INSERT INTO person (nik, name, birth_date, sex, village_code, address, occupation)
      SELECT nik, name, birth_date, 'L', ${village}, 'Alamat sintetis', ${e.segment === 'JAKON' ? 'Tukang Bangunan' : 'Petugas KPPS'} FROM w
      ON CONFLICT (nik) DO NOTHING RETURNING id, village_code
    )
    INSERT INTO enrolment (person_id, segment, group_code, programs, declared_income, funding_source, funding_program_id, village_code, status, start_date, end_date,
                           project_id, cohort_id, adhoc_role, polling_station)
    SELECT p.id, ${e.segment}, ${e.group}, ARRAY['JKK', 'JKM'], ${e.segment === 'BPU' ? 1_000_000 : null}, ${e.source}, ${e.programId ?? null}::bigint, p.village_code, ${e.status},
           ${e.start}::date, ${e.end}::date, ${e.projectId ?? null}::bigint, ${e.cohortId ?? null}::bigint, ${e.role ?? null}, ${e.role ? 'TPS 00' + String(1 + (count % 9)) : null}
    FROM p RETURNING id`.execute(db);
  if (ids.length) {
    await sql`INSERT INTO enrolment_status_history (enrolment_id, status, changed_by, reason)
              SELECT id, status, 'system:demo', 'data demo sintetis' FROM enrolment WHERE id = ANY (${ids.map((r) => r.id)}::bigint[])`.execute(db);
  }
  return ids.length;
}

export async function loadDemoProjects(db: Db, actor: Actor, now = Date.now()): Promise<{ projects: number; cohorts: number }> {
  const today = todayWib(now);
  const year = Number(today.slice(0, 4));
  const snapshot = await loadSnapshot(db);
  const holidays = await holidaySet(db);
  const exists = async (table: 'project' | 'election_cohort', name: string) => Boolean(await db.selectFrom(table).select('id').where('name', '=', name).executeTakeFirst());
  let projects = 0;
  let cohorts = 0;

  const start = addMonths(today, -1);
  const specs = [
    { name: 'Jalan Desa Balingbing (sintetis)', village: '32.13.28.2007', owner: 'village' as const, executor: 'swakelola' as const, value: 350_000_000, payer: { name: 'Dana Desa Balingbing (sintetis)', payerType: 'DANA_DESA' as const, region: '32.13.28.2007', year }, nik: '321328', pay: 'all' },
    { name: 'Rehabilitasi Jembatan Cibadak, Dinas PUPR Kab. Sukabumi (sintetis)', village: '32.02.01.2002', owner: 'agency' as const, executor: 'contractor' as const, value: 2_000_000_000, payer: { name: 'APBD Kab. Sukabumi Jakon (sintetis)', payerType: 'APBD_KABKOTA' as const, region: '32.02', year }, nik: '320201', pay: 'part' },
  ];
  for (const s of specs) {
    if (await exists('project', s.name)) continue;
    const spk = addDays(start, -5);
    const end = addDays(addMonths(start, 4), -1);
    const priced = projectContribution(snapshot, { spkDate: spk, contractValue: s.value });
    if (!priced.ok) continue;
    const deadline = registrationDeadline(spk, holidays, registrationWorkingDays(snapshot, spk));
    const programId = await programFor(db, actor, s.payer);
    const program = await db.selectFrom('funding_program').select('name').where('id', '=', programId).executeTakeFirstOrThrow();
    const p = await db
      .insertInto('project')
      .values({ name: s.name, village_code: s.village, owner_type: s.owner, executor: s.executor, contractor_name: s.executor === 'contractor' ? 'CV Karya Sintetis' : '', contract_value: s.value, spk_date: spk, start_date: start, end_date: end, funding_program_id: programId, registration_deadline: deadline, registered_on: addDays(spk, 7), jkk: priced.value.jkk, jkm: priced.value.jkm, created_by: actor.username })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('project_bill')
      .values({ project_id: p.id, kind: 'initial', jkk: priced.value.jkk, jkm: priced.value.jkm, amount: priced.value.total, due_date: deadline, covers_until: end, basis: JSON.stringify({ contractValue: s.value, spkDate: spk, synthetic: true }), created_by: actor.username })
      .execute();
    await enrolPeople(db, s.village, s.nik, 8, { segment: 'JAKON', group: s.owner === 'village' ? 'KONSTRUKSI_DESA' : 'OTHER', start, end, status: 'active', projectId: p.id, source: program.name });
    const amount = s.pay === 'all' ? priced.value.total : Math.floor(priced.value.total / 2);
    await db.transaction().execute(async (tx) => {
      await tx.insertInto('project_payment').values({ project_id: p.id, amount, paid_on: addDays(spk, 8), reference: 'SP2D sintetis', created_by: actor.username }).execute();
      await allocateProjectMoney(tx, p.id);
    });
    projects++;
  }

  const kpps = 'KPPS Pilkada 2024 Kab. Kaur (sintetis)';
  // only where the demo's scale holds Bengkulu's people (the regency-scale demo is Sukabumi and Subang alone)
  const bengkulu = await db.selectFrom('person').select('id').where('village_code', '>=', '17.').where('village_code', '<', '17/').limit(1).executeTakeFirst();
  if (bengkulu && !(await exists('election_cohort', kpps))) {
    const programId = await programFor(db, actor, { name: 'APBD Provinsi Bengkulu badan adhoc (sintetis)', payerType: 'APBD_PROVINSI', region: '17', year: 2024 });
    const program = await db.selectFrom('funding_program').select('name').where('id', '=', programId).executeTakeFirstOrThrow();
    const c = await db
      .insertInto('election_cohort')
      .values({ name: kpps, organiser: 'KPU', region_code: '17.04', election: 'Pilkada Serentak 2024', stage: 'Pemungutan dan penghitungan suara', start_date: '2024-11-01', end_date: '2024-12-31', funding_program_id: programId, ended_at: new Date('2025-01-01T00:00:00+07:00'), created_by: actor.username })
      .returning('id')
      .executeTakeFirstOrThrow();
    const village = (await db.selectFrom('region').select('code').where('level', '=', 'village').where('code', '>=', '17.04.').where('code', '<', '17.04/').orderBy('code').executeTakeFirst())?.code;
    if (village) await enrolPeople(db, village, `${village.slice(0, 2)}${village.slice(3, 5)}${village.slice(6, 8)}`, 14, { segment: 'BPU', group: 'BADAN_ADHOC_PEMILU', start: '2024-11-01', end: '2024-12-31', status: 'ended', cohortId: c.id, programId, source: program.name, role: 'KPPS' });
    cohorts++;
  }
  return { projects, cohorts };
}
