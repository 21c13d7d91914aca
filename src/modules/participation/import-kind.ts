import { sql } from 'kysely';
import type { Db } from '../../db/client.js';
import type { Tx } from '../../db/tx.js';
import { currentPeriod, monthStart, type Period } from '../../domain/coverage.js';
import { checkFigure, crossCheck, type ParticipationField, type ParticipationRegions } from '../../domain/participation.js';
import { SEGMENTS } from '../../domain/worker.js';
import type { ColumnSpec, SheetRow } from '../../lib/spreadsheet/read-rows.js';
import { cellText, parseCount } from '../../lib/spreadsheet/values.js';
import { defineImportKind, type ImportProblem, type StagedRow } from '../imports/kind.js';
import { pickList, templateBook, withInstructions } from '../imports/template-kit.js';
import { participationRegions, stagedFigures, stagedReplacing, storeFigures } from './queries.js';

/**
 * BPJS TK's official participation figures as a file (issue 11): the same checks as the push
 * (src/domain/participation.ts), per row in the preview and the error report; the commit replaces
 * the current figure of each key like the push does.
 */
const COLUMNS: ColumnSpec[] = [
  { key: 'regionCode', header: 'Kode Wilayah', aliases: ['Kode Kemendagri', 'Kode Wilayah Kemendagri', 'Kode Daerah'] },
  { key: 'period', header: 'Periode (YYYY-MM)', aliases: ['Bulan', 'Periode Data'] },
  { key: 'segment', header: 'Segmen', aliases: ['Segmen Peserta', 'Segmen Kepesertaan'] },
  { key: 'active', header: 'Peserta Aktif', aliases: ['Jumlah Peserta Aktif', 'Aktif'] },
  { key: 'new', header: 'Peserta Baru', aliases: ['Jumlah Peserta Baru', 'Baru'], optional: true },
  { key: 'inactive', header: 'Peserta Nonaktif', aliases: ['Peserta Non Aktif', 'Peserta Tidak Aktif', 'Nonaktif'], optional: true },
  { key: 'source', header: 'Sumber', aliases: ['Sumber Data'], optional: true },
];

const HEADER: Record<ParticipationField, string> = {
  regionCode: 'Kode Wilayah',
  period: 'Periode',
  segment: 'Segmen',
  active: 'Peserta Aktif',
  new: 'Peserta Baru',
  inactive: 'Peserta Nonaktif',
};

interface Ctx {
  regions: ParticipationRegions;
  currentMonth: Period;
}

interface StagedFigure extends StagedRow {
  regionCode: string | null;
  month: string | null;
  segment: string | null;
  active: number | null;
  newCount: number | null;
  inactiveCount: number | null;
  source: string | null;
}

/** A code typed into a General cell arrives as a number: 32 is a province, 32.1 the regency 32.10. */
const regionText = (v: unknown) => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(2)) : cellText(v));
/** A month Excel turned into a date (2025-06 → 1 June 2025) is read back as that month. */
const periodText = (v: unknown) => (v instanceof Date && !Number.isNaN(v.getTime()) ? `${v.getUTCFullYear()}-${String(v.getUTCMonth() + 1).padStart(2, '0')}` : cellText(v));
/** A count as the domain checks it; unreadable text is passed on as written, to be named in the message. */
const countCell = (v: unknown) => {
  const n = parseCount(v);
  return n === 'invalid' ? cellText(v) : n;
};

function stage(row: SheetRow, ctx: Ctx, scope: string): StagedFigure {
  const c = row.cells;
  const checked = checkFigure(
    { regionCode: regionText(c.regionCode), period: periodText(c.period), segment: cellText(c.segment), active: countCell(c.active), new: countCell(c.new), inactive: countCell(c.inactive) },
    ctx.regions,
    { scope, currentMonth: ctx.currentMonth },
  );
  const problems: ImportProblem[] = 'problems' in checked ? checked.problems.map((p) => ({ column: HEADER[p.field], code: p.code, id: p.text.id, en: p.text.en })) : [];
  const source = cellText(c.source);
  if (source.length > 300) problems.push({ column: 'Sumber', code: 'SOURCE_TOO_LONG', id: 'Sumber paling panjang 300 karakter.', en: 'The source is at most 300 characters long.' });
  const figure = 'figure' in checked && problems.length === 0 ? checked.figure : null;
  return {
    rowNumber: row.rowNumber,
    raw: row.cells,
    outcome: figure ? 'valid' : 'rejected',
    problems,
    regionCode: figure?.regionCode ?? null,
    month: figure ? monthStart(figure.period) : null,
    segment: figure?.segment ?? null,
    active: figure?.active ?? null,
    newCount: figure?.newCount ?? null,
    inactiveCount: figure?.inactiveCount ?? null,
    source: source || null,
  };
}

async function insertStaged(db: Db, importId: number, rows: StagedFigure[]) {
  if (rows.length === 0) return;
  const col = <T>(f: (r: StagedFigure) => T) => rows.map(f);
  await sql`
    INSERT INTO participation_import_row (import_id, row_number, raw, outcome, problems, region_code, month, segment, active, new_count, inactive_count, source)
    SELECT ${importId}, t.row_number, t.raw::jsonb, t.outcome, t.problems::jsonb, t.region_code, t.month::date, t.segment, t.active, t.new_count, t.inactive_count, t.source
    FROM unnest(${col((r) => r.rowNumber)}::int[], ${col((r) => (r.outcome === 'valid' ? null : JSON.stringify(r.raw)))}::text[],
                ${col((r) => r.outcome)}::text[], ${col((r) => (r.problems.length ? JSON.stringify(r.problems) : null))}::text[],
                ${col((r) => r.regionCode)}::text[], ${col((r) => r.month)}::text[], ${col((r) => r.segment)}::text[],
                ${col((r) => r.active)}::int[], ${col((r) => r.newCount)}::int[], ${col((r) => r.inactiveCount)}::int[], ${col((r) => r.source)}::text[])
      AS t(row_number, raw, outcome, problems, region_code, month, segment, active, new_count, inactive_count, source)`.execute(db);
}

