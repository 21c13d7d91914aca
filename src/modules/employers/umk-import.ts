import { sql } from 'kysely';
import type { Db } from '../../db/client.js';
import type { Actor, Tx } from '../../db/tx.js';
import { inSubtree } from '../../domain/region-code.js';
import type { ColumnSpec, SheetRow } from '../../lib/spreadsheet/read-rows.js';
import { cellText, parseRupiah } from '../../lib/spreadsheet/values.js';
import { defineImportKind, type ImportProblem, type StagedRow } from '../imports/kind.js';
import { templateBook, withInstructions } from '../imports/template-kit.js';
import { reassess } from './assess.js';

/**
 * The regional minimum wage (UMK) per regency and year as an import kind (issue 12; decision 99):
 * validated in the background, previewed, the valid rows committed at once with one set_umk audit row
 * each (before: the amount it replaces); the employers of every regency touched are re-assessed.
 */
const COLUMNS: ColumnSpec[] = [
  { key: 'code', header: 'Kode Wilayah', aliases: ['Kode Kabupaten/Kota', 'Kode Kabupaten', 'Kode'] },
  { key: 'year', header: 'Tahun', aliases: ['Year'] },
  { key: 'amount', header: 'UMK', aliases: ['Nominal', 'Besaran UMK', 'Upah Minimum'] },
  { key: 'legalBasis', header: 'Dasar Hukum', aliases: ['Keputusan Gubernur', 'Kepgub', 'Legal Basis'], optional: true },
];

export interface StagedUmk extends StagedRow {
  code: string | null;
  year: number | null;
  amount: number | null;
  legalBasis: string | null;
}

/** A regency code typed into a General cell arrives as a number: 32.1 is 32.10. */
const codeText = (v: unknown) => (typeof v === 'number' ? v.toFixed(2) : cellText(v).replace(/\s+/g, ''));

export function stageUmk(row: SheetRow, _ctx: unknown, scope: string): StagedUmk {
  const c = row.cells;
  const problems: ImportProblem[] = [];
  const code = codeText(c.code);
  if (!/^\d{2}\.\d{2}$/.test(code)) {
    problems.push({ column: 'Kode Wilayah', code: 'NOT_A_REGENCY', id: `Kode "${code}" bukan kode kabupaten/kota seperti 32.02.`, en: `Code "${code}" is not a regency/city code such as 32.02.` });
  } else if (!inSubtree(scope, code)) {
    problems.push({ column: 'Kode Wilayah', code: 'OUTSIDE_REGION', id: `Wilayah ${code} di luar wilayah kerja Anda (${scope}).`, en: `Region ${code} is outside your assigned region (${scope}).` });
  }
  const yearText = cellText(c.year);
  const year = Number(yearText);
  if (!/^\d{4}$/.test(yearText) || year < 2000 || year > 2100) {
    problems.push({ column: 'Tahun', code: 'YEAR_INVALID', id: `Tahun "${yearText}" harus empat angka antara 2000 dan 2100.`, en: `Year "${yearText}" must be four digits between 2000 and 2100.` });
  }
  const amount = parseRupiah(c.amount);
  if (typeof amount !== 'number' || amount <= 0 || amount > 1_000_000_000) {
    problems.push({ column: 'UMK', code: 'AMOUNT_INVALID', id: `UMK "${cellText(c.amount)}" harus angka rupiah lebih dari 0 (mis. Rp3.500.000).`, en: `UMK "${cellText(c.amount)}" must be an amount in rupiah above 0 (e.g. Rp3,500,000).` });
  }
  const legalBasis = cellText(c.legalBasis);
  if (legalBasis.length > 200) problems.push({ column: 'Dasar Hukum', code: 'LEGAL_BASIS_TOO_LONG', id: 'Dasar hukum paling panjang 200 karakter.', en: 'The legal basis is at most 200 characters long.' });
  const ok = problems.length === 0;
  return {
    rowNumber: row.rowNumber,
    raw: c,
    outcome: ok ? 'valid' : 'rejected',
    problems,
    code: ok ? code : null,
    year: ok ? year : null,
    amount: ok ? (amount as number) : null,
    legalBasis: ok ? legalBasis : null,
  };
}

async function insertStaged(db: Db, importId: number, rows: StagedUmk[]) {
  if (rows.length === 0) return;
  const col = <T>(f: (r: StagedUmk) => T) => rows.map(f);
  await sql`
    INSERT INTO umk_import_row (import_id, row_number, raw, outcome, problems, regency_code, year, amount, legal_basis)
    SELECT ${importId}, t.row_number, t.raw::jsonb, t.outcome, t.problems::jsonb, t.regency_code, t.year, t.amount, t.legal_basis
    FROM unnest(${col((r) => r.rowNumber)}::int[], ${col((r) => (r.outcome === 'valid' ? null : JSON.stringify(r.raw)))}::text[],
                ${col((r) => r.outcome)}::text[], ${col((r) => (r.problems.length ? JSON.stringify(r.problems) : null))}::text[],
                ${col((r) => r.code)}::text[], ${col((r) => r.year)}::smallint[], ${col((r) => r.amount)}::bigint[], ${col((r) => r.legalBasis)}::text[])
      AS t(row_number, raw, outcome, problems, regency_code, year, amount, legal_basis)`.execute(db);
}

const problem = (code: string, id: ReturnType<typeof sql>, en: ReturnType<typeof sql>) =>
  sql`jsonb_build_array(jsonb_build_object('column', 'Kode Wilayah', 'code', ${code}::text, 'id', ${id}, 'en', ${en}))`;

