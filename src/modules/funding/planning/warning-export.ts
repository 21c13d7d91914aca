import ExcelJS from 'exceljs';
import type { SessionUser } from '../../../access/session-user.js';
import type { Db } from '../../../db/client.js';
import { recordAudit } from '../../../db/tx.js';
import { formatDateId } from '../../../domain/wib.js';
import type { EarlyWarning } from './schemas.js';

const HEADERS = ['No', 'Nama', 'NIK (disamarkan)', 'KPJ', 'Kode Desa', 'Desa/Kelurahan', 'Program Pendanaan', 'Bulan Belum Dibayar', 'Nonaktif Pada'];

/** The early warning as a workbook (NIK masked; audited as an export). */
export async function earlyWarningWorkbook(db: Db, user: SessionUser, region: string, w: EarlyWarning): Promise<Buffer> {
  await recordAudit(db, user, {
    action: 'export',
    entityType: 'early_warning',
    entityId: region,
    regionCode: region === 'ID' ? null : region,
    before: null,
    after: { asOf: w.asOf, days: w.days, rows: w.items.length },
  });
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Akan Nonaktif');
  ws.addRow([`Peringatan dini: peserta BPU yang akan nonaktif dalam ${w.days} hari sejak ${formatDateId(w.asOf)} bila tagihan tetap tidak dibayar (nonaktif setelah ${w.lapseMonths} bulan menunggak)`]).font = { bold: true };
  ws.addRow([]);
  const head = ws.addRow(HEADERS);
  head.font = { bold: true };
  w.items.forEach((i, n) => ws.addRow([n + 1, i.name, i.nikMasked, i.kpj ?? '', i.villageCode, i.villageName, i.programName, i.unpaidMonths, formatDateId(i.lapseDate)]));
  ws.columns.forEach((c, k) => (c.width = [5, 28, 20, 14, 16, 24, 30, 12, 14][k]));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
