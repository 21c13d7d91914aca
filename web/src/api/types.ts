/** Shapes returned by the Semesta API (see /api/docs). */

// The domain's own lists and types (pure modules, shared with the server): one definition each.
export { ROLES, type Role } from '../../../src/domain/roles';
import type { Role } from '../../../src/domain/roles';

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

export {
  GROUP_SEGMENTS,
  GROUPS,
  MANDATORY_PROGRAMS,
  PROGRAMS,
  SEGMENTS,
  STATUSES,
  type EnrolmentStatus,
  type Group,
  type Program,
  type Segment,
} from '../../../src/domain/worker';
import type { EnrolmentStatus, Group, Program, Segment } from '../../../src/domain/worker';

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
  /** official participation files: valid rows whose region, month and segment already have a current figure */
  replacing: number;
  withWarnings: number;
  rejectedByReason: Record<string, number>;
  /** valid rows per funding programme their "Sumber Dana" names, and whether they overrun it */
  fundingPrograms: { id: number; name: string; rows: number; overQuota: boolean; overBudget: boolean; message?: { id: string; en: string } }[];
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
  /** what was saved: {people, enrolments} for workers, {employers} for employers */
  committed?: Record<string, number>;
}
