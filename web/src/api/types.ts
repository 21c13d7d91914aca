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
