import { sql } from 'kysely';
import type { Db } from '../../../db/client.js';
import { type Actor, recordAudit, type Tx } from '../../../db/tx.js';
import { isMonth, monthStart } from '../../../domain/funding.js';
import { todayWib } from '../../../domain/wib.js';
import { AppError } from '../../../lib/errors.js';
import type { ColumnSpec, SheetRow } from '../../../lib/spreadsheet/read-rows.js';
import { cellText, parseDate, parseRupiah } from '../../../lib/spreadsheet/values.js';
import { defineImportKind, type ImportProblem, type StagedRow } from '../../imports/kind.js';
import { refuseRowsOutsideRegion } from '../../imports/scope.js';
import { templateBook, withInstructions } from '../../imports/template-kit.js';
import { evaluateLapses } from './lapses.js';
import { allocate } from './queries.js';

/**
 * A bank or BPJS TK statement (.xlsx/.csv) as an import kind (issue 12; decision 100): each row a payment
 * for a funding programme (by its id), matched to a month's bill when given. Validation stages and checks
 * the rows (programme in the uploader's region, amount, date, month, the reference not recorded before);
 * the commit records the valid rows set-based, applies them in row order (a running balance: decision 30),
 * re-evaluates lapses of each programme touched, and audits one import_payments row per programme.
 */
const formatCount = (n: number, lang: 'id' | 'en') => n.toLocaleString(lang === 'id' ? 'id-ID' : 'en-US');

const COLUMNS: ColumnSpec[] = [
  { key: 'program', header: 'ID Program', aliases: ['Program', 'Kode Program', 'Program ID'] },
  { key: 'month', header: 'Bulan', aliases: ['Bulan Tagihan', 'Periode', 'Month'], optional: true },
  { key: 'paidOn', header: 'Tanggal Bayar', aliases: ['Tanggal', 'Tgl Bayar', 'Tanggal Transaksi', 'Date'] },
  { key: 'amount', header: 'Jumlah', aliases: ['Nominal', 'Jumlah (Rp)', 'Kredit', 'Amount'] },
  { key: 'reference', header: 'Referensi', aliases: ['No Referensi', 'Keterangan', 'Reference'], optional: true },
];

/** Applying a payment is a running balance, one payment after another: a statement is bounded to keep a commit short. */
export const MAX_STATEMENT_PAYMENTS = 10_000;

export interface StagedPayment extends StagedRow {
  programId: number | null;
  month: string | null;
  paidOn: string | null;
  amount: number | null;
  reference: string | null;
}

/** "Bulan" as YYYY-MM; MM/YYYY and a month Excel turned into a date are read as that month. */
function monthText(v: unknown): string {
  if (v instanceof Date && !Number.isNaN(v.getTime())) return `${v.getUTCFullYear()}-${String(v.getUTCMonth() + 1).padStart(2, '0')}`;
  return cellText(v).replace(/^(\d{1,2})[/-](\d{4})$/, (_m, mm: string, yyyy: string) => `${yyyy}-${mm.padStart(2, '0')}`);
}

