/**
 * Each rate key in words (issue 14: no raw codes such as BPU_JKM on the rates page). Keyed by RateKey, so
 * a new key does not compile without its label.
 */
import type { Bilingual } from './bilingual.js';
import type { RateKey } from './rates.js';

const jkkRg = (n: number): Bilingual => ({ id: `Iuran JKK penerima upah, tingkat risiko ${n} (% upah)`, en: `Wage earners' JKK contribution, risk group ${n} (% of wage)` });
const jakonUpto = (n: number): Bilingual => ({ id: `Jasa konstruksi: batas atas nilai kontrak tahap ${n}`, en: `Construction: upper contract value of step ${n}` });
const jakonRate = (n: number, p: 'JKK' | 'JKM'): Bilingual => ({ id: `Jasa konstruksi: iuran ${p} tahap ${n} (% nilai kontrak)`, en: `Construction: ${p} contribution, step ${n} (% of contract value)` });

export const RATE_LABELS: Record<RateKey, Bilingual> = {
  PU_JKK_RG1: jkkRg(1),
  PU_JKK_RG2: jkkRg(2),
  PU_JKK_RG3: jkkRg(3),
  PU_JKK_RG4: jkkRg(4),
  PU_JKK_RG5: jkkRg(5),
  PU_JKM: { id: 'Iuran JKM penerima upah (% upah)', en: "Wage earners' JKM contribution (% of wage)" },
  PU_JHT_EMPLOYER: { id: 'Iuran JHT penerima upah, bagian pemberi kerja', en: "Wage earners' JHT, employer's share" },
  PU_JHT_WORKER: { id: 'Iuran JHT penerima upah, bagian pekerja', en: "Wage earners' JHT, worker's share" },
  PU_JP_EMPLOYER: { id: 'Iuran JP, bagian pemberi kerja', en: "JP contribution, employer's share" },
  PU_JP_WORKER: { id: 'Iuran JP, bagian pekerja', en: "JP contribution, worker's share" },
  PU_JP_WAGE_CAP: { id: 'Batas atas upah untuk iuran JP', en: 'Wage cap for JP contributions' },
  PU_DAILY_WAGE_DAYS: { id: 'Hari kerja sebulan untuk upah harian', en: 'Working days a month for daily wages' },
  BPU_JKK: { id: 'Iuran JKK bukan penerima upah (% penghasilan)', en: 'Non-wage earners\u2019 JKK contribution (% of income)' },
  BPU_JKM: { id: 'Iuran JKM bukan penerima upah (per bulan)', en: 'Non-wage earners\u2019 JKM contribution (a month)' },
  BPU_JHT: { id: 'Iuran JHT bukan penerima upah (% penghasilan)', en: 'Non-wage earners\u2019 JHT contribution (% of income)' },
  BPU_MIN_INCOME: { id: 'Penghasilan terendah bukan penerima upah', en: 'Lowest declared income, non-wage earners' },
  BPU_MAX_INCOME: { id: 'Penghasilan tertinggi bukan penerima upah', en: 'Highest declared income, non-wage earners' },
  JAKON_WAGE_JKK: { id: 'Jasa konstruksi berbasis upah: iuran JKK', en: 'Construction on wages: JKK contribution' },
  JAKON_WAGE_JKM: { id: 'Jasa konstruksi berbasis upah: iuran JKM', en: 'Construction on wages: JKM contribution' },
  JAKON_STEP1_UPTO: jakonUpto(1),
  JAKON_STEP2_UPTO: jakonUpto(2),
  JAKON_STEP3_UPTO: jakonUpto(3),
  JAKON_STEP4_UPTO: jakonUpto(4),
  JAKON_STEP1_JKK: jakonRate(1, 'JKK'),
  JAKON_STEP2_JKK: jakonRate(2, 'JKK'),
  JAKON_STEP3_JKK: jakonRate(3, 'JKK'),
  JAKON_STEP4_JKK: jakonRate(4, 'JKK'),
  JAKON_STEP5_JKK: jakonRate(5, 'JKK'),
  JAKON_STEP1_JKM: jakonRate(1, 'JKM'),
  JAKON_STEP2_JKM: jakonRate(2, 'JKM'),
  JAKON_STEP3_JKM: jakonRate(3, 'JKM'),
  JAKON_STEP4_JKM: jakonRate(4, 'JKM'),
  JAKON_STEP5_JKM: jakonRate(5, 'JKM'),
  PMI_PRE_PLACEMENT: { id: 'Pekerja migran: iuran sebelum penempatan', en: 'Migrant workers: pre-placement contribution' },
  PMI_6_MONTHS: { id: 'Pekerja migran: iuran penempatan 6 bulan', en: 'Migrant workers: 6-month placement' },
  PMI_12_MONTHS: { id: 'Pekerja migran: iuran penempatan 12 bulan', en: 'Migrant workers: 12-month placement' },
  PMI_24_MONTHS: { id: 'Pekerja migran: iuran penempatan 24 bulan', en: 'Migrant workers: 24-month placement' },
  PMI_EXTRA_MONTH: { id: 'Pekerja migran: iuran per bulan perpanjangan', en: 'Migrant workers: each extra month' },
  BEN_JKM_LUMP_SUM: { id: 'Manfaat JKM: santunan sekaligus', en: 'JKM benefit: lump sum' },
  BEN_PERIODIC_MONTHLY: { id: 'Manfaat JKM: santunan berkala per bulan', en: 'JKM benefit: periodic payment a month' },
  BEN_PERIODIC_MONTHS: { id: 'Manfaat JKM: lama santunan berkala (bulan)', en: 'JKM benefit: months of periodic payments' },
  BEN_FUNERAL: { id: 'Manfaat JKM: biaya pemakaman', en: 'JKM benefit: funeral costs' },
  BEN_SCHOLARSHIP_TOTAL: { id: 'Beasiswa anak: jumlah paling banyak', en: "Children's scholarship: maximum total" },
  BEN_SCHOLARSHIP_PER_CHILD: { id: 'Beasiswa anak: paling banyak per anak', en: "Children's scholarship: maximum per child" },
  BEN_SCHOLARSHIP_MIN_MONTHS: { id: 'Beasiswa anak: masa iuran paling sedikit (bulan)', en: "Children's scholarship: minimum contribution months" },
  BEN_JKK_DEATH_WAGE_MULTIPLE: { id: 'Manfaat JKK meninggal: kelipatan upah', en: 'JKK death benefit: multiple of the wage' },
  BPU_LAPSE_MONTHS: { id: 'Nonaktif setelah menunggak (bulan)', en: 'Lapse after unpaid months' },
  JAKON_REGISTRATION_WORKING_DAYS: { id: 'Batas pendaftaran pekerja proyek Jakon (hari kerja setelah SPK)', en: 'Jakon project registration deadline (working days after the work order)' },
};

/** The label of a rate key in a language; a key this build does not know is shown as "Tarif lain". */
export function rateLabel(key: string, lang: 'id' | 'en' = 'id'): string {
  return (RATE_LABELS as Record<string, Bilingual>)[key]?.[lang] ?? (lang === 'en' ? 'Other rate' : 'Tarif lain');
}
