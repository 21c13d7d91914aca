import PDFDocument from 'pdfkit';
import { formatDateId } from '../../domain/wib.js';
import { actionStatusName, dutiesNotMet, dutyName, groupName, type InpresReportData, regionTitle, reportTitle, score, sourcesOf, statusName, titleOf, wibStamp } from './report-data.js';

const nf = new Intl.NumberFormat('id-ID');
const pf = new Intl.NumberFormat('id-ID', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** The semester PDF (A4 portrait): the same figures as the workbook. */
export function inpresPdf(d: InpresReportData): Promise<Buffer> {
  const c = d.card;
  const doc = new PDFDocument({ size: 'A4', margin: 40, info: { Title: `${reportTitle} — ${titleOf(d)}`, Author: 'Semesta' } });
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const W = doc.page.width - 80;

  doc.font('Helvetica-Bold').fontSize(13).fillColor('#000').text(reportTitle, { width: W });
  doc.font('Helvetica').fontSize(11).text(titleOf(d));
  doc.fontSize(9).fillColor('#555').text(`Dibuat ${wibStamp(d.generatedAt)}. Data per bulan ${c.asOf}.`);
  if (d.demo) doc.fillColor('#a15c00').text('DATA DEMO SINTETIS — bukan data sebenarnya.');
  doc.moveDown(0.5);
  doc.fillColor('#000').font('Helvetica-Bold').fontSize(12).text(`Nilai ${score(c.score)} dari 100${c.rank ? ` · peringkat ${c.rank.position} dari ${c.rank.of}` : ''}`);
  doc.moveDown(0.4);

  const table = (cols: number[], head: string[], rows: string[][]) => {
    const line = (cells: string[], bold: boolean) => {
      if (doc.y > doc.page.height - 60) doc.addPage();
      const y = doc.y;
      let x = 40;
      let h = 12;
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8.5).fillColor('#000');
      cells.forEach((cell, i) => {
        doc.text(cell, x, y, { width: cols[i]! - 4 });
        h = Math.max(h, doc.y - y);
        x += cols[i]!;
      });
      doc.x = 40;
      doc.y = y + h + 2;
    };
    line(head, true);
    for (const r of rows) line(r, false);
    doc.moveDown(0.5);
  };
  const section = (title: string) => {
    if (doc.y > doc.page.height - 100) doc.addPage();
    doc.font('Helvetica-Bold').fontSize(11).fillColor('#000').text(title, 40);
    doc.moveDown(0.2);
  };

  section('Rapor kewajiban');
  table([110, 70, 55, 280], ['Kewajiban', 'Status', 'Poin', 'Bukti'], c.duties.map((x) => [dutyName(x.code), statusName(x.status), `${score(x.score)} / ${x.weight}`, x.evidence.map((e) => `${e.label}: ${e.value}`).join(' · ')]));

  if (c.targetGroups.length > 0) {
    section('Kelompok sasaran');
    table([130, 80, 80, 60, 165], ['Kelompok', 'Jumlah', 'Tercakup', 'Persen', 'Sumber'], c.targetGroups.map((g) => [groupName(g.group), nf.format(g.size), nf.format(g.covered), g.pct === null ? '–' : `${pf.format(g.pct)}%`, g.source]));
  }
  doc.font('Helvetica').fontSize(9).text(`Desa Sadar Jamsostek: ${nf.format(c.desaSadar.villagesSadar)} dari ${nf.format(c.desaSadar.villagesDeclared)} desa yang menyatakan perangkatnya.`, 40);
  doc.moveDown(0.5);

  if (d.children.length > 0) {
    section('Peringkat wilayah di bawahnya');
    const short: Record<string, string> = { met: 'ya', partial: 'sebagian', not_met: 'belum', no_data: '–' };
    table(
      [24, 130, 40, 64, 64, 64, 64, 65],
      ['No', 'Wilayah', 'Nilai', ...c.duties.map((x) => dutyName(x.code))],
      d.children.map((k) => [String(k.position), regionTitle(k.name), score(k.score), ...k.duties.map((x) => short[x.status]!)]),
    );
  }

  const notMet = dutiesNotMet(d);
  section('Kewajiban belum terpenuhi');
  if (notMet.length === 0) doc.font('Helvetica').fontSize(9).text('Tidak ada.', 40);
  else table([170, 190, 155], ['Wilayah', 'Kewajiban', 'Status'], notMet.map((x) => [regionTitle(x.name), x.duty, x.status]));

  section('Tindak lanjut terlambat');
  if (c.overdueActions.length === 0) doc.font('Helvetica').fontSize(9).text('Tidak ada.', 40);
  else table([250, 110, 70, 85], ['Keputusan', 'Penanggung jawab', 'Batas waktu', 'Status'], c.overdueActions.map((a) => [a.decision, a.ownerAgency, formatDateId(a.dueOn), actionStatusName(a.status)]));

  section('Sumber dan definisi');
  for (const [k, v] of sourcesOf(d)) {
    if (doc.y > doc.page.height - 60) doc.addPage();
    doc.font('Helvetica-Bold').fontSize(8.5).text(`${k}: `, 40, undefined, { continued: true, width: W });
    doc.font('Helvetica').text(v);
  }
  doc.end();
  return done;
}
