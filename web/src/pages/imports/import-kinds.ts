import type { TFunction } from 'i18next';
import type { Permission } from '../../../../src/domain/roles';
import type { Lang } from '../../i18n';
import { formatNumber, formatRupiah } from '../../lib/format';

type UploadKind = 'employers' | 'registrations' | 'participation' | 'denominators' | 'umk' | 'payments';

/** What differs between the spreadsheet imports the server offers (src/import-kinds.ts). */
export interface ImportKindUi {
  /** where the server's five import routes live */
  apiBase: string;
  /** this page's address; a job is at `${pagePath}/${id}` */
  pagePath: string;
  /** what the user needs to import this kind (as the server's import routes check) */
  writePermission: Permission;
  titleKey: `imports.${'' | `${UploadKind}.`}title` | 'targeting.import.title';
  introKey: `imports.${'' | `${UploadKind}.`}intro` | 'targeting.import.intro';
  hintKey: `imports.${'' | `${UploadKind}.`}templateHint` | 'targeting.import.templateHint';
  listPath: string;
  listKey: `imports.${'' | `${Exclude<UploadKind, 'registrations'>}.`}toList` | 'targeting.import.toList';
  committedText: (t: TFunction, committed: Record<string, number> | undefined, lang: Lang) => string;
  /** the preview's count cards: outcomes this kind can have */
  cards: CountCard[];
  /** "already registered" rows are saved too (linked to the person), not left out (DTSEN, issue 16) */
  registeredAreSaved?: boolean;
}

export type CountKey = 'total' | 'valid' | 'rejected' | 'duplicateInFile' | 'alreadyRegistered' | 'doubleFunded' | 'replacing';
export interface CountCard {
  key: CountKey;
  tone?: 'good' | 'bad' | 'warn';
}

const BASE_CARDS: CountCard[] = [{ key: 'total' }, { key: 'valid', tone: 'good' }, { key: 'rejected', tone: 'bad' }, { key: 'duplicateInFile', tone: 'warn' }, { key: 'alreadyRegistered' }];

export const WORKER_IMPORT: ImportKindUi = {
  apiBase: '/api/imports',
  pagePath: '/impor',
  writePermission: 'worker:write',
  titleKey: 'imports.title',
  introKey: 'imports.intro',
  hintKey: 'imports.templateHint',
  listPath: '/pekerja',
  listKey: 'imports.toList',
  committedText: (t, c, lang) => t('imports.committedText', { people: formatNumber(c?.people ?? 0, lang), enrolments: formatNumber(c?.enrolments ?? 0, lang) }),
  cards: [...BASE_CARDS, { key: 'doubleFunded', tone: 'warn' }],
};

export const EMPLOYER_IMPORT: ImportKindUi = {
  apiBase: '/api/employer-imports',
  pagePath: '/kepatuhan/impor',
  writePermission: 'employer:write',
  titleKey: 'imports.employers.title',
  introKey: 'imports.employers.intro',
  hintKey: 'imports.employers.templateHint',
  listPath: '/kepatuhan',
  listKey: 'imports.employers.toList',
  committedText: (t, c, lang) => t('imports.employers.committedText', { n: formatNumber(c?.employers ?? 0, lang) }),
  cards: BASE_CARDS,
};

/** BPJS TK's list of registered participants (NIK → KPJ): activates the enrolments waiting for it. */
export const REGISTRATION_IMPORT: ImportKindUi = {
  apiBase: '/api/registration-imports',
  pagePath: '/pekerja/impor-kpj',
  writePermission: 'worker:write',
  titleKey: 'imports.registrations.title',
  introKey: 'imports.registrations.intro',
  hintKey: 'imports.registrations.templateHint',
  listPath: '/pekerja',
  listKey: 'imports.toList',
  committedText: (t, c, lang) => t('imports.registrations.committedText', { n: formatNumber(c?.enrolments ?? 0, lang) }),
  cards: BASE_CARDS,
};

