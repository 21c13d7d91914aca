/**
 * The employer half of a spreadsheet import, shaped to plug into the shared import machinery
 * (src/modules/imports: upload → background validation → preview → atomic commit → error report),
 * which today knows only workers. Columns, per-row staging with the same checkEmployer() as the form,
 * set-based classification and the commit live here; the job, progress, report and routes stay there.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/client.js';
import { parseSizeClass, checkEmployer } from '../../domain/employer.js';
import { inSubtree } from '../../domain/region-code.js';
import type { FieldProblem } from '../../domain/worker.js';
import type { ColumnSpec, SheetRow } from '../../lib/spreadsheet/read-rows.js';
import { cellText, parseList, parseRupiah } from '../../lib/spreadsheet/values.js';
import type { Tx } from '../audit/record.js';
import { reassess } from './assess.js';

export const EMPLOYER_COLUMNS: ColumnSpec[] = [
  { key: 'name', header: 'Nama Perusahaan', aliases: ['Nama', 'Nama Pemberi Kerja'] },
  { key: 'npp', header: 'NPP', aliases: ['No NPP', 'Nomor NPP'] },
  { key: 'nib', header: 'NIB', aliases: ['No NIB', 'Nomor Induk Berusaha'] },
  { key: 'sector', header: 'Sektor', aliases: ['Bidang Usaha', 'KBLI'] },
  { key: 'sizeClass', header: 'Skala Usaha', aliases: ['Skala', 'Ukuran Usaha'] },
  { key: 'villageCode', header: 'Kode Desa', aliases: ['Kode Kelurahan', 'Kode Desa/Kelurahan', 'Kode Wilayah'] },
  { key: 'address', header: 'Alamat' },
  { key: 'employeesDeclared', header: 'Pekerja Dilaporkan (WLKP)', aliases: ['Pekerja Dilaporkan', 'Jumlah Pekerja', 'Tenaga Kerja WLKP'] },
  { key: 'workersRegistered', header: 'Pekerja Terdaftar BPJS TK', aliases: ['Pekerja Terdaftar', 'Tenaga Kerja Terdaftar'] },
  { key: 'wageReported', header: 'Upah Dilaporkan (Rp)', aliases: ['Upah Dilaporkan', 'Upah BPJS'] },
  { key: 'wageActual', header: 'Upah Sebenarnya (Rp)', aliases: ['Upah Sebenarnya', 'Upah Riil'] },
  { key: 'programs', header: 'Program', aliases: ['Program Terdaftar'] },
];

const FIELD_COLUMN: Record<string, string> = Object.fromEntries(EMPLOYER_COLUMNS.map((c) => [c.key, c.header]));

export interface StagedEmployerRow {
  rowNumber: number;
  raw: Record<string, unknown>;
  outcome: 'valid' | 'rejected';
  problems: { column: string; code: string; id: string; en: string }[];
  name: string;
  npp: string | null;
  nib: string | null;
  sector: string;
  sizeClass: string | null;
  villageCode: string;
  address: string;
  employeesDeclared: number | null;
  workersRegistered: number | null;
  wageReported: number | null;
  wageActual: number | null;
  programs: string[];
}

const count = (v: unknown): number | null | 'invalid' => {
  const r = parseRupiah(v);
  return r === 'invalid' ? 'invalid' : r;
};
const toProblem = (p: FieldProblem) => ({ column: FIELD_COLUMN[p.field] ?? p.field, code: p.code, id: p.message.id, en: p.message.en });

/** One row, checked exactly as the form checks it, plus the uploader's scope. Pure. */
export function stageEmployerRow(row: SheetRow, villageExists: (code: string) => boolean, scope: string): StagedEmployerRow {
  const c = row.cells;
  const text = (k: string) => cellText(c[k]);
  const candidate = {
    name: text('name'),
    npp: text('npp') || null,
    nib: text('nib').replace(/\s/g, '') || null,
    sizeClass: parseSizeClass(text('sizeClass')),
    villageCode: text('villageCode'),
    employeesDeclared: count(c.employeesDeclared),
    workersRegistered: count(c.workersRegistered) ?? 0,
    wageReported: parseRupiah(c.wageReported),
    wageActual: parseRupiah(c.wageActual),
    programs: parseList(c.programs),
  };
  const problems = checkEmployer(candidate, villageExists).map(toProblem);
  if (!problems.some((p) => p.code.startsWith('VILLAGE')) && !inSubtree(scope, candidate.villageCode)) {
    problems.push({ column: FIELD_COLUMN.villageCode!, code: 'OUT_OF_SCOPE', id: `Desa ${candidate.villageCode} di luar wilayah kerja Anda.`, en: `Village ${candidate.villageCode} is outside your region.` });
  }
  const num = (v: number | null | 'invalid') => (v === 'invalid' ? null : v);
  return {
    rowNumber: row.rowNumber,
    raw: c,
    outcome: problems.length ? 'rejected' : 'valid',
    problems,
    name: candidate.name,
    npp: candidate.npp,
    nib: candidate.nib,
    sector: text('sector'),
    sizeClass: candidate.sizeClass ?? null,
    villageCode: candidate.villageCode,
    address: text('address'),
    employeesDeclared: num(candidate.employeesDeclared),
    workersRegistered: num(candidate.workersRegistered),
    wageReported: num(candidate.wageReported),
    wageActual: num(candidate.wageActual),
    programs: candidate.programs,
  };
}

