import { cellText, parseRupiah } from '../../lib/spreadsheet/values.js';
import { asAppError } from '../../lib/spreadsheet/app-error.js';
import { readRows } from '../../lib/spreadsheet/read-rows.js';
import type { UmkInput } from './schemas.js';

/** Reads a small UMK list (.xlsx/.csv: Kode Wilayah, Tahun, UMK); every row must be valid or nothing is saved. */
export async function readUmkFile(path: string, kind: 'xlsx' | 'csv') {
  const rows: UmkInput[] = [];
  const problems: { row: number; message: { id: string; en: string } }[] = [];
  try {
    for await (const r of readRows(path, kind, [
      { key: 'code', header: 'Kode Wilayah', aliases: ['Kode Kabupaten/Kota', 'Kode Kabupaten', 'Kode'] },
      { key: 'year', header: 'Tahun', aliases: ['Year'] },
      { key: 'amount', header: 'UMK', aliases: ['Nominal', 'Besaran UMK', 'Upah Minimum'] },
    ])) {
      const code = cellText(r.cells.code);
      const year = Number(cellText(r.cells.year));
      const amount = parseRupiah(r.cells.amount);
      if (!/^\d{2}\.\d{2}$/.test(code)) {
        problems.push({ row: r.rowNumber, message: { id: `Kode "${code}" bukan kode kabupaten/kota seperti 32.02.`, en: `Code "${code}" is not a regency/city code such as 32.02.` } });
      } else if (!Number.isInteger(year) || year < 2000 || year > 2100) {
        problems.push({ row: r.rowNumber, message: { id: `Tahun "${cellText(r.cells.year)}" tidak valid.`, en: `Year "${cellText(r.cells.year)}" is not valid.` } });
      } else if (amount === null || amount === 'invalid' || amount <= 0) {
        problems.push({ row: r.rowNumber, message: { id: `UMK "${cellText(r.cells.amount)}" harus angka rupiah.`, en: `UMK "${cellText(r.cells.amount)}" must be an amount in rupiah.` } });
      } else if (rows.some((x) => x.regencyCode === code && x.year === year)) {
        problems.push({ row: r.rowNumber, message: { id: `UMK ${code} tahun ${year} tertulis dua kali.`, en: `UMK ${code} for ${year} appears twice.` } });
      } else rows.push({ regencyCode: code, year, amount });
      if (rows.length + problems.length > 5000) break;
    }
  } catch (err) {
    throw asAppError(err);
  }
  return { rows, problems };
}
