/**
 * What makes a worker record acceptable, for the single-entry form and the bulk import alike.
 * Pure: region existence comes in through RegionLookup; values arrive already parsed.
 */
import type { Bilingual } from './bilingual.js';
import { checkNik, checkNikAgainstPerson, normalizeNik, type RegionLookup as NikRegions, type Sex } from './nik.js';
import { todayWib } from './wib.js';

export const SEGMENTS = ['PU', 'BPU', 'JAKON', 'PMI'] as const;
export type Segment = (typeof SEGMENTS)[number];

export const GROUPS = [
  'NON_ASN',
  'PERANGKAT_DESA',
  'BPD',
  'RT_RW',
  'PEKERJA_RENTAN',
  'PEKERJA_HARIAN_LEPAS',
  'KONSTRUKSI_DESA',
  'BADAN_ADHOC_PEMILU',
  'OTHER',
] as const;
export type Group = (typeof GROUPS)[number];

export const PROGRAMS = ['JKK', 'JKM', 'JHT', 'JP'] as const;
export type Program = (typeof PROGRAMS)[number];
/** Every participant has these two. */
export const isProgram = (p: string): p is Program => (PROGRAMS as readonly string[]).includes(p);
export const MANDATORY_PROGRAMS: readonly Program[] = ['JKK', 'JKM'];

export const STATUSES = ['submitted', 'registered', 'active', 'lapsed', 'ended'] as const;
export type EnrolmentStatus = (typeof STATUSES)[number];
/** What a person reads for each status (screens and exports never show the code). */
export const STATUS_LABELS: Record<EnrolmentStatus, { id: string; en: string }> = {
  submitted: { id: 'Diajukan', en: 'Submitted' },
  registered: { id: 'Terdaftar', en: 'Registered' },
  active: { id: 'Aktif', en: 'Active' },
  lapsed: { id: 'Nonaktif (menunggak)', en: 'Lapsed (in arrears)' },
  ended: { id: 'Berakhir', en: 'Ended' },
};
/** Statuses in which an enrolment holds its programmes (and blocks a second payer). */
export const OPEN_STATUSES: readonly EnrolmentStatus[] = ['submitted', 'registered', 'active'];

/** Which segments each group may be enrolled in (DOMAIN.md "Segments"). */
export const GROUP_SEGMENTS: Record<Group, readonly Segment[]> = {
  NON_ASN: ['PU'],
  PERANGKAT_DESA: ['BPU', 'PU'],
  BPD: ['BPU', 'PU'],
  RT_RW: ['BPU', 'PU'],
  PEKERJA_RENTAN: ['BPU'],
  PEKERJA_HARIAN_LEPAS: ['BPU'],
  KONSTRUKSI_DESA: ['JAKON'],
  BADAN_ADHOC_PEMILU: ['BPU', 'PU'],
  OTHER: ['PU', 'BPU', 'JAKON', 'PMI'],
};

/** Labels as operators write them in spreadsheets, for reading a Kelompok column. */
export const GROUP_LABELS: Record<Group, string> = {
  NON_ASN: 'Non-ASN',
  PERANGKAT_DESA: 'Perangkat Desa',
  BPD: 'BPD',
  RT_RW: 'RT/RW',
  PEKERJA_RENTAN: 'Pekerja Rentan',
  PEKERJA_HARIAN_LEPAS: 'Pekerja Harian Lepas',
  KONSTRUKSI_DESA: 'Konstruksi Desa',
  BADAN_ADHOC_PEMILU: 'Badan Adhoc Pemilu',
  OTHER: 'Lainnya',
};

export function parseGroup(text: string): Group | undefined {
  const key = text.trim().toUpperCase().replace(/[^A-Z]+/g, '_').replace(/^_|_$/g, '');
  if ((GROUPS as readonly string[]).includes(key)) return key as Group;
  const byLabel = Object.entries(GROUP_LABELS).find(([, label]) => label.toUpperCase().replace(/[^A-Z]+/g, '_') === key);
  if (byLabel) return byLabel[0] as Group;
  return key === 'LAINNYA' || key === 'LAIN_LAIN' ? 'OTHER' : undefined;
}

export function parseSegment(text: string): Segment | undefined {
  const key = text.trim().toUpperCase().replace(/[^A-Z]/g, '');
  return (SEGMENTS as readonly string[]).includes(key) ? (key as Segment) : undefined;
}

export interface RegionLookup extends NikRegions {
  villageExists(code: string): boolean;
}

export interface WorkerInput {
  nik: unknown;
  name: string;
  birthDate: string | undefined;
  sex: Sex | undefined;
  villageCode: string;
  address: string;
  phone?: string;
  occupation?: string;
  enrolment?: {
    segment: Segment | undefined;
    group: Group | undefined;
    programs: string[];
    declaredIncome?: number | null;
    fundingSource?: string;
    /** funding (issue 4): the payer programme; its checks run in the service */
    fundingProgramId?: number;
    confirmOverCapacity?: boolean;
  };
}

export interface FieldProblem {
  field: string;
  code: string;
  message: Bilingual;
}

export interface WorkerCheck {
  nik?: string;
  errors: FieldProblem[];
  warnings: FieldProblem[];
}

const at = (field: string, code: string, id: string, en: string): FieldProblem => ({ field, code, message: { id, en } });