export function stagePayment(row: SheetRow): StagedPayment {
  const c = row.cells;
  const problems: ImportProblem[] = [];
  const programText = cellText(c.program);
  const programId = /^\s*\d{1,15}\s*$/.test(programText) ? Number(programText) : NaN;
  if (!Number.isSafeInteger(programId) || programId <= 0) {
    problems.push({ column: 'ID Program', code: 'PROGRAM_ID_INVALID', id: `ID program "${programText}" harus angka (lihat halaman program).`, en: `Programme id "${programText}" must be a number (see the programme's page).` });
  }
  const amount = parseRupiah(c.amount);
  if (typeof amount !== 'number' || amount <= 0 || amount > 1e13) {
    problems.push({ column: 'Jumlah', code: 'AMOUNT_INVALID', id: `Jumlah "${cellText(c.amount)}" bukan angka rupiah lebih dari 0.`, en: `Amount "${cellText(c.amount)}" is not an amount in rupiah above 0.` });
  }
  const date = parseDate(c.paidOn);
  if ('error' in date) {
    problems.push({ column: 'Tanggal Bayar', code: 'PAID_ON_INVALID', id: `Tanggal bayar "${cellText(c.paidOn)}" tidak valid (dd/mm/yyyy).`, en: `Payment date "${cellText(c.paidOn)}" is not valid (dd/mm/yyyy).` });
  }
  const month = monthText(c.month);
  if (month && !isMonth(month)) {
    problems.push({ column: 'Bulan', code: 'MONTH_INVALID', id: `Bulan "${month}" harus YYYY-MM atau MM/YYYY.`, en: `Month "${month}" must be YYYY-MM or MM/YYYY.` });
  }
  const reference = cellText(c.reference);
  if (reference.length > 200) problems.push({ column: 'Referensi', code: 'REFERENCE_TOO_LONG', id: 'Referensi paling panjang 200 karakter.', en: 'The reference is at most 200 characters long.' });
  const ok = problems.length === 0;
  return {
    rowNumber: row.rowNumber,
    raw: c,
    outcome: ok ? 'valid' : 'rejected',
    problems,
    programId: ok ? programId : null,
    month: ok && month ? monthStart(month) : null,
    paidOn: ok && 'date' in date ? date.date : null,
    amount: ok ? (amount as number) : null,
    reference: ok ? reference : null,
  };
}

async function insertStaged(db: Db, importId: number, rows: StagedPayment[]) {
  if (rows.length === 0) return;
  const col = <T>(f: (r: StagedPayment) => T) => rows.map(f);
  await sql`
    INSERT INTO payment_import_row (import_id, row_number, raw, outcome, problems, funding_program_id, month, paid_on, amount, reference)
    SELECT ${importId}, t.row_number, t.raw::jsonb, t.outcome, t.problems::jsonb, t.program_id, t.month::date, t.paid_on::date, t.amount, t.reference
    FROM unnest(${col((r) => r.rowNumber)}::int[], ${col((r) => (r.outcome === 'valid' ? null : JSON.stringify(r.raw)))}::text[],
                ${col((r) => r.outcome)}::text[], ${col((r) => (r.problems.length ? JSON.stringify(r.problems) : null))}::text[],
                ${col((r) => r.programId)}::bigint[], ${col((r) => r.month)}::text[], ${col((r) => r.paidOn)}::text[],
                ${col((r) => r.amount)}::bigint[], ${col((r) => r.reference)}::text[])
      AS t(row_number, raw, outcome, problems, program_id, month, paid_on, amount, reference)`.execute(db);
}

const problem = (column: string, code: string, id: ReturnType<typeof sql>, en: ReturnType<typeof sql>) =>
  sql`jsonb_build_array(jsonb_build_object('column', ${column}::text, 'code', ${code}::text, 'id', ${id}, 'en', ${en}))`;

/** The same words for a programme outside the region and one that does not exist: the report tells nothing about other regions. */
const PROGRAM_ELSEWHERE = {
  id: 'Program ini tidak dikenal atau di luar wilayah Anda; hanya program di wilayah Anda yang bisa dibayar lewat impor.',
  en: 'This programme is unknown or outside your region; only programmes in your region can be paid through an import.',
};

/**
 * The rows checked against what is stored, set-based: a programme outside the uploader's region (the one
 * scope rule, src/modules/imports/scope.ts) or unknown, and a reference this programme already recorded.
 * Run at validation and again inside the commit transaction.
 */
