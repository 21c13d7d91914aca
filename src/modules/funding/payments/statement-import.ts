import type { SessionUser } from '../../../access/session-user.js';
import type { Db } from '../../../db/client.js';
import { audited } from '../../../db/tx.js';
import { isMonth } from '../../../domain/funding.js';
import { inSubtree } from '../../../domain/region-code.js';
import { asAppError } from '../../../lib/spreadsheet/app-error.js';
import { readRows, type SheetRow } from '../../../lib/spreadsheet/read-rows.js';
import { cellText, parseDate, parseRupiah } from '../../../lib/spreadsheet/values.js';
import type { SavedUpload, UploadSpec } from '../../../lib/upload.js';
import { programScope } from '../programs/queries.js';
import { todayWib } from '../rates/service.js';
import { evaluateLapses } from './lapses.js';
import { allocate, insertPayment } from './queries.js';
import type { ImportedPayments } from './schemas.js';
import { billFor } from './service.js';

/** POST /api/payments/import: an .xlsx or .csv statement of at most 20 MB. */
export const STATEMENT_UPLOAD: UploadSpec<'xlsx' | 'csv'> = {
  extensions: ['xlsx', 'csv'],
  maxBytes: 20 * 1024 * 1024,
  wrongType: { code: 'PAYMENT_FILE_TYPE', text: { id: 'Unggah berkas .xlsx atau .csv (kolom "file").', en: 'Upload an .xlsx or .csv file (field "file").' } },
  tooLarge: { code: 'PAYMENT_FILE_TOO_LARGE', text: { id: 'Berkas melebihi 20 MB.', en: 'The file exceeds 20 MB.' } },
};

const PAYMENT_COLUMNS = [
  { key: 'program', header: 'ID Program', aliases: ['Program', 'Kode Program', 'Program ID'] },
  { key: 'month', header: 'Bulan', aliases: ['Bulan Tagihan', 'Periode', 'Month'] },
  { key: 'paidOn', header: 'Tanggal Bayar', aliases: ['Tanggal', 'Tgl Bayar', 'Tanggal Transaksi', 'Date'] },
  { key: 'amount', header: 'Jumlah', aliases: ['Nominal', 'Jumlah (Rp)', 'Kredit', 'Amount'] },
  { key: 'reference', header: 'Referensi', aliases: ['No Referensi', 'Keterangan', 'Reference'] },
];

const programIdOf = (r: SheetRow) => Number(cellText(r.cells.program).replace(/\D/g, ''));

/**
 * A bank or BPJS TK statement (.xlsx/.csv): each row a payment for a programme (by its id), matched
 * to a month's bill when given. Rows for programmes outside the user's region, bad amounts or dates
 * are reported and skipped; a reference seen before is a duplicate, not a second payment. The
 * accepted rows are recorded, applied and lapses re-evaluated in one audited transaction.
 */
export async function importPayments(db: Db, user: SessionUser, file: SavedUpload<'xlsx' | 'csv'>, asOf = todayWib()): Promise<ImportedPayments> {
  const out: ImportedPayments = { rows: 0, recorded: 0, duplicates: 0, rejected: [], amount: 0, linesPaid: 0, lapsed: 0, reactivated: 0 };
  const rows: SheetRow[] = [];
  try {
    for await (const r of readRows(file.path, file.ext, PAYMENT_COLUMNS)) rows.push(r);
  } catch (e) {
    throw asAppError(e);
  }
  // The programmes the rows name, in one query; a payment is a write, so only the user's own subtree (not the payers above it).
  const ids = [...new Set(rows.map(programIdOf).filter((id) => Number.isSafeInteger(id) && id > 0))];
  const regions = ids.length ? await programScope.regionsOf(db, ids) : new Map<number, string>();
  const accepted: { row: number; programId: number; amount: number; paidOn: string; reference: string; month?: string }[] = [];
  const reject = (row: number, id: string, en: string) => out.rejected.push({ row, message: id, messageEn: en });
  for (const r of rows) {
    out.rows++;
    const programId = programIdOf(r);
    const region = regions.get(programId);
    if (!region || !inSubtree(user.regionCode, region)) {
      reject(r.rowNumber, `Program "${cellText(r.cells.program)}" tidak dikenal atau di luar wilayah Anda.`, `Programme "${cellText(r.cells.program)}" is unknown or outside your region.`);
      continue;
    }
    const amount = parseRupiah(r.cells.amount);
    if (typeof amount !== 'number' || amount <= 0) {
      reject(r.rowNumber, `Jumlah "${cellText(r.cells.amount)}" bukan angka rupiah.`, `Amount "${cellText(r.cells.amount)}" is not rupiah.`);
      continue;
    }
    const date = parseDate(r.cells.paidOn);
    if ('error' in date) {
      reject(r.rowNumber, `Tanggal bayar "${cellText(r.cells.paidOn)}" tidak valid (dd/mm/yyyy).`, `Payment date "${cellText(r.cells.paidOn)}" is not valid (dd/mm/yyyy).`);
      continue;
    }
    const monthText = cellText(r.cells.month).replace(/^(\d{1,2})[/-](\d{4})$/, (_m, mm: string, yyyy: string) => `${yyyy}-${mm.padStart(2, '0')}`);
    if (monthText && !isMonth(monthText)) {
      reject(r.rowNumber, `Bulan "${monthText}" harus YYYY-MM atau MM/YYYY.`, `Month "${monthText}" must be YYYY-MM or MM/YYYY.`);
      continue;
    }
    accepted.push({ row: r.rowNumber, programId, amount, paidOn: date.date, reference: cellText(r.cells.reference).slice(0, 200), ...(monthText ? { month: monthText } : {}) });
  }
  const actor = { id: user.id, username: user.username };
  return audited(db, actor, async (tx) => {
    const touched = new Map<number, string>();
    for (const a of accepted) {
      const billId = await billFor(tx, a.programId, a, `row ${a.row}`);
      const row = await insertPayment(tx, { programId: a.programId, amount: a.amount, paidOn: a.paidOn, reference: a.reference, billId, source: 'import', sourceFile: file.filename, createdBy: user.username });
      if (!row) {
        out.duplicates++;
        continue;
      }
      out.recorded++;
      out.amount += a.amount;
      const applied = await allocate(tx, a.programId, a.paidOn, row.id, billId);
      out.linesPaid += applied.linesPaid;
      touched.set(a.programId, regions.get(a.programId)!);
    }
    for (const programId of touched.keys()) {
      const l = await evaluateLapses(tx, actor, programId, asOf);
      out.lapsed += l.lapsed;
      out.reactivated += l.reactivated;
    }
    return {
      result: out,
      audit: [...touched].map(([programId, region]) => ({ action: 'import_payments', entityType: 'funding_program', entityId: String(programId), regionCode: region, before: null, after: { file: file.filename, rows: out.rows, recorded: out.recorded, duplicates: out.duplicates, rejected: out.rejected.length } })),
    };
  });
}