export async function insertStagedEmployers(db: Db | Tx, importId: number, rows: StagedEmployerRow[]) {
  if (rows.length === 0) return;
  await db
    .insertInto('employer_import_row')
    .values(
      rows.map((r) => ({
        import_id: importId,
        row_number: r.rowNumber,
        raw: JSON.stringify(r.raw),
        outcome: r.outcome,
        problems: r.problems.length ? JSON.stringify(r.problems) : null,
        name: r.name,
        npp: r.npp,
        nib: r.nib,
        sector: r.sector,
        size_class: r.sizeClass,
        village_code: r.villageCode,
        address: r.address,
        employees_declared: r.employeesDeclared,
        workers_registered: r.workersRegistered,
        wage_reported: r.wageReported,
        wage_actual: r.wageActual,
        programs: r.programs,
      })),
    )
    .execute();
}

/**
 * Set-based, after staging: a later row repeating an NPP or NIB of an earlier valid row is a duplicate
 * in the file; a row whose NPP or NIB an employer already has is already registered (corrections go
 * through the form, which keeps the before/after audit).
 */
export async function classifyEmployerRows(db: Db | Tx, importId: number) {
  await sql`
    UPDATE employer_import_row r SET outcome = 'duplicate_in_file'
    WHERE r.import_id = ${importId} AND r.outcome = 'valid' AND EXISTS (
      SELECT 1 FROM employer_import_row o
      WHERE o.import_id = r.import_id AND o.row_number < r.row_number AND o.outcome = 'valid'
        AND ((r.npp IS NOT NULL AND o.npp = r.npp) OR (r.nib IS NOT NULL AND o.nib = r.nib)))`.execute(db);
  await sql`
    UPDATE employer_import_row r SET outcome = 'already_registered'
    WHERE r.import_id = ${importId} AND r.outcome = 'valid' AND EXISTS (
      SELECT 1 FROM employer e WHERE (r.npp IS NOT NULL AND e.npp = r.npp) OR (r.nib IS NOT NULL AND e.nib = r.nib))`.execute(db);
}

export async function countEmployerOutcomes(db: Db | Tx, importId: number): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('employer_import_row')
    .select(['outcome', (eb) => eb.fn.countAll<number>().as('n')])
    .where('import_id', '=', importId)
    .groupBy('outcome')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.outcome, Number(r.n)]));
}

/** Inside the caller's transaction: every valid row becomes an employer, assessed at once. */
export async function commitEmployerRows(tx: Tx, importId: number): Promise<{ employers: number }> {
  const inserted = await sql<{ id: number; village_code: string }>`
    INSERT INTO employer (name, npp, nib, sector, size_class, village_code, address, employees_declared, workers_registered, wage_reported, wage_actual, programs)
    SELECT name, npp, nib, coalesce(sector, ''), size_class, village_code, coalesce(address, ''), employees_declared, coalesce(workers_registered, 0),
           wage_reported, wage_actual, coalesce(programs, '{}')
    FROM employer_import_row WHERE import_id = ${importId} AND outcome = 'valid'
    ORDER BY row_number
    RETURNING id, village_code`.execute(tx);
  await reassess(tx, { ids: inserted.rows.map((r) => r.id) });
  return { employers: inserted.rows.length };
}

/** The employer template: headers in order, NPP/NIB/codes as text (Excel would mangle 13-digit NIBs), one sample row. */
export async function employerTemplate(): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Semesta';
  const ws = wb.addWorksheet('Data Perusahaan', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = EMPLOYER_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: Math.max(14, c.header.length + 4) }));
  ws.getRow(1).font = { bold: true };
  for (const key of ['npp', 'nib', 'villageCode']) ws.getColumn(key).numFmt = '@';
  ws.addRow({
    name: 'CONTOH — PT Sukabumi Garmen Lestari (hapus baris ini)',
    npp: '12345678',
    nib: '9120001234567',
    sector: 'Garmen',
    sizeClass: 'Menengah',
    villageCode: '32.02.01.2002',
    address: 'Jl. Raya Cibadak No. 12',
    employeesDeclared: 120,
    workersRegistered: 100,
    wageReported: 3500000,
    wageActual: 3800000,
    programs: 'JKK,JKM,JHT,JP',
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
