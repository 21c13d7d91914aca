import ExcelJS from 'exceljs';
import type { Selectable } from 'kysely';
import type { Db } from '../../db/client.js';
import type { ImportRowTable } from '../../db/schema.js';
import { GROUP_LABELS, type Group } from '../../domain/worker.js';
import { WORKER_COLUMNS } from './columns.js';
import type { ImportProblem } from './stage-row.js';

const NOT_IMPORTED = ['rejected', 'duplicate_in_file', 'double_funded'];

const asCell = (v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) ? v.slice(0, 10).split('-').reverse().join('/') : v ?? '');

/** A row that passed validation was staged without its cells: give back the values as read. */
function parsedCells(r: Selectable<ImportRowTable>): Record<string, unknown> {
  return {
    nik: r.nik,
    name: r.name,
    birthDate: r.birth_date ? r.birth_date.split('-').reverse().join('/') : null,
    sex: r.sex,
    villageCode: r.village_code,
    address: r.address,
    phone: r.phone,
    occupation: r.occupation,
    segment: r.segment,
    group: r.group_code ? (GROUP_LABELS[r.group_code as Group] ?? r.group_code) : null,
    programs: r.programs?.join(','),
    income: r.declared_income,
    fundingSource: r.funding_source,
  };
}

/**
 * The rows that were not imported, with the values as uploaded in the template's column order and a
 * "Keterangan" column of messages: fix them in place and upload this very file again.
 */
export async function importReport(db: Db, importId: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Perlu Diperbaiki', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    ...WORKER_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: Math.max(14, c.header.length + 4) })),
    { header: 'Baris Asal', key: 'row', width: 10 },
    { header: 'Keterangan', key: 'messages', width: 90 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.getColumn('nik').numFmt = '@';
  const warnings = wb.addWorksheet('Peringatan');
  warnings.columns = [
    { header: 'Baris Asal', key: 'row', width: 10 },
    { header: 'NIK', key: 'nik', width: 20 },
    { header: 'Nama', key: 'name', width: 30 },
    { header: 'Keterangan', key: 'messages', width: 90 },
  ];
  warnings.getRow(1).font = { bold: true };

  let last = 0;
  for (;;) {
    const rows = await db
      .selectFrom('import_row')
      .selectAll()
      .where('import_id', '=', importId)
      .where('problems', 'is not', null)
      .where('row_number', '>', last)
      .orderBy('row_number')
      .limit(5000)
      .execute();
    if (rows.length === 0) break;
    for (const r of rows) {
      const problems = (r.problems ?? []) as ImportProblem[];
      const text = problems.map((p) => `${p.column}: ${p.id}`).join(' | ');
      if (NOT_IMPORTED.includes(r.outcome)) {
        const raw = (r.raw as Record<string, unknown> | null) ?? parsedCells(r);
        const row = ws.addRow({ ...Object.fromEntries(WORKER_COLUMNS.map((c) => [c.key, asCell(raw[c.key])])), row: r.row_number, messages: text });
        row.getCell('messages').font = { color: { argb: 'FFC00000' } };
      } else {
        warnings.addRow({ row: r.row_number, nik: r.nik, name: r.name, messages: text });
      }
    }
    last = rows[rows.length - 1]!.row_number;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
