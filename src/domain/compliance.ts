/**
 * Employer compliance (DOMAIN.md "Employer compliance"): is an employer registered with BPJS TK for all
 * its workers, at their real wages, in every programme its size class requires? Pure: the UMK and the
 * programme requirement come in as arguments (both are date-effective data, never constants here).
 *
 *   PWBD         obliged (has employees) but not registered at all
 *   PDS_TK       registered, but fewer workers than it declared to the labour office (WLKP)
 *   PDS_UPAH     wage reported to BPJS TK below the regency minimum wage (UMK) or below the declared actual wage
 *   PDS_PROGRAM  registered without a programme its size class requires
 * The PDS findings can hold at once; PWBD excludes them (nothing is registered to be partial about).
 */
import type { Bilingual } from './bilingual.js';
import type { Program } from './worker.js';

export const SIZE_CLASSES = ['micro', 'small', 'medium', 'large'] as const;
export type SizeClass = (typeof SIZE_CLASSES)[number];

export const SIZE_CLASS_LABELS: Record<SizeClass, Bilingual> = {
  micro: { id: 'mikro', en: 'micro' },
  small: { id: 'kecil', en: 'small' },
  medium: { id: 'menengah', en: 'medium' },
  large: { id: 'besar', en: 'large' },
};

export const FINDING_CODES = ['PWBD', 'PDS_TK', 'PDS_UPAH', 'PDS_PROGRAM'] as const;
export type FindingCode = (typeof FINDING_CODES)[number];
export const COMPLIANCE_STATUSES = ['compliant', ...FINDING_CODES] as const;
export type ComplianceStatus = (typeof COMPLIANCE_STATUSES)[number];
/** What a person reads for each compliance status (exports never show the code). */
export const COMPLIANCE_STATUS_LABELS: Record<ComplianceStatus, Bilingual> = {
  compliant: { id: 'Patuh', en: 'Compliant' },
  PWBD: { id: 'PWBD (wajib belum daftar)', en: 'PWBD (obliged, not registered)' },
  PDS_TK: { id: 'PDS Tenaga Kerja', en: 'PDS workers' },
  PDS_UPAH: { id: 'PDS Upah', en: 'PDS wages' },
  PDS_PROGRAM: { id: 'PDS Program', en: 'PDS programmes' },
};

export interface EmployerFacts {
  /** NPP, the BPJS TK employer number; null or empty when the employer is not registered */
  npp: string | null;
  sizeClass: SizeClass;
  /** employees declared to the labour office (e.g. WLKP) */
  employeesDeclared: number;
  /** workers registered at BPJS TK */
  workersRegistered: number;
  /** average monthly wage reported to BPJS TK, integer rupiah; null when unknown */
  wageReported: number | null;
  /** average monthly wage actually paid, as declared to the labour office or found on inspection; null when unknown */
  wageActual: number | null;
  programs: readonly string[];
}

export interface ComplianceContext {
  /** UMK of the employer's regency for the year assessed; null when not yet entered */
  umk: number | null;
  umkYear?: number;
  /** programmes the employer's size class must have, from the date-effective configuration */
  requiredPrograms: readonly Program[];
}

export interface Finding {
  code: FindingCode;
  message: Bilingual;
  /** the numbers behind the sentence, for tables and letters */
  facts: Record<string, number | string | string[] | null>;
}

