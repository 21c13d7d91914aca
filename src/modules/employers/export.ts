import { COMPLIANCE_STATUS_LABELS } from '../../domain/compliance.js';
import { STEP_LABELS } from '../../domain/compliance-case.js';
import ExcelJS from 'exceljs';
import type { Db } from '../../db/client.js';
import { listEmployers } from './queries.js';
import type { EmployerFilter } from './schemas.js';

const HEADERS = ['Nama Perusahaan', 'NPP', 'NIB', 'Sektor', 'Skala', 'Kode Desa', 'Desa', 'Alamat', 'Pekerja Dilaporkan (WLKP)', 'Pekerja Terdaftar BPJS TK', 'Upah Dilaporkan (Rp)', 'Upah Sebenarnya (Rp)', 'Program', 'Status', 'Temuan', 'Kasus'];
const SIZE: Record<string, string> = { micro: 'Mikro', small: 'Kecil', medium: 'Menengah', large: 'Besar' };
const MAX_ROWS = 50_000;

/**
 * The employer list with its evidence as a workbook, for the inspector's visits and the monev meeting:
 * the same filter as the list, findings as their Indonesian sentences. Employers per region are thousands,
 * not millions, so it is built in memory (capped at 50,000 rows).
 */
export async function exportEmployers(db: Db, filter: EmployerFilter): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Semesta';
  const ws = wb.addWorksheet('Kepatuhan Perusahaan', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = HEADERS.map((h) => ({ header: h, width: h === 'Temuan' ? 80 : h === 'Nama Perusahaan' || h === 'Alamat' ? 30 : 16 }));
  ws.getRow(1).font = { bold: true };
  for (const c of [2, 3, 6]) ws.getColumn(c).numFmt = '@';
  ws.getColumn(15).alignment = { wrapText: true, vertical: 'top' };
  for (let page = 1; (page - 1) * 1000 < MAX_ROWS; page++) {
    const { items } = await listEmployers(db, filter, page, 1000);
    for (const e of items) {
      ws.addRow([
        e.name,
        e.npp ?? '',
        e.nib ?? '',
        e.sector,
        SIZE[e.sizeClass] ?? e.sizeClass,
        e.region,
        e.regionName,
        e.address,
        e.employeesDeclared,
        e.workersRegistered,
        e.wageReported ?? '',
        e.wageActual ?? '',
        e.programs.join(','),
        e.statuses.map((x) => COMPLIANCE_STATUS_LABELS[x].id).join(', '),
        e.findings.map((f) => f.message.id).join('\n'),
        e.openCaseStep ? STEP_LABELS[e.openCaseStep].id : '',
      ]);
    }
    if (items.length < 1000) break;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