async function classifyStored(db: Db | Tx, importId: number) {
  await refuseRowsOutsideRegion(db, { stagingTable: 'payment_import_row' }, importId, {
    storedRegions: sql`SELECT fp.region_code FROM funding_program fp WHERE fp.id = r.funding_program_id`,
    column: 'ID Program',
    reason: PROGRAM_ELSEWHERE,
  });
  await sql`
    UPDATE payment_import_row r SET outcome = 'rejected',
      problems = coalesce(r.problems, '[]'::jsonb) || ${problem('ID Program', 'PROGRAM_UNKNOWN', sql`${PROGRAM_ELSEWHERE.id}::text`, sql`${PROGRAM_ELSEWHERE.en}::text`)}
    WHERE r.import_id = ${importId} AND r.outcome = 'valid' AND NOT EXISTS (SELECT 1 FROM funding_program fp WHERE fp.id = r.funding_program_id)`.execute(db);
  await sql`
    UPDATE payment_import_row r SET outcome = 'already_registered',
      problems = coalesce(r.problems, '[]'::jsonb) || ${problem('Referensi', 'PAYMENT_DUPLICATE', sql`'Pembayaran dengan referensi "' || r.reference || '" sudah tercatat untuk program ini.'`, sql`'A payment with reference "' || r.reference || '" is already recorded for this programme.'`)}
    WHERE r.import_id = ${importId} AND r.outcome = 'valid' AND r.reference <> ''
      AND EXISTS (SELECT 1 FROM payment p WHERE p.funding_program_id = r.funding_program_id AND p.reference = r.reference)`.execute(db);
}

