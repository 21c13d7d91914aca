/** Shapes returned by the Semesta API (see /api/docs). */

export const ROLES = [
  'national_monitor',
  'province_operator',
  'regency_operator',
  'village_operator',
  'bpjs_branch',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

export interface Me {
  username: string;
  displayName: string;
  role: Role;
  regionCode: string;
  regionName: string;
  demo: boolean;
  csrfToken: string;
}

export type RegionLevel = 'country' | 'province' | 'regency' | 'district' | 'village';
export type VillageKind = 'desa' | 'kelurahan';

export interface RegionSummary {
  code: string;
  name: string;
  level: RegionLevel;
  kind?: VillageKind;
}

export interface RegionDetail extends RegionSummary {
  parentCode: string | null;
  ancestors: RegionSummary[];
}

/** The whole country: scope of national users and the root of the region tree. */
export const NATIONAL = 'ID';

// ——— Worker registry ———

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

/** Which segments each group may be enrolled in (mirrors src/domain/worker.ts; the server decides). */
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

export const PROGRAMS = ['JKK', 'JKM', 'JHT', 'JP'] as const;
export type Program = (typeof PROGRAMS)[number];
/** Every participant has these two. */
export const MANDATORY_PROGRAMS: readonly Program[] = ['JKK', 'JKM'];

export const STATUSES = ['submitted', 'registered', 'active', 'lapsed', 'ended'] as const;
export type EnrolmentStatus = (typeof STATUSES)[number];

export type Sex = 'L' | 'P';

export interface Worker {
  id: number;
  /** Masked (3202••••••••0001) unless revealed. */
  nik: string;
  nikMasked: boolean;
  name: string;
  birthDate: string;
  sex: Sex;
  villageCode: string;
  villageName: string;
  address: string;
  phone: string | null;
  occupation: string | null;
  enrolmentId: number | null;
  segment: Segment | null;
  group: Group | null;
  programs: Program[] | null;
  status: EnrolmentStatus | null;
  fundingSource: string | null;
  declaredIncome: number | null;
  kpj: string | null;
}

export interface WorkerPage {
  items: Worker[];
  total: number;
  page: number;
  pageSize: number;
}

/** Filters of the worker list (and of its Excel export). */
export interface WorkerFilter {
  region?: string;
  q?: string;
  nik?: string;
  segment?: Segment;
  group?: Group;
  status?: EnrolmentStatus;
  payer?: string;
}

export interface NewWorker {
  nik: string;
  name: string;
  birthDate: string;
  sex: Sex;
  villageCode: string;
  address: string;
  phone?: string;
  occupation?: string;
  enrolment?: {
    segment: Segment;
    group: Group;
    programs: Program[];
    declaredIncome?: number;
    fundingSource?: string;
    /** funding (issue 4) */
    fundingProgramId?: number;
    confirmOverCapacity?: boolean;
  };
}

export interface Issue {
  field: string;
  code: string;
  message: string;
  messageEn: string;
}

export interface CreatedWorker extends Worker {
  warnings: Issue[];
}

// ——— Bulk import ———

export type ImportStatus = 'validating' | 'validated' | 'committing' | 'committed' | 'failed';

export interface ImportCounts {
  total: number;
  valid: number;
  rejected: number;
  duplicateInFile: number;
  alreadyRegistered: number;
  doubleFunded: number;
  withWarnings: number;
  rejectedByReason: Record<string, number>;
}

export interface ImportView {
  id: number;
  filename: string;
  status: ImportStatus;
  /** 0..1 of the current phase (validating or committing). */
  progress: number;
  /** May be partial (or empty) while the file is still being read. */
  counts: Partial<ImportCounts>;
  error?: { code: string; message: string; messageEn: string };
  committed?: { people: number; enrolments: number };
}