/** The rows checked against each other (the same key twice, a regency total against its districts), with the push's rule. */
async function classify(db: Db | Tx, importId: number) {
  const { rows } = await sql<{ row_number: number; region_code: string; period: string; segment: string; active: number }>`
    SELECT row_number, region_code, to_char(month, 'YYYY-MM') AS period, segment, active
    FROM participation_import_row WHERE import_id = ${importId} AND outcome = 'valid' ORDER BY row_number`.execute(db);
  const figures = rows.map((r) => ({ regionCode: r.region_code, period: r.period, segment: r.segment as (typeof SEGMENTS)[number], active: r.active }));
  const found = crossCheck(figures, await participationRegions(db), (i) => ({ id: `baris ${rows[i]!.row_number}`, en: `row ${rows[i]!.row_number}` }));
  if (found.length === 0) return;
  const marks = found.map((p) => ({
    rowNumber: rows[p.index]!.row_number,
    outcome: p.duplicateOf === undefined ? 'rejected' : 'duplicate_in_file',
    problem: JSON.stringify([{ column: HEADER[p.problem.field], code: p.problem.code, id: p.problem.text.id, en: p.problem.text.en }]),
  }));
  const col = <T>(f: (m: (typeof marks)[number]) => T) => marks.map(f);
  // these rows were staged as valid, without their raw cells: the error report rebuilds them (parsedCells)
  await sql`
    UPDATE participation_import_row r SET outcome = m.outcome, problems = coalesce(r.problems, '[]'::jsonb) || m.problem::jsonb
    FROM unnest(${col((m) => m.rowNumber)}::int[], ${col((m) => m.outcome)}::text[], ${col((m) => m.problem)}::text[]) AS m(row_number, outcome, problem)
    WHERE r.import_id = ${importId} AND r.row_number = m.row_number`.execute(db);
}

export const participationImport = defineImportKind<StagedFigure, Ctx>({
  key: 'participation',
  basePath: '/api/participation-imports',
  label: { id: 'data-kepesertaan', en: 'official participation figures' },
  permissions: { read: 'participation:write', write: 'participation:write' },
  columns: COLUMNS,
  textColumns: ['regionCode', 'period'],
  identityColumns: ['regionCode', 'period', 'segment'],
  stagingTable: 'participation_import_row',
  context: async (db) => ({ regions: await participationRegions(db), currentMonth: currentPeriod() }),
  stage,
  insertStaged,
  classify,
  // nothing a row was checked against changes between validation and commit (regions are reference data)
  reclassify: async () => undefined,
  preview: async (db, importId) => ({ replacing: await stagedReplacing(db, importId) }),
  commit: (tx, importId, user) => storeFigures(tx, stagedFigures(importId), { importJobId: importId, receivedBy: user.username }),
  parsedCells: (r) => ({
    regionCode: r.region_code,
    period: typeof r.month === 'string' ? r.month.slice(0, 7) : null,
    segment: r.segment,
    active: r.active,
    new: r.new_count,
    inactive: r.inactive_count,
    source: r.source,
  }),
  async template() {
    const { wb, ws } = templateBook('Data Kepesertaan', COLUMNS, ['regionCode', 'period']);
    ws.addRow({ regionCode: '32.02', period: '2025-06', segment: 'PU', active: 412_345, new: 5_210, inactive: 3_980, source: 'BPJS TK Kanwil Jawa Barat, data per 30/06/2025' });
    ws.addRow({ regionCode: '32.02', period: '2025-06', segment: 'BPU', active: 98_765, source: 'BPJS TK Kanwil Jawa Barat, data per 30/06/2025' });
    ws.getColumn('source').width = 48;
    pickList(ws, 'segment', [...SEGMENTS], `Pilih salah satu: ${SEGMENTS.join(', ')}.`, 2000);
    return withInstructions(wb, [
      'PETUNJUK — data resmi kepesertaan BPJS Ketenagakerjaan',
      '1. Satu baris per wilayah, bulan dan segmen: Kode Wilayah Kemendagri (provinsi 32, kabupaten/kota 32.02 atau kecamatan 32.02.01, sebagai teks), Periode YYYY-MM, Segmen (PU, BPU, JAKON, PMI) dan Peserta Aktif.',
      '2. Peserta Baru, Peserta Nonaktif dan Sumber boleh kosong. Angka ditulis 1.234.567 atau 1234567, bilangan bulat tanpa tanda minus.',
      '3. Sumber, mis. "BPJS TK Kanwil Jawa Barat, data per 30/06/2025"; bila kosong, nama berkas ini yang dicatat.',
      '4. Desa/kelurahan dan angka nasional tidak diterima; periode tidak boleh melewati bulan ini; wilayah harus di dalam wilayah kerja Anda.',
      '5. Bila total kabupaten/kota dan kecamatannya dikirim bersama, totalnya harus sama dengan jumlah semua kecamatannya (tidak lebih kecil dari jumlah kecamatan yang dikirim).',
      '6. Angka baru menggantikan angka yang berlaku untuk wilayah, bulan dan segmen yang sama; angka lama tetap tersimpan sebagai riwayat.',
      '7. Hapus baris contoh sebelum mengunggah.',
    ]);
  },
  staleConstraint: /participation_current/,
});
