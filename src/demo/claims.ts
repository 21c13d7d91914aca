/**
 * Demo claims (issue 17), clearly synthetic ("(Demo)" in every name, the heirs' data invented): a JKK
 * death of a Balingbing village official paid in full with its hand-over, an uncovered death in Subang
 * (the counter-example), and a work injury in Sukabumi waiting at BPJS TK. Dated relative to today (WIB)
 * so the demo stays current; added once (skipped when the demo actor already recorded claims).
 * Recorded through the claims service, so eligibility, the estimate and the registry consequences of a
 * death (enrolment ended, no re-enrolment) are the real ones.
 */
import { sql } from 'kysely';
import type { Db } from '../db/client.js';
import type { Actor } from '../db/tx.js';
import { addDays, todayWib } from '../domain/wib.js';
import { handOver, moveClaim, recordClaim } from '../modules/claims/service.js';
import { personForClaim } from '../modules/claims/queries.js';

const SIGNER = 'Sistem Demo Semesta';

async function demoPerson(db: Db, p: { nik: string; name: string; birth: string; sex: 'L' | 'P'; village: string; occupation: string }) {
  await db
    .insertInto('person')
    .values({ nik: p.nik, name: p.name, birth_date: p.birth, sex: p.sex, village_code: p.village, address: 'Alamat demo', occupation: p.occupation })
    .onConflict((oc) => oc.column('nik').doNothing())
    .execute();
  return (await personForClaim(db, (await db.selectFrom('person').select('id').where('nik', '=', p.nik).executeTakeFirstOrThrow()).id))!;
}

async function demoEnrolment(db: Db, personId: number, village: string, e: { group: 'PERANGKAT_DESA' | 'PEKERJA_RENTAN'; start: string; payer: string }) {
  const open = await db.selectFrom('enrolment').select('id').where('person_id', '=', personId).executeTakeFirst();
  if (open) return;
  const row = await db
    .insertInto('enrolment')
    .values({ person_id: personId, segment: 'BPU', group_code: e.group, programs: ['JKK', 'JKM'], declared_income: 1_000_000, funding_source: e.payer, status: 'active', start_date: e.start, village_code: village })
    .returning('id')
    .executeTakeFirstOrThrow();
  await sql`INSERT INTO enrolment_status_history (enrolment_id, status, changed_by, reason) VALUES (${row.id}, 'active', 'system:demo', 'demo')`.execute(db);
}

export async function loadDemoClaims(db: Db, actor: Actor): Promise<number> {
  const done = await db.selectFrom('claim_case').select('id').where('created_by', '=', actor.username).executeTakeFirst();
  if (done) return 0;
  const today = todayWib();
  const ago = (days: number) => addDays(today, -days);

  // 1. a covered village official of Balingbing (Subang), killed at work: paid in full, handed over by the regent
  const official = await demoPerson(db, { nik: '3213281203789901', name: 'Dadang Suhendar (Demo)', birth: '1978-03-12', sex: 'L', village: '32.13.28.2007', occupation: 'Kaur Pembangunan' });
  await demoEnrolment(db, official.id, official.village_code, { group: 'PERANGKAT_DESA', start: ago(800), payer: 'Dana Desa Balingbing (Demo)' });
  const paid = await recordClaim(db, actor, SIGNER, official, {
    personId: official.id,
    type: 'JKK_DEATH',
    incidentDate: ago(40),
    reportedOn: ago(39),
    incidentPlace: 'Saluran irigasi Dusun II (demo)',
    description: 'Data demo sintetis: tertimpa pohon saat memperbaiki saluran irigasi desa.',
    reportedBy: 'Sekdes Balingbing (Demo)',
    heirs: [{ name: 'Euis Komariah (Demo)', relation: 'istri', phone: '081200000001' }],
  });
  // the demo has no files on disk: its steps are recorded directly, as BPJS TK's letters would have them
  await sql`UPDATE claim_case SET step = 'verified', step_date = ${ago(20)}::date WHERE id = ${paid}`.execute(db);
  await sql`
    INSERT INTO claim_step (claim_id, from_step, step, step_date, note, by_username)
    VALUES (${paid}, 'reported', 'documents_complete', ${ago(33)}::date, 'Berkas lengkap (demo)', ${actor.username}),
           (${paid}, 'documents_complete', 'submitted', ${ago(31)}::date, 'Diantar ke KC BPJS TK Subang (demo)', ${actor.username}),
           (${paid}, 'submitted', 'verified', ${ago(20)}::date, 'Diverifikasi (demo)', ${actor.username})`.execute(db);
  const estimate = (await db.selectFrom('claim_case').select('estimate_total').where('id', '=', paid).executeTakeFirstOrThrow()).estimate_total;
  await moveClaim(db, actor, paid, { to: 'paid', paidAmount: estimate, date: ago(14), note: 'Ditransfer ke rekening ahli waris (demo)' });
  await handOver(db, actor, paid, { by: 'Bupati Subang (Demo)', place: 'Pendopo Kabupaten Subang', date: ago(10), note: 'Disaksikan camat dan kepala desa (demo)' });

  // 2. an uncovered death in Subang: recorded all the same, the benefit the family forwent
  const uncovered = await demoPerson(db, { nik: '3213282507859902', name: 'Ujang Rohmat (Demo)', birth: '1985-07-25', sex: 'L', village: '32.13.28.2003', occupation: 'Buruh tani' });
  await recordClaim(db, actor, SIGNER, uncovered, {
    personId: uncovered.id,
    type: 'JKM',
    incidentDate: ago(25),
    reportedOn: ago(22),
    description: 'Data demo sintetis: meninggal karena sakit; belum pernah terdaftar.',
    reportedBy: 'Kader desa (Demo)',
  });

  // 3. a work injury in Sukabumi, reported late (after 2 × 24 hours), waiting at BPJS TK
  const injured = await demoPerson(db, { nik: '3202014409909903', name: 'Rina Marlina (Demo)', birth: '1990-09-04', sex: 'P', village: '32.02.01.2002', occupation: 'Pemetik teh' });
  await demoEnrolment(db, injured.id, injured.village_code, { group: 'PEKERJA_RENTAN', start: ago(400), payer: 'APBD Kab. Sukabumi (Demo)' });
  const injury = await recordClaim(db, actor, SIGNER, injured, {
    personId: injured.id,
    type: 'JKK_INJURY',
    incidentDate: ago(12),
    reportedOn: ago(8),
    incidentPlace: 'Kebun teh (demo)',
    description: 'Data demo sintetis: terjatuh di lereng kebun, patah tulang lengan.',
    reportedBy: 'Operator Kabupaten Sukabumi (Demo)',
  });
  await sql`UPDATE claim_case SET step = 'submitted', step_date = ${ago(5)}::date WHERE id = ${injury}`.execute(db);
  await sql`
    INSERT INTO claim_step (claim_id, from_step, step, step_date, note, by_username)
    VALUES (${injury}, 'reported', 'documents_complete', ${ago(6)}::date, 'Berkas lengkap (demo)', ${actor.username}),
           (${injury}, 'documents_complete', 'submitted', ${ago(5)}::date, 'Diajukan (demo)', ${actor.username})`.execute(db);
  return 3;
}