export function checkWorker(input: WorkerInput, regions: RegionLookup): WorkerCheck {
  const errors: FieldProblem[] = [];
  const warnings: FieldProblem[] = [];
  let nik: string | undefined;

  const normal = normalizeNik(input.nik);
  if ('error' in normal) errors.push({ field: 'nik', ...normal.error });
  else {
    nik = normal.nik;
    const r = checkNik(nik, regions);
    errors.push(...r.errors.map((p) => ({ field: 'nik', ...p })));
    warnings.push(...r.warnings.map((p) => ({ field: 'nik', ...p })));
    if (r.facts && r.errors.length === 0 && input.birthDate && input.sex) {
      for (const p of checkNikAgainstPerson(r.facts, input.birthDate, input.sex)) {
        errors.push({ field: p.code === 'NIK_SEX_MISMATCH' ? 'sex' : 'birthDate', ...p });
      }
    }
  }
  if (!input.name.trim()) errors.push(at('name', 'NAME_REQUIRED', 'Nama wajib diisi.', 'Name is required.'));
  if (!input.birthDate) {
    errors.push(at('birthDate', 'BIRTH_DATE_INVALID', 'Tanggal lahir wajib diisi dengan format dd/mm/yyyy.', 'Birth date is required, as dd/mm/yyyy.'));
  } else if (input.birthDate > todayWib() || input.birthDate < '1900-01-01') {
    errors.push(at('birthDate', 'BIRTH_DATE_OUT_OF_RANGE', 'Tanggal lahir di luar rentang yang wajar.', 'Birth date is out of range.'));
  }
  if (!input.sex) errors.push(at('sex', 'SEX_INVALID', 'Jenis kelamin harus L atau P.', 'Sex must be L or P.'));
  if (!/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/.test(input.villageCode)) {
    errors.push(
      at('villageCode', 'VILLAGE_CODE_FORMAT', `Kode desa "${input.villageCode}" harus seperti 32.02.01.2001.`, `Village code "${input.villageCode}" must look like 32.02.01.2001.`),
    );
  } else if (!regions.villageExists(input.villageCode)) {
    errors.push(at('villageCode', 'VILLAGE_UNKNOWN', `Kode desa ${input.villageCode} tidak ada.`, `Village code ${input.villageCode} does not exist.`));
  }
  if (input.phone && !/^\+?[\d\s-]{8,16}$/.test(input.phone)) {
    errors.push(at('phone', 'PHONE_INVALID', `Nomor HP "${input.phone}" tidak valid.`, `Phone number "${input.phone}" is not valid.`));
  }

  const e = input.enrolment;
  if (e) {
    if (!e.segment) errors.push(at('enrolment.segment', 'SEGMENT_INVALID', 'Segmen harus PU, BPU, JAKON atau PMI.', 'Segment must be PU, BPU, JAKON or PMI.'));
    if (!e.group) {
      errors.push(
        at('enrolment.group', 'GROUP_INVALID', `Kelompok harus salah satu dari: ${Object.values(GROUP_LABELS).join(', ')}.`, `Group must be one of: ${Object.values(GROUP_LABELS).join(', ')}.`),
      );
    }
    if (e.segment && e.group && !GROUP_SEGMENTS[e.group].includes(e.segment)) {
      errors.push(
        at(
          'enrolment.segment',
          'SEGMENT_GROUP_MISMATCH',
          `Kelompok ${GROUP_LABELS[e.group]} tidak bisa didaftarkan pada segmen ${e.segment} (boleh: ${GROUP_SEGMENTS[e.group].join(', ')}).`,
          `Group ${GROUP_LABELS[e.group]} cannot be enrolled as ${e.segment} (allowed: ${GROUP_SEGMENTS[e.group].join(', ')}).`,
        ),
      );
    }
    const unknown = e.programs.filter((p) => !isProgram(p));
    if (unknown.length || e.programs.length === 0) {
      errors.push(
        at('enrolment.programs', 'PROGRAMS_INVALID', `Program harus dari JKK, JKM, JHT, JP (tertulis: ${e.programs.join(',') || 'kosong'}).`, `Programmes must be among JKK, JKM, JHT, JP (got: ${e.programs.join(',') || 'none'}).`),
      );
    } else if (!MANDATORY_PROGRAMS.every((p) => e.programs.includes(p))) {
      errors.push(at('enrolment.programs', 'PROGRAMS_JKK_JKM_REQUIRED', 'JKK dan JKM wajib untuk setiap peserta.', 'JKK and JKM are mandatory for every participant.'));
    }
    if (e.segment === 'BPU' && e.programs.includes('JP')) {
      errors.push(at('enrolment.programs', 'PROGRAMS_JP_NOT_BPU', 'Program JP tidak tersedia untuk segmen BPU.', 'JP is not available to BPU participants.'));
    }
    if (e.declaredIncome !== undefined && e.declaredIncome !== null && (!Number.isInteger(e.declaredIncome) || e.declaredIncome < 0)) {
      errors.push(at('enrolment.declaredIncome', 'INCOME_INVALID', 'Penghasilan harus angka rupiah tanpa desimal.', 'Income must be whole rupiah.'));
    } else if (e.segment === 'BPU' && e.declaredIncome != null && e.declaredIncome < 1_000_000) {
      errors.push(at('enrolment.declaredIncome', 'INCOME_BELOW_BPU_MINIMUM', 'Penghasilan BPU minimal Rp1.000.000.', 'BPU declared income starts at Rp1,000,000.'));
    }
  }
  return { nik, errors, warnings };
}
