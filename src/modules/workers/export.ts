import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import type { SessionUser } from '../../access/session-user.js';
import type { Db } from '../../db/client.js';
import { GROUP_LABELS, STATUS_LABELS } from '../../domain/worker.js';
import { formatDateId } from '../../domain/wib.js';
import { maskNik } from '../../domain/nik.js';
import { recordAudit } from '../../db/tx.js';
import { countWorkers, iterateWorkers, type RegionFilter } from './queries.js';

const HEADERS = ['NIK', 'Nama', 'Tanggal Lahir', 'Jenis Kelamin', 'Kode Desa', 'Desa', 'Alamat', 'No HP', 'Pekerjaan', 'Segmen', 'Kelompok', 'Program', 'Penghasilan (Rp)', 'Sumber Dana', 'Status', 'KPJ'];

/**
 * Streams a worker list into an .xlsx workbook page by page (a regency can hold hundreds of thousands
 * of rows). Full NIKs leave the system only for roles allowed to see them, and the export is audited.
 */
export async function exportWorkers(db: Db, user: SessionUser, filter: RegionFilter, fullNik: boolean): Promise<PassThrough> {
  // who, which file and, for full NIKs, how many leave the system (decision 51): written before the first row
  const niks = fullNik ? (await countWorkers(db, filter)).total : undefined;
  await recordAudit(db, user, {
    action: fullNik ? 'export_full_nik' : 'export',
    entityType: 'worker_list',
    entityId: filter.region,
    regionCode: filter.region === 'ID' ? null : filter.region,
    before: null,
    after: { filter, file: `pekerja-${filter.region}.xlsx`, ...(niks === undefined ? {} : { niks }) },
  });
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const ws = wb.addWorksheet('Pekerja');
  ws.columns = HEADERS.map((h) => ({ header: h, width: h === 'Nama' || h === 'Alamat' ? 28 : 16 }));
  ws.getRow(1).font = { bold: true };
  ws.getColumn(1).numFmt = '@';
  void (async () => {
    try {
      for await (const rows of iterateWorkers(db, filter)) {
        for (const w of rows) {
          ws.addRow([
            fullNik ? w.nik : maskNik(w.nik),
            w.name,
            // the birth date and sex are digits 7–12 of the NIK: only beside a full NIK (decision 60)
            fullNik ? formatDateId(w.birthDate) : '',
            fullNik ? w.sex : '',
            w.villageCode,
            w.villageName,
            w.address,
            w.phone ?? '',
            w.occupation ?? '',
            w.segment ?? '',
            w.group ? (GROUP_LABELS[w.group] ?? w.group) : '',
            (w.programs ?? []).join(','),
            w.declaredIncome ?? '',
            w.fundingSource ?? '',
            w.status ? STATUS_LABELS[w.status].id : '',
            w.kpj ?? '',
          ]).commit();
        }
      }
      ws.commit();
      await wb.commit();
    } catch (err) {
      out.destroy(err as Error);
    }
  })();
  return out;
}