/** BPJS TK's official participation figures (issue 11): each valid row replaces the current figure of its key. */
export const PARTICIPATION_IMPORT: ImportKindUi = {
  apiBase: '/api/participation-imports',
  pagePath: '/data-resmi/impor',
  writePermission: 'participation:write',
  titleKey: 'imports.participation.title',
  introKey: 'imports.participation.intro',
  hintKey: 'imports.participation.templateHint',
  listPath: '/cakupan',
  listKey: 'imports.participation.toList',
  committedText: (t, c, lang) => t('imports.participation.committedText', { accepted: formatNumber(c?.accepted ?? 0, lang), replaced: formatNumber(c?.replaced ?? 0, lang) }),
  cards: [{ key: 'total' }, { key: 'valid', tone: 'good' }, { key: 'rejected', tone: 'bad' }, { key: 'duplicateInFile', tone: 'warn' }, { key: 'replacing' }],
};

/** Employed population (BPS Sakernas) and coverage targets per region and year (issue 12: moved onto the job flow). */
export const DENOMINATOR_IMPORT: ImportKindUi = {
  apiBase: '/api/denominator-imports',
  pagePath: '/penduduk-bekerja/impor',
  writePermission: 'denominator:write',
  titleKey: 'imports.denominators.title',
  introKey: 'imports.denominators.intro',
  hintKey: 'imports.denominators.templateHint',
  listPath: '/cakupan',
  listKey: 'imports.denominators.toList',
  committedText: (t, c, lang) => t('imports.denominators.committedText', { denominators: formatNumber(c?.denominators ?? 0, lang), targets: formatNumber(c?.targets ?? 0, lang) }),
  cards: BASE_CARDS.filter((c) => c.key !== 'alreadyRegistered'),
};

/** UMK per regency and year; the regencies' employers are re-assessed on commit. */
export const UMK_IMPORT: ImportKindUi = {
  apiBase: '/api/umk-imports',
  pagePath: '/kepatuhan/umk/impor',
  writePermission: 'umk:write',
  titleKey: 'imports.umk.title',
  introKey: 'imports.umk.intro',
  hintKey: 'imports.umk.templateHint',
  listPath: '/kepatuhan/umk',
  listKey: 'imports.umk.toList',
  committedText: (t, c, lang) => t('imports.umk.committedText', { saved: formatNumber(c?.saved ?? 0, lang), reassessed: formatNumber(c?.reassessed ?? 0, lang) }),
  cards: BASE_CARDS.filter((c) => c.key !== 'alreadyRegistered'),
};

/** A bank or BPJS TK statement: one payment per row; a reference already recorded is not recorded again. */
export const PAYMENT_IMPORT: ImportKindUi = {
  apiBase: '/api/payment-imports',
  pagePath: '/pendanaan/impor-pembayaran',
  writePermission: 'payment:write',
  titleKey: 'imports.payments.title',
  introKey: 'imports.payments.intro',
  hintKey: 'imports.payments.templateHint',
  listPath: '/pendanaan',
  listKey: 'imports.payments.toList',
  committedText: (t, c, lang) =>
    t('imports.payments.committedText', { recorded: formatNumber(c?.recorded ?? 0, lang), amount: formatRupiah(c?.amount ?? 0, lang), lines: formatNumber(c?.linesPaid ?? 0, lang) }),
  cards: BASE_CARDS,
};

/** A DTSEN extract (issue 16): rows become candidates; registered NIKs are linked, not refused. */
export const DTSEN_IMPORT: ImportKindUi = {
  apiBase: '/api/dtsen-imports',
  pagePath: '/dtsen/impor',
  writePermission: 'dtsen:write',
  titleKey: 'targeting.import.title',
  introKey: 'targeting.import.intro',
  hintKey: 'targeting.import.templateHint',
  listPath: '/dtsen',
  listKey: 'targeting.import.toList',
  committedText: (t, c, lang) => t('targeting.import.committedText', { n: formatNumber(c?.candidates ?? 0, lang) }),
  cards: BASE_CARDS,
  registeredAreSaved: true,
};