const num = (n: number, lang: 'id' | 'en') => new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-US', { maximumFractionDigits: 0 }).format(n);
const rp = (n: number, lang: 'id' | 'en') => `Rp${num(n, lang)}`;
const list = (items: readonly string[], lang: 'id' | 'en') =>
  items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} ${lang === 'id' ? 'dan' : 'and'} ${items[items.length - 1]}`;

const registered = (f: EmployerFacts) => !!f.npp && f.npp.trim() !== '';

/** Every finding for one employer; an empty list means compliant. */
export function assessEmployer(f: EmployerFacts, ctx: ComplianceContext): Finding[] {
  if (!registered(f)) {
    if (f.employeesDeclared <= 0) return [];
    return [
      {
        code: 'PWBD',
        message: {
          id: `Belum terdaftar di BPJS Ketenagakerjaan padahal melaporkan ${num(f.employeesDeclared, 'id')} pekerja ke Disnaker.`,
          en: `Not registered with BPJS Ketenagakerjaan although it declared ${num(f.employeesDeclared, 'en')} employees to the labour office.`,
        },
        facts: { employeesDeclared: f.employeesDeclared, workersRegistered: 0 },
      },
    ];
  }

  const findings: Finding[] = [];
  if (f.workersRegistered < f.employeesDeclared) {
    const missing = f.employeesDeclared - f.workersRegistered;
    findings.push({
      code: 'PDS_TK',
      message: {
        id: `Baru ${num(f.workersRegistered, 'id')} dari ${num(f.employeesDeclared, 'id')} pekerja yang dilaporkan ke Disnaker terdaftar; ${num(missing, 'id')} pekerja belum didaftarkan.`,
        en: `Only ${num(f.workersRegistered, 'en')} of the ${num(f.employeesDeclared, 'en')} employees declared to the labour office are registered; ${num(missing, 'en')} are not.`,
      },
      facts: { employeesDeclared: f.employeesDeclared, workersRegistered: f.workersRegistered, missing },
    });
  }

  if (f.wageReported !== null) {
    const belowUmk = ctx.umk !== null && f.wageReported < ctx.umk;
    const belowActual = f.wageActual !== null && f.wageReported < f.wageActual;
    if (belowUmk || belowActual) {
      const year = ctx.umkYear ? ` ${ctx.umkYear}` : '';
      const parts: Bilingual[] = [];
      if (belowUmk) {
        parts.push({
          id: `di bawah UMK${year} ${rp(ctx.umk!, 'id')} (selisih ${rp(ctx.umk! - f.wageReported, 'id')})`,
          en: `below the${year} regional minimum wage (UMK) of ${rp(ctx.umk!, 'en')} (short by ${rp(ctx.umk! - f.wageReported, 'en')})`,
        });
      }
      if (belowActual) {
        parts.push({
          id: `di bawah upah sebenarnya ${rp(f.wageActual!, 'id')} (selisih ${rp(f.wageActual! - f.wageReported, 'id')})`,
          en: `below the actual wage of ${rp(f.wageActual!, 'en')} (short by ${rp(f.wageActual! - f.wageReported, 'en')})`,
        });
      }
      findings.push({
        code: 'PDS_UPAH',
        message: {
          id: `Upah yang dilaporkan ${rp(f.wageReported, 'id')} ${parts.map((p) => p.id).join(' dan ')}.`,
          en: `Reported wage of ${rp(f.wageReported, 'en')} is ${parts.map((p) => p.en).join(' and ')}.`,
        },
        facts: {
          wageReported: f.wageReported,
          umk: ctx.umk,
          umkYear: ctx.umkYear ?? null,
          wageActual: f.wageActual,
          belowUmk: belowUmk ? 'yes' : 'no',
          belowActual: belowActual ? 'yes' : 'no',
        },
      });
    }
  }

  const missingPrograms = ctx.requiredPrograms.filter((p) => !f.programs.includes(p));
  if (missingPrograms.length) {
    const size = SIZE_CLASS_LABELS[f.sizeClass];
    findings.push({
      code: 'PDS_PROGRAM',
      message: {
        id: `Usaha ${size.id} wajib ikut ${list(ctx.requiredPrograms, 'id')}, tetapi belum mendaftarkan ${list(missingPrograms, 'id')}.`,
        en: `A ${size.en} business must have ${list(ctx.requiredPrograms, 'en')}, but ${list(missingPrograms, 'en')} ${missingPrograms.length > 1 ? 'are' : 'is'} missing.`,
      },
      facts: { sizeClass: f.sizeClass, required: [...ctx.requiredPrograms], registered: [...f.programs], missing: missingPrograms },
    });
  }
  return findings;
}

/** The status codes an employer carries: its finding codes, or ['compliant']. */
export function statusesOf(findings: readonly Finding[]): ComplianceStatus[] {
  return findings.length ? findings.map((x) => x.code) : ['compliant'];
}

/**
 * Programmes each size class must register (DOMAIN.md "Programmes": JKK, JKM for everyone covered, JHT
 * for every wage earner, JP for wage earners of medium and large employers). The default row of the
 * date-effective `compliance_program_rule` table; an administrator corrects the table, not this.
 */
export const DEFAULT_REQUIRED_PROGRAMS: Record<SizeClass, readonly Program[]> = {
  micro: ['JKK', 'JKM', 'JHT'],
  small: ['JKK', 'JKM', 'JHT'],
  medium: ['JKK', 'JKM', 'JHT', 'JP'],
  large: ['JKK', 'JKM', 'JHT', 'JP'],
};
