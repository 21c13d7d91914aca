import { sql } from 'kysely';
import type { SessionUser } from '../../access/session-user.js';
import type { Db } from '../../db/client.js';
import type { Tx } from '../../db/tx.js';
import { ADHOC_ROLE_LABELS, ADHOC_ROLES, parseAdhocRole } from '../../domain/jakon.js';
import { todayWib } from '../../domain/wib.js';
import { errors } from '../../lib/errors.js';
import type { ColumnSpec, SheetRow } from '../../lib/spreadsheet/read-rows.js';
import { cellText } from '../../lib/spreadsheet/values.js';
import { defineImportKind } from '../imports/kind.js';
import type { CommitOptions } from '../imports/schemas.js';
import { pickList, templateBook, withInstructions } from '../imports/template-kit.js';
import { regionIndex } from '../regions/region-index.js';
import { payerIndex } from '../../domain/payer.js';
import { activeFundingPrograms } from '../workers/queries.js';
import { checkFundingCapacity, fundingPreview } from '../workers/import/funding.js';
import { WORKER_COLUMNS } from '../workers/import/columns.js';
import { stageWorker, type StagedWorker, type WorkerImportContext } from '../workers/import/stage-row.js';
import { classifyAgainstRegistry, classifyRows, insertStagedRows } from '../workers/import/staging.js';

/** The worker columns (who they are, where they live) plus the ad hoc role and polling station. */
const IDENTITY = WORKER_COLUMNS.filter((c) => ['nik', 'name', 'birthDate', 'sex', 'villageCode', 'address', 'phone', 'occupation'].includes(c.key)).map((c) =>
  ['phone', 'occupation'].includes(c.key) ? { ...c, optional: true } : c,
);
export const COHORT_COLUMNS: ColumnSpec[] = [
  ...IDENTITY,
  { key: 'role', header: 'Jabatan', aliases: ['Jabatan Adhoc', 'Peran', 'Badan Adhoc'] },
  { key: 'pollingStation', header: 'TPS', aliases: ['No TPS', 'Nomor TPS', 'Lokasi Tugas'], optional: true },
];

/**
 * One row: the worker import's checks (NIK, birth date and sex, village, the uploader's region) with
 * the cohort's enrolment (BPU JKK + JKM, Badan Adhoc Pemilu), plus the role (required) and polling station.
 */
function stageCohortWorker(row: SheetRow, ctx: WorkerImportContext, scope: string): StagedWorker {
  const cells = { ...row.cells, segment: 'BPU', group: 'Badan Adhoc Pemilu', programs: 'JKK,JKM', income: undefined, fundingSource: undefined };
  const staged = stageWorker({ ...row, cells }, ctx, scope);
  const roleText = cellText(row.cells.role);
  const role = parseAdhocRole(roleText);
  const problems = [...staged.problems];
  if (!role) {
    problems.unshift({
      column: 'Jabatan',
      code: roleText ? 'ROLE_UNKNOWN' : 'ROLE_REQUIRED',
      id: roleText ? `Jabatan "${roleText}" tidak dikenal; pilih ${ADHOC_ROLES.map((r) => ADHOC_ROLE_LABELS[r]).join(', ')}.` : 'Jabatan wajib diisi (mis. KPPS, PPS, PTPS).',
      en: roleText ? `Unknown role "${roleText}"; choose ${ADHOC_ROLES.join(', ')}.` : 'The role is required (e.g. KPPS, PPS, PTPS).',
    });
  }
  const rejected = staged.outcome === 'rejected' || !role;
  return {
    ...staged,
    raw: row.cells,
    outcome: rejected ? 'rejected' : 'valid',
    problems,
    adhocRole: role ?? null,
    pollingStation: cellText(row.cells.pollingStation).slice(0, 60) || null,
  };
}

/** The cohort's programme on every valid row, so double funding is judged against that payer. */
async function applyCohort(db: Db | Tx, importId: number): Promise<void> {
  await sql`
    UPDATE import_row r SET funding_program_id = c.funding_program_id, funding_source = fp.name, declared_income = fp.basis_income
    FROM import_job j JOIN election_cohort c ON c.id = j.parent_id JOIN funding_program fp ON fp.id = c.funding_program_id
    WHERE j.id = ${importId} AND r.import_id = ${importId} AND r.outcome = 'valid'`.execute(db);
}

/** Refuses a commit into a cohort whose period is over (nothing left to cover). */
async function beforeCommit(db: Db, user: SessionUser, importId: number, options: CommitOptions) {
  const c = await db.selectFrom('import_job as j').innerJoin('election_cohort as c', 'c.id', 'j.parent_id').select(['c.end_date', 'c.ended_at']).where('j.id', '=', importId).executeTakeFirstOrThrow();
  if (c.ended_at || c.end_date < todayWib()) {
    throw errors.conflict('PERIOD_ENDED', { id: `Masa tugas kohort ini sudah berakhir pada ${c.end_date}; pekerja tidak bisa ditambahkan.`, en: `This cohort's period ended on ${c.end_date}; workers cannot be added.` });
  }
  await checkFundingCapacity(db, user, importId, options);
}

