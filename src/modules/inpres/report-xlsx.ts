import ExcelJS from 'exceljs';
import { formatDateId } from '../../domain/wib.js';
import { actionStatusName, dutiesNotMet, dutyName, groupName, type InpresReportData, regionTitle, reportTitle, sourcesOf, statusName, titleOf, wibStamp } from './report-data.js';

const INT = '#,##0';
const SCORE = '0.0';

/** The semester workbook: scorecard, children, duties not met, overdue follow-ups, target groups, sources. */
export async function inpresWorkbook(d: InpresReportData): Promise<Buffer> {
  const c = d.card;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Semesta';
  wb.created = d.generatedAt;

  const sum = wb.addWorksheet('Rapor');
  sum.columns = [{ width: 34 }, { width: 18 }, { width: 12 }, { width: 12 }, { width: 70 }];
  sum.addRow([reportTitle]).font = { bold: true, size: 13 };
  sum.addRow([titleOf(d)]).font = { bold: true };
  sum.addRow([`Dibuat ${wibStamp(d.generatedAt)}${d.demo ? ' — DATA DEMO SINTETIS' : ''}`]);
  sum.addRow([]);
  const head = (cells: string[]) => (sum.addRow(cells).font = { bold: true });
  const scoreRow = sum.addRow(['Nilai', c.score]);
  scoreRow.getCell(2).numFmt = SCORE;
  sum.addRow(['Peringkat', c.rank ? `${c.rank.position} dari ${c.rank.of}` : '–']);
  sum.addRow(['Data per bulan', c.asOf]);
  sum.addRow([]);
  head(['Kewajiban', 'Status', 'Poin', 'Bobot', 'Bukti']);
  for (const x of c.duties) {
    const row = sum.addRow([dutyName(x.code), statusName(x.status), x.score, x.weight, x.evidence.map((e) => `${e.label}: ${e.value}`).join(' · ')]);
    row.getCell(3).numFmt = SCORE;
    row.getCell(5).alignment = { wrapText: true };
  }

  const kids = wb.addWorksheet('Wilayah');
  kids.columns = [{ width: 6 }, { width: 16 }, { width: 32 }, { width: 8 }, ...c.duties.map(() => ({ width: 18 })), { width: 12 }, { width: 12 }, { width: 14 }];
  kids.addRow(['Peringkat', 'Kode', 'Wilayah', 'Nilai', ...c.duties.map((x) => dutyName(x.code)), 'Ada Perda', 'Menganggarkan', 'Desa Sadar Jamsostek', 'Tindak lanjut terlambat']).font = { bold: true };
  for (const k of d.children) {
    const row = kids.addRow([k.position, k.code, regionTitle(k.name), k.score, ...k.duties.map((x) => statusName(x.status)), k.hasPerda ? 'ya' : 'tidak', k.budgeted ? 'ya' : 'tidak', k.desaSadar, k.overdueActions]);
    row.getCell(4).numFmt = SCORE;
  }

  const notMet = wb.addWorksheet('Belum Terpenuhi');
  notMet.columns = [{ width: 16 }, { width: 32 }, { width: 32 }, { width: 18 }];
  notMet.addRow(['Kode', 'Wilayah', 'Kewajiban', 'Status']).font = { bold: true };
  for (const x of dutiesNotMet(d)) notMet.addRow([x.code, regionTitle(x.name), x.duty, x.status]);

  const overdue = wb.addWorksheet('Tindak Lanjut Terlambat');
  overdue.columns = [{ width: 60 }, { width: 24 }, { width: 14 }, { width: 20 }];
  overdue.addRow(['Keputusan', 'Penanggung jawab', 'Batas waktu', 'Status']).font = { bold: true };
  for (const a of c.overdueActions) overdue.addRow([a.decision, a.ownerAgency, formatDateId(a.dueOn), actionStatusName(a.status)]);

  const groups = wb.addWorksheet('Kelompok Sasaran');
  groups.columns = [{ width: 26 }, { width: 12 }, { width: 12 }, { width: 10 }, { width: 50 }];
  groups.addRow(['Kelompok', 'Jumlah', 'Tercakup', 'Persen', 'Sumber']).font = { bold: true };
  for (const g of c.targetGroups) {
    const row = groups.addRow([groupName(g.group), g.size, g.covered, g.pct ?? '–', g.source]);
    row.getCell(2).numFmt = INT;
    row.getCell(3).numFmt = INT;
    if (g.pct !== null) row.getCell(4).numFmt = '0.0"%"';
  }
  groups.addRow([]);
  groups.addRow(['Desa Sadar Jamsostek', c.desaSadar.villagesSadar, `dari ${c.desaSadar.villagesDeclared} desa yang menyatakan perangkatnya`]);

  const src = wb.addWorksheet('Sumber');
  src.columns = [{ width: 30 }, { width: 110 }];
  for (const [k, v] of sourcesOf(d)) src.addRow([k, v]).getCell(2).alignment = { wrapText: true };

  return Buffer.from(await wb.xlsx.writeBuffer());
}
