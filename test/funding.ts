import type { Kysely } from 'kysely';
import type { Database } from '../src/db/schema.js';
import type { EnrolmentStatus, Program, Segment } from '../src/domain/worker.js';

let nik = 5000;

/** People and enrolments written straight to the tables: billing only reads them. */
export async function enrol(db: Kysely<Database>, programId: number, e: { segment: Segment; programs: Program[]; income?: number | null; status?: EnrolmentStatus; start?: string; village?: string }) {
  const village = e.village ?? '32.02.01.2002';
  const p = await db
    .insertInto('person')
    .values({ nik: `320201150590${String(++nik).padStart(4, '0')}`, name: 'Pekerja Tagihan', birth_date: '1990-05-15', sex: 'L', village_code: village, address: '' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const row = await db
    .insertInto('enrolment')
    .values({
      person_id: p.id,
      segment: e.segment,
      group_code: e.segment === 'PU' ? 'NON_ASN' : 'PEKERJA_RENTAN',
      programs: e.programs,
      declared_income: e.income ?? null,
      funding_source: 'uji',
      funding_program_id: programId,
      status: e.status ?? 'active',
      start_date: e.start ?? '2025-01-01',
      village_code: village,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