async function classify(db: Db | Tx, importId: number) {
  await classifyStored(db, importId);
  // the same programme and reference twice in the file: one bank line, recorded once
  await sql`
    UPDATE payment_import_row r SET outcome = 'duplicate_in_file',
      problems = coalesce(r.problems, '[]'::jsonb) || ${problem('Referensi', 'DUPLICATE_IN_FILE', sql`'Program dan referensi yang sama sudah ada di baris ' || d.first_row || ' berkas ini.'`, sql`'The same programme and reference is already on row ' || d.first_row || ' of this file.'`)}
    FROM (SELECT funding_program_id, reference, min(row_number) AS first_row FROM payment_import_row
          WHERE import_id = ${importId} AND outcome = 'valid' AND reference <> '' GROUP BY 1, 2 HAVING count(*) > 1) d
    WHERE r.import_id = ${importId} AND r.outcome = 'valid' AND r.funding_program_id = d.funding_program_id AND r.reference = d.reference AND r.row_number > d.first_row`.execute(db);
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM payment_import_row WHERE import_id = ${importId} AND outcome = 'valid'`.execute(db);
  const n = rows[0]?.n ?? 0;
  if (n > MAX_STATEMENT_PAYMENTS) {
    throw new AppError(422, 'PAYMENT_FILE_TOO_MANY', {
      id: `Berkas berisi ${formatCount(n, 'id')} pembayaran yang valid; paling banyak ${formatCount(MAX_STATEMENT_PAYMENTS, 'id')} per berkas. Pecah menjadi beberapa berkas.`,
      en: `The file holds ${formatCount(n, 'en')} valid payments; at most ${formatCount(MAX_STATEMENT_PAYMENTS, 'en')} per file. Split it into several files.`,
    }, 'file');
  }
}

/** The valid rows recorded, applied one after another in row order, lapses re-evaluated, one audit row per programme. */
async function commit(tx: Tx, importId: number, actor: Actor) {
  const job = await tx.selectFrom('import_job').select('filename').where('id', '=', importId).executeTakeFirstOrThrow();
  const inserted = await sql<{ id: number; funding_program_id: number; paid_on: string; bill_id: number | null; amount: number }>`
    INSERT INTO payment (funding_program_id, amount, paid_on, reference, bill_id, source, source_file, created_by)
    SELECT s.funding_program_id, s.amount, s.paid_on, s.reference,
      (SELECT b.id FROM bill b WHERE b.funding_program_id = s.funding_program_id AND b.month = s.month), 'import', ${job.filename}, ${actor.username}
    FROM payment_import_row s WHERE s.import_id = ${importId} AND s.outcome = 'valid' ORDER BY s.row_number
    ON CONFLICT (funding_program_id, reference) WHERE reference <> '' DO NOTHING
    RETURNING id, funding_program_id, paid_on::text AS paid_on, bill_id, amount`.execute(tx);
  const payments = inserted.rows.map((p) => ({ ...p, id: Number(p.id), funding_program_id: Number(p.funding_program_id), amount: Number(p.amount) })).sort((a, b) => a.id - b.id);
  const out = { recorded: payments.length, amount: 0, linesPaid: 0, lapsed: 0, reactivated: 0 };
  const perProgram = new Map<number, { recorded: number; amount: number }>();
  for (const p of payments) {
    const applied = await allocate(tx, p.funding_program_id, p.paid_on, p.id, p.bill_id);
    out.amount += p.amount;
    out.linesPaid += applied.linesPaid;
    const m = perProgram.get(p.funding_program_id) ?? { recorded: 0, amount: 0 };
    perProgram.set(p.funding_program_id, { recorded: m.recorded + 1, amount: m.amount + p.amount });
  }
  const asOf = todayWib();
  for (const programId of perProgram.keys()) {
    const l = await evaluateLapses(tx, actor, programId, asOf);
    out.lapsed += l.lapsed;
    out.reactivated += l.reactivated;
  }
  if (perProgram.size > 0) {
    const regions = await tx.selectFrom('funding_program').select(['id', 'region_code']).where('id', 'in', [...perProgram.keys()]).execute();
    await recordAudit(
      tx,
      actor,
      regions.map((r) => ({ action: 'import_payments', entityType: 'funding_program', entityId: String(r.id), regionCode: r.region_code, before: null, after: { file: job.filename, importId, ...perProgram.get(Number(r.id)) } })),
    );
  }
  return out;
}

export const paymentImport = defineImportKind<StagedPayment, null>({
  key: 'payments',
  basePath: '/api/payment-imports',
  movedFrom: '/api/payments/import',
  label: { id: 'pembayaran', en: 'payments' },
  permissions: { read: 'payment:write', write: 'payment:write' },
  columns: COLUMNS,
  textColumns: ['program', 'month', 'reference'],
  identityColumns: ['program', 'reference'],
  stagingTable: 'payment_import_row',
  context: async () => null,
  stage: stagePayment,
  insertStaged,
  classify,
  reclassify: classifyStored,
  commit,
  parsedCells: (r) => ({
    program: r.funding_program_id,
    month: typeof r.month === 'string' ? r.month.slice(0, 7) : null,
    paidOn: r.paid_on,
    amount: r.amount,
    reference: r.reference,
  }),
  async template() {
    const { wb, ws } = templateBook('Pembayaran', COLUMNS, ['program', 'month', 'reference']);
    ws.addRow({ program: '12', month: '2025-06', paidOn: '20/06/2025', amount: 16_800, reference: 'SP2D 900/2025' });
    ws.getColumn('reference').width = 30;
    return withInstructions(wb, [
      'PETUNJUK — impor pembayaran dari rekening koran atau laporan BPJS Ketenagakerjaan',
      '1. Satu baris per pembayaran: ID Program (angka di halaman program), Tanggal Bayar (dd/mm/yyyy) dan Jumlah dalam rupiah (mis. 16.800).',
      '2. Bulan (YYYY-MM atau MM/YYYY) boleh kosong: bila diisi, tagihan bulan itu dibayar lebih dahulu; bila belum ditagih, uangnya menjadi saldo.',
      '3. Referensi (nomor SP2D atau transaksi) mencegah pembayaran yang sama tercatat dua kali untuk program yang sama.',
      `4. Program harus di dalam wilayah kerja Anda. Paling banyak ${formatCount(MAX_STATEMENT_PAYMENTS, 'id')} pembayaran per berkas.`,
      '5. Pembayaran membayar baris tagihan utuh, tertua lebih dahulu; sisanya menjadi saldo. Hapus baris contoh sebelum mengunggah.',
    ]);
  },
  staleConstraint: /(?!)/, // a reference recorded meanwhile is skipped (ON CONFLICT DO NOTHING), never a failed commit
});