/**
 * New people, then one BPU enrolment per valid row, active from the cohort's start (or today, when added
 * later: never backdated) to its end, set-based. The partial unique indexes enrolment_open_* refuse
 * double funding that appeared since validation.
 */
async function commitCohortRows(tx: Tx, importId: number): Promise<Record<string, number>> {
  const today = todayWib();
  const people = await sql`
    INSERT INTO person (nik, name, birth_date, sex, village_code, address, phone, occupation)
    SELECT nik, name, birth_date, sex, village_code, address, phone, occupation
    FROM import_row WHERE import_id = ${importId} AND outcome = 'valid'
    ON CONFLICT (nik) DO NOTHING`.execute(tx);
  const enrolments = await sql`
    INSERT INTO enrolment (person_id, segment, group_code, programs, declared_income, funding_source, funding_program_id, village_code, import_id,
                           status, start_date, end_date, cohort_id, adhoc_role, polling_station)
    SELECT p.id, 'BPU', 'BADAN_ADHOC_PEMILU', ARRAY['JKK', 'JKM'], r.declared_income, r.funding_source, r.funding_program_id, p.village_code, ${importId},
           'active', GREATEST(c.start_date, ${today}::date), c.end_date, c.id, r.adhoc_role, r.polling_station
    FROM import_row r
    JOIN person p ON p.nik = r.nik
    JOIN import_job j ON j.id = r.import_id
    JOIN election_cohort c ON c.id = j.parent_id
    WHERE r.import_id = ${importId} AND r.outcome = 'valid'`.execute(tx);
  return { people: Number(people.numAffectedRows ?? 0), enrolments: Number(enrolments.numAffectedRows ?? 0) };
}

async function cohortTemplate(): Promise<Buffer> {
  const { wb, ws } = templateBook('Badan Adhoc', COHORT_COLUMNS, ['nik', 'villageCode', 'phone', 'birthDate', 'pollingStation']);
  ws.addRow({
    nik: '1701015505900001',
    name: 'CONTOH — Siti Aminah (hapus baris ini)',
    birthDate: '15/05/1990',
    sex: 'P',
    villageCode: '17.01.01.2001',
    address: 'Jl. Pasar Lama RT 02',
    phone: '081234567890',
    occupation: 'Guru honorer',
    role: 'KPPS',
    pollingStation: 'TPS 003',
  });
  pickList(ws, 'sex', ['L', 'P'], 'Isi L (laki-laki) atau P (perempuan).', 5000);
  pickList(ws, 'role', ADHOC_ROLES.map((r) => ADHOC_ROLE_LABELS[r]), 'Pilih jabatan dari daftar.', 5000);
  return withInstructions(wb, [
    'PETUNJUK PENGISIAN — Semesta, badan adhoc pemilu',
    '1. Satu baris per petugas. Jangan ubah judul kolom; urutan kolom boleh berbeda.',
    '2. NIK 16 digit sebagai teks; Tanggal Lahir dd/mm/yyyy sesuai NIK; Jenis Kelamin L atau P.',
    '3. Kode Desa: kode Kemendagri desa/kelurahan domisili, mis. 17.01.01.2001.',
    `4. Jabatan: ${ADHOC_ROLES.map((r) => ADHOC_ROLE_LABELS[r]).join(', ')}. TPS: nomor atau nama TPS/lokasi tugas (boleh kosong untuk PPK/PPS).`,
    '5. Semua petugas dilindungi JKK + JKM (BPU) selama masa tugas kohort, dibiayai program pendanaan kohort.',
    '6. Hapus baris contoh sebelum mengunggah.',
  ]);
}

/** Election ad hoc workers of one cohort (issue 18), uploaded at POST /api/cohorts/{id}/imports. */
export const cohortWorkerImport = defineImportKind<StagedWorker, WorkerImportContext>({
  key: 'cohort_workers',
  basePath: '/api/cohort-imports',
  uploadUnderParent: true,
  label: { id: 'badan-adhoc', en: 'ad hoc workers' },
  permissions: { read: 'worker:read', write: 'worker:write' },
  columns: COHORT_COLUMNS,
  textColumns: ['nik', 'villageCode', 'phone', 'pollingStation'],
  identityColumns: ['nik', 'name'],
  stagingTable: 'import_row',
  bulkTables: ['person', 'enrolment'],
  context: async (db) => ({ regions: await regionIndex(db), payers: payerIndex(await activeFundingPrograms(db)) }),
  stage: stageCohortWorker,
  insertStaged: insertStagedRows,
  async classify(db, importId) {
    await applyCohort(db, importId);
    await classifyRows(db, importId);
  },
  reclassify: classifyAgainstRegistry,
  preview: fundingPreview,
  beforeCommit,
  commit: (tx, importId) => commitCohortRows(tx, importId),
  parsedCells: (r) => ({
    nik: r.nik,
    name: r.name,
    birthDate: typeof r.birth_date === 'string' ? r.birth_date.split('-').reverse().join('/') : null,
    sex: r.sex,
    villageCode: r.village_code,
    address: r.address,
    phone: r.phone,
    occupation: r.occupation,
    role: r.adhoc_role,
    pollingStation: r.polling_station,
  }),
  template: cohortTemplate,
  staleConstraint: /enrolment_open_/,
});
