import PDFDocument from 'pdfkit';
import type { CaseStep } from '../../domain/compliance-case.js';

/**
 * Letters of the case workflow, generated from one template with the employer's data, the findings that
 * opened the case and the step's dates. Generated on request from stored rows, so the same step always
 * gives the same letter (number, dates and findings are those recorded at the step).
 */
export interface LetterData {
  step: Extract<CaseStep, 'warning_1' | 'warning_2' | 'referred_skk' | 'sanction_recommended'>;
  stepId: number;
  caseId: number;
  stepDate: string;
  deadline: string | null;
  officer: string;
  regencyName: string;
  employer: { name: string; address: string; villageName: string; npp: string | null; nib: string | null };
  findings: { message: { id: string } }[];
  demo: boolean;
}

export const LETTER_STEPS = ['warning_1', 'warning_2', 'referred_skk', 'sanction_recommended'] as const;
export const isLetterStep = (step: string): step is LetterData['step'] => (LETTER_STEPS as readonly string[]).includes(step);

const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
const longDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${MONTHS[m! - 1]} ${y}`;
};
const shortDate = (iso: string) => iso.split('-').reverse().join('/');

const TEXT: Record<LetterData['step'], { code: string; subject: string; body: (d: LetterData) => string; closing: (d: LetterData) => string }> = {
  warning_1: {
    code: 'SP-1',
    subject: 'Surat Peringatan Pertama',
    body: () =>
      'Berdasarkan hasil pemeriksaan data kepesertaan jaminan sosial ketenagakerjaan, perusahaan Saudara belum memenuhi kewajiban sebagaimana diatur dalam Undang-Undang Nomor 24 Tahun 2011 tentang BPJS dan Peraturan Pemerintah Nomor 86 Tahun 2013, dengan temuan sebagai berikut:',
    closing: (d) =>
      `Sehubungan dengan hal tersebut, Saudara diminta untuk mendaftarkan seluruh pekerja, upah yang sebenarnya dan seluruh program yang wajib dalam waktu paling lama 10 (sepuluh) hari kerja, yaitu sampai dengan tanggal ${longDate(d.deadline!)}. Apabila tidak dipenuhi, akan diterbitkan Surat Peringatan Kedua.`,
  },
  warning_2: {
    code: 'SP-2',
    subject: 'Surat Peringatan Kedua',
    body: () =>
      'Menindaklanjuti Surat Peringatan Pertama yang belum Saudara penuhi, dengan ini kami sampaikan peringatan kedua atas temuan berikut:',
    closing: (d) =>
      `Saudara diminta memenuhi kewajiban tersebut paling lama 10 (sepuluh) hari kerja, yaitu sampai dengan tanggal ${longDate(d.deadline!)}. Apabila tidak dipenuhi, perkara ini akan diserahkan kepada Kejaksaan Negeri selaku Jaksa Pengacara Negara dengan Surat Kuasa Khusus (SKK), dan dapat dikenai denda serta sanksi tidak mendapat pelayanan publik tertentu.`,
  },
  referred_skk: {
    code: 'SKK',
    subject: 'Penyerahan Perkara kepada Kejaksaan Negeri (Surat Kuasa Khusus)',
    body: () =>
      'Perusahaan berikut tidak memenuhi dua kali surat peringatan. Dengan ini perkara diserahkan kepada Kejaksaan Negeri selaku Jaksa Pengacara Negara untuk ditindaklanjuti, dengan temuan:',
    closing: () => 'Dokumen pendukung (surat peringatan pertama dan kedua beserta bukti penyampaiannya) terlampir dalam berkas kasus.',
  },
  sanction_recommended: {
    code: 'TMP2T',
    subject: 'Rekomendasi Sanksi Tidak Mendapat Pelayanan Publik Tertentu (TMP2T)',
    body: () =>
      'Sesuai Peraturan Pemerintah Nomor 86 Tahun 2013, kami merekomendasikan pengenaan sanksi tidak mendapat pelayanan publik tertentu (perizinan berusaha, izin mengikuti tender, izin mempekerjakan tenaga kerja asing, izin penyedia jasa pekerja/buruh, dan persetujuan bangunan gedung) kepada perusahaan berikut, atas temuan:',
    closing: () => 'Sanksi dicabut setelah perusahaan memenuhi seluruh kewajibannya.',
  },
};

export function letterNumber(d: Pick<LetterData, 'step' | 'stepId' | 'caseId' | 'stepDate'>) {
  return `${String(d.stepId).padStart(4, '0')}/${TEXT[d.step].code}/KASUS-${d.caseId}/${d.stepDate.slice(0, 4)}`;
}

export function renderLetter(d: LetterData): Promise<Buffer> {
  const t = TEXT[d.step];
  const doc = new PDFDocument({ size: 'A4', margins: { top: 56, bottom: 56, left: 64, right: 64 }, info: { Title: `${t.subject} — ${d.employer.name}`, Author: 'Semesta' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 128;

  doc.font('Helvetica-Bold').fontSize(13).text(`PEMERINTAH ${d.regencyName.toUpperCase()}`, { align: 'center' });
  doc.fontSize(12).text('DINAS TENAGA KERJA', { align: 'center' });
  doc.font('Helvetica').fontSize(9).text('bersama BPJS Ketenagakerjaan Kantor Cabang setempat', { align: 'center' });
  doc.moveDown(0.3);
  doc.moveTo(64, doc.y).lineTo(64 + width, doc.y).lineWidth(1.5).stroke();
  doc.moveDown(0.8);
  if (d.demo) doc.font('Helvetica-Oblique').fontSize(8).fillColor('#b00').text('DATA DEMO SINTETIS — bukan surat resmi', { align: 'right' }).fillColor('black');

  doc.font('Helvetica').fontSize(10.5);
  doc.text(`Nomor     : ${letterNumber(d)}`);
  doc.text(`Tanggal   : ${longDate(d.stepDate)}`);
  doc.text(`Perihal   : ${t.subject}`);
  doc.moveDown();
  doc.text('Kepada Yth.');
  doc.font('Helvetica-Bold').text(`Pimpinan ${d.employer.name}`);
  doc.font('Helvetica').text(d.employer.address || '-');
  doc.text(`Desa/Kelurahan ${d.employer.villageName}, ${d.regencyName}`);
  const ids = [d.employer.npp ? `NPP ${d.employer.npp}` : 'NPP: belum terdaftar', d.employer.nib ? `NIB ${d.employer.nib}` : null].filter(Boolean).join(' · ');
  doc.text(ids);
  doc.moveDown();
  doc.text(t.body(d), { align: 'justify' });
  doc.moveDown(0.5);
  d.findings.forEach((f, i) => doc.text(`${i + 1}. ${f.message.id}`, { indent: 12, align: 'left' }));
  if (d.findings.length === 0) doc.text('-', { indent: 12 });
  doc.moveDown(0.5);
  doc.text(t.closing(d), { align: 'justify' });
  doc.moveDown();
  doc.text('Demikian untuk menjadi perhatian dan dilaksanakan.');
  doc.moveDown(2);
  doc.text(`${d.regencyName.replace(/^Kabupaten |^Kota /, '')}, ${shortDate(d.stepDate)}`, { align: 'right' });
  doc.text('Petugas yang bertanggung jawab,', { align: 'right' });
  doc.moveDown(3);
  doc.font('Helvetica-Bold').text(d.officer, { align: 'right' });
  doc.end();
  return done;
}
