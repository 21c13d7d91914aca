import PDFDocument from 'pdfkit';
import { MONTHS_ID } from '../../domain/wib.js';
import type { ClaimDetail } from './schemas.js';

/**
 * The cover letter (surat pengantar) to the BPJS TK branch for a claim, generated from one template with
 * the case's data: the participant, the incident, the heirs (names and relation only) and the checklist
 * with what is enclosed. Generated on request from stored rows.
 */
export interface ClaimLetterData {
  claim: ClaimDetail;
  villageName: string;
  regencyName: string;
  kpj: string | null;
  signer: string;
  date: string;
  demo: boolean;
}

const longDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${MONTHS_ID[m! - 1]} ${y}`;
};
const rp = (n: number) => `Rp${n.toLocaleString('id-ID')}`;

export function claimLetterNumber(c: Pick<ClaimDetail, 'id' | 'type' | 'reportedOn'>) {
  return `${String(c.id).padStart(4, '0')}/KLAIM-${c.type.replace('_', '-')}/${c.reportedOn.slice(0, 4)}`;
}

export function renderClaimLetter(d: ClaimLetterData): Promise<Buffer> {
  const c = d.claim;
  const doc = new PDFDocument({ size: 'A4', margins: { top: 56, bottom: 56, left: 64, right: 64 }, info: { Title: `Surat pengantar klaim ${c.id} — ${c.personName}`, Author: 'Semesta' } });
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 128;

  doc.font('Helvetica-Bold').fontSize(13).text(`PEMERINTAH ${d.regencyName.toUpperCase()}`, { align: 'center' });
  doc.fontSize(12).text(`DESA/KELURAHAN ${d.villageName.toUpperCase()}`, { align: 'center' });
  doc.moveDown(0.3);
  doc.moveTo(64, doc.y).lineTo(64 + width, doc.y).lineWidth(1.5).stroke();
  doc.moveDown(0.8);
  if (d.demo) doc.font('Helvetica-Oblique').fontSize(8).fillColor('#b00').text('DATA DEMO SINTETIS — bukan surat resmi', { align: 'right' }).fillColor('black');

  doc.font('Helvetica').fontSize(10.5);
  doc.text(`Nomor     : ${claimLetterNumber(c)}`);
  doc.text(`Tanggal   : ${longDate(d.date)}`);
  doc.text(`Perihal   : Pengantar pengajuan klaim ${c.typeLabel}`);
  doc.moveDown();
  doc.text('Kepada Yth.');
  doc.font('Helvetica-Bold').text('Kepala BPJS Ketenagakerjaan Kantor Cabang');
  doc.font('Helvetica').text(d.regencyName);
  doc.moveDown();
  doc.text('Dengan hormat, bersama ini kami sampaikan pengajuan klaim jaminan sosial ketenagakerjaan atas nama peserta berikut:', { align: 'justify' });
  doc.moveDown(0.5);
  const row = (k: string, v: string) => doc.text(`${k.padEnd(22, ' ')}: ${v}`, { indent: 12 });
  row('Nama', c.personName);
  row('NIK', c.personNik);
  row('Nomor KPJ', d.kpj ?? '-');
  row('Jenis klaim', c.typeLabel);
  row('Tanggal kejadian', longDate(c.incidentDate));
  row('Tempat kejadian', c.incidentPlace || '-');
  row('Dilaporkan', `${longDate(c.reportedOn)} oleh ${c.reportedBy}`);
  if (c.lateReport) row('Catatan', 'laporan pertama melewati 2 × 24 jam setelah kejadian');
  row('Perkiraan manfaat', rp(c.estimate.total));
  doc.moveDown(0.5);
  if (c.description) doc.text(`Kronologi: ${c.description}`, { align: 'justify' }).moveDown(0.5);
  if (c.heirs.length) {
    doc.text('Ahli waris:');
    c.heirs.forEach((h, i) => doc.text(`${i + 1}. ${h.name} (${h.relation})`, { indent: 12 }));
    doc.moveDown(0.5);
  }
  doc.text('Dokumen terlampir:');
  c.checklist.forEach((item, i) => doc.text(`${i + 1}. [${item.document ? 'x' : ' '}] ${item.label}${item.required ? '' : ' (bila ada)'}`, { indent: 12 }));
  doc.moveDown();
  doc.text('Demikian surat pengantar ini kami sampaikan. Atas perhatian dan kerja samanya kami ucapkan terima kasih.', { align: 'justify' });
  doc.moveDown(2);
  doc.text(`${d.villageName}, ${d.date.split('-').reverse().join('/')}`, { align: 'right' });
  doc.text('Yang mengajukan,', { align: 'right' });
  doc.moveDown(3);
  doc.font('Helvetica-Bold').text(d.signer, { align: 'right' });
  doc.end();
  return done;
}