/** Unknown regencies, and the same regency and year twice (the first row stays), set-based. */
async function classify(db: Db | Tx, importId: number) {
  await sql`
    UPDATE umk_import_row r SET outcome = 'rejected',
      problems = coalesce(r.problems, '[]'::jsonb) || ${problem('REGION_NOT_FOUND', sql`'Kode wilayah ' || r.regency_code || ' tidak dikenal.'`, sql`'Unknown region code ' || r.regency_code || '.'`)}
    WHERE r.import_id = ${importId} AND r.outcome = 'valid' AND NOT EXISTS (SELECT 1 FROM region g WHERE g.code = r.regency_code)`.execute(db);
  await sql`
    UPDATE umk_import_row r SET outcome = 'duplicate_in_file',
      problems = coalesce(r.problems, '[]'::jsonb) || ${problem('DUPLICATE_ROW', sql`'UMK ' || r.regency_code || ' tahun ' || r.year || ' sudah ada di baris ' || d.first_row || '.'`, sql`'UMK ' || r.regency_code || ' for ' || r.year || ' is already on row ' || d.first_row || '.'`)}
    FROM (SELECT regency_code, year, min(row_number) AS first_row FROM umk_import_row
          WHERE import_id = ${importId} AND outcome = 'valid' GROUP BY 1, 2 HAVING count(*) > 1) d
    WHERE r.import_id = ${importId} AND r.outcome = 'valid' AND r.regency_code = d.regency_code AND r.year = d.year AND r.row_number > d.first_row`.execute(db);
}

/** The valid rows in: one set_umk audit row each (before the upsert, so "before" is what it replaces), the upsert, the re-assessment. */
async function commit(tx: Tx, importId: number, actor: Actor) {
  await sql`
    INSERT INTO audit_log (actor_id, actor_username, action, entity_type, entity_id, region_code, before, after)
    SELECT ${actor.id}, ${actor.username}, 'set_umk', 'umk', s.regency_code || '/' || s.year, s.regency_code,
      CASE WHEN u.regency_code IS NULL THEN NULL ELSE jsonb_build_object('amount', u.amount, 'legalBasis', u.legal_basis) END,
      jsonb_build_object('regencyCode', s.regency_code, 'year', s.year, 'amount', s.amount, 'legalBasis', s.legal_basis, 'importId', ${importId}::int)
    FROM umk_import_row s LEFT JOIN umk u ON u.regency_code = s.regency_code AND u.year = s.year
    WHERE s.import_id = ${importId} AND s.outcome = 'valid'`.execute(tx);
  const saved = await sql<{ regency_code: string }>`
    INSERT INTO umk (regency_code, year, amount, legal_basis)
    SELECT regency_code, year, amount, coalesce(legal_basis, '') FROM umk_import_row WHERE import_id = ${importId} AND outcome = 'valid'
    ON CONFLICT (regency_code, year) DO UPDATE SET amount = excluded.amount, legal_basis = excluded.legal_basis, updated_at = now()
    RETURNING regency_code`.execute(tx);
  let reassessed = 0;
  // one set-based assessment per regency touched (at most the ~514 regencies of Indonesia)
  for (const regency of new Set(saved.rows.map((r) => r.regency_code))) reassessed += await reassess(tx, { regency });
  return { saved: saved.rows.length, reassessed };
}

export const umkImport = defineImportKind<StagedUmk, null>({
  key: 'umk',
  basePath: '/api/umk-imports',
  movedFrom: '/api/umk/import',
  label: { id: 'umk', en: 'UMK' },
  permissions: { read: 'umk:write', write: 'umk:write' },
  columns: COLUMNS,
  textColumns: ['code'],
  identityColumns: ['code', 'year'],
  stagingTable: 'umk_import_row',
  context: async () => null,
  stage: stageUmk,
  insertStaged,
  classify,
  // regions are reference data and each row replaces the stored UMK of its key: nothing to re-check
  reclassify: async () => undefined,
  commit,
  parsedCells: (r) => ({ code: r.regency_code, year: r.year, amount: r.amount, legalBasis: r.legal_basis }),
  async template() {
    const { wb, ws } = templateBook('UMK', COLUMNS, ['code']);
    ws.addRow({ code: '32.02', year: 2025, amount: 3_604_482, legalBasis: 'Kepgub Jabar 561.7/Kep.798-Kesra/2024' });
    ws.getColumn('legalBasis').width = 44;
    return withInstructions(wb, [
      'PETUNJUK — UMK (upah minimum kabupaten/kota)',
      '1. Satu baris per kabupaten/kota dan tahun: Kode Wilayah (mis. 32.02, sebagai teks), Tahun (empat angka) dan UMK dalam rupiah (mis. 3.604.482).',
      '2. Dasar Hukum boleh kosong, mis. nomor Keputusan Gubernur (paling panjang 200 karakter).',
      '3. Kabupaten/kota harus di dalam wilayah kerja Anda. UMK yang sudah ada untuk tahun yang sama diganti (nilai lama tercatat di jejak audit).',
      '4. Setelah disimpan, kepatuhan upah perusahaan di kabupaten/kota tersebut dinilai ulang.',
      '5. Hapus baris contoh sebelum mengunggah.',
    ]);
  },
  staleConstraint: /(?!)/, // upserts: no unique key can be violated by rows stored meanwhile
});
