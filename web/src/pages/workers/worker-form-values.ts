/**
 * Pure helpers of the worker form: the dd/mm/yyyy date mask, reading a birth date and sex out of a
 * NIK, checking the form with the server's own rules, and turning the form into the API body.
 */
import type { Bilingual } from '../../../../src/lib/errors';
import { checkNik, type Sex } from '../../../../src/domain/nik';
import { checkWorker, type Group, type Program, type RegionLookup, type Segment } from '../../../../src/domain/worker';
import type { NewWorker } from '../../api/types';

/**
 * Formats what the user types into dd/mm/yyyy as they type: digits get slashes inserted ("15051990" →
 * "15/05/1990"), and a separator after one digit pads it ("1/5/1990" → "01/05/1990"). Idempotent.
 */
export function maskDateInput(raw: string): string {
  const seg = ['', '', ''];
  let i = 0;
  for (const ch of raw) {
    if (ch >= '0' && ch <= '9') {
      if (i < 2 && seg[i]!.length === 2) i++;
      if (i === 2 && seg[2]!.length === 4) break;
      seg[i] += ch;
    } else if ('/.- '.includes(ch) && i < 2 && seg[i]!.length > 0) {
      seg[i] = seg[i]!.padStart(2, '0');
      i++;
    }
  }
  let out = seg[0]!;
  if (i >= 1) out += `/${seg[1]}`;
  if (i >= 2) out += `/${seg[2]}`;
  return out;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "15/05/1990" → "1990-05-15"; undefined when it is not a real date. */
export function parseDisplayDate(text: string): string | undefined {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text.trim());
  if (!m) return undefined;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return `${y}-${pad(mo)}-${pad(d)}`;
}

/** "1990-05-15" → "15/05/1990". */
export function toDisplayDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/**
 * A NIK's digits 7–12 are the birth date as DDMMYY, with 40 added to the day for women. The century
 * is guessed (the most recent year that makes the person at least 10 years old): only a suggestion
 * for empty fields; the server checks the NIK against what is finally entered.
 */
export function factsFromNik(nik: string, today = new Date()): { birthDate: string; sex: Sex } | undefined {
  const facts = checkNik(nik, ANY_REGION).facts;
  if (!facts) return undefined;
  const { day, month, yy, sex } = facts;
  const year = 2000 + yy <= today.getFullYear() - 10 ? 2000 + yy : 1900 + yy;
  const display = `${pad(day)}/${pad(month)}/${year}`;
  return parseDisplayDate(display) ? { birthDate: display, sex } : undefined;
}

/** "1.000.000", "Rp 1,000,000" or "1000000" → 1000000; '' → null; anything else → undefined (invalid). */
export function parseIncome(text: string): number | null | undefined {
  const t = text.replace(/^\s*rp\.?\s*/i, '').replace(/[.,\s]/g, '');
  if (!t) return null;
  return /^\d{1,15}$/.test(t) ? Number(t) : undefined;
}

export interface WorkerFormValues {
  nik: string;
  name: string;
  birthDate: string; // dd/mm/yyyy as shown
  sex: Sex | '';
  villagePath: string[];
  address: string;
  phone: string;
  occupation: string;
  enrol: boolean;
  group: Group | '';
  segment: Segment | '';
  programs: Program[];
  income: string;
  fundingSource: string;
  /** funding (issue 4): the chosen payer programme ('' = none, free text only) */
  fundingProgramId?: string;
  confirmOverCapacity?: boolean;
}

export type FormFieldName =
  | 'nik'
  | 'name'
  | 'birthDate'
  | 'sex'
  | 'villageCode'
  | 'address'
  | 'phone'
  | 'occupation'
  | 'group'
  | 'segment'
  | 'programs'
  | 'declaredIncome'
  | 'fundingSource';

/** Order of the fields on screen: the first invalid one gets the focus. */
export const FIELD_ORDER: FormFieldName[] = [
  'nik',
  'name',
  'birthDate',
  'sex',
  'villageCode',
  'address',
  'phone',
  'occupation',
  'group',
  'segment',
  'programs',
  'declaredIncome',
  'fundingSource',
];

const SERVER_FIELD: Record<string, FormFieldName> = {
  nik: 'nik',
  name: 'name',
  birthDate: 'birthDate',
  sex: 'sex',
  villageCode: 'villageCode',
  address: 'address',
  phone: 'phone',
  occupation: 'occupation',
  'enrolment.group': 'group',
  'enrolment.segment': 'segment',
  'enrolment.programs': 'programs',
  'enrolment.declaredIncome': 'declaredIncome',
  'enrolment.fundingSource': 'fundingSource',
  'enrolment.fundingProgramId': 'fundingSource',
};

/** "body.enrolment.programs" (or "body.enrolment.programs.2") → "programs"; undefined if no field shows it. */
export function formFieldOf(serverField: string | undefined): FormFieldName | undefined {
  if (!serverField) return undefined;
  let f = serverField.replace(/^body\./, '');
  for (;;) {
    const hit = SERVER_FIELD[f];
    if (hit) return hit;
    const dot = f.lastIndexOf('.');
    if (dot < 0) return undefined;
    f = f.slice(0, dot);
  }
}

export function toNewWorker(v: WorkerFormValues, villageCode: string): NewWorker {
  const body: NewWorker = {
    nik: v.nik.trim(),
    name: v.name.trim(),
    birthDate: parseDisplayDate(v.birthDate) ?? v.birthDate,
    sex: v.sex as Sex,
    villageCode,
    address: v.address.trim(),
  };
  if (v.phone.trim()) body.phone = v.phone.trim();
  if (v.occupation.trim()) body.occupation = v.occupation.trim();
  if (v.enrol) {
    const income = parseIncome(v.income);
    body.enrolment = {
      segment: v.segment as Segment,
      group: v.group as Group,
      programs: v.programs,
      ...(typeof income === 'number' ? { declaredIncome: income } : {}),
      ...(v.fundingSource.trim() ? { fundingSource: v.fundingSource.trim() } : {}),
      ...(v.fundingProgramId ? { fundingProgramId: Number(v.fundingProgramId) } : {}),
      ...(v.fundingProgramId && v.confirmOverCapacity ? { confirmOverCapacity: true } : {}),
    };
  }
  return body;
}

/**
 * The browser does not hold the region tree: every code is taken as existing here and the server,
 * which checks the same rules, answers for the regions.
 */
const ANY_REGION: RegionLookup = { provinceExists: () => true, districtExists: () => true, villageExists: () => true };

/** What a field shows under it: the form's own prompt, or a message of the rules (client or server). */
export type FieldMessage = { prompt: FormPromptKey } | { message: Bilingual };

/**
 * Codes of an empty or unreadable field, where the form says what to do with its own control
 * ("Pilih kelompok.") rather than the server's wording for a spreadsheet cell.
 */
const FORM_PROMPTS = {
  NIK_REQUIRED: 'workerForm.nikInvalid',
  BIRTH_DATE_INVALID: 'workerForm.birthDateInvalid',
  SEX_INVALID: 'workerForm.sexRequired',
  VILLAGE_CODE_FORMAT: 'workerForm.villageRequired',
  GROUP_INVALID: 'workerForm.groupRequired',
  SEGMENT_INVALID: 'workerForm.segmentRequired',
} as const;
export type FormPromptKey = (typeof FORM_PROMPTS)[keyof typeof FORM_PROMPTS] | 'workerForm.incomeInvalid';

/** The form checked with the domain's worker rules (src/domain/worker.ts): the first problem of each field. */
export function checkForm(v: WorkerFormValues, villageCode: string): Partial<Record<FormFieldName, FieldMessage>> {
  const income = parseIncome(v.income);
  const { errors } = checkWorker(
    {
      nik: v.nik.trim(),
      name: v.name,
      birthDate: parseDisplayDate(v.birthDate),
      sex: v.sex || undefined,
      villageCode,
      address: v.address,
      phone: v.phone.trim() || undefined,
      occupation: v.occupation.trim() || undefined,
      enrolment: v.enrol ? { segment: v.segment || undefined, group: v.group || undefined, programs: v.programs, declaredIncome: income ?? null } : undefined,
    },
    ANY_REGION,
  );
  const out: Partial<Record<FormFieldName, FieldMessage>> = {};
  // Text the income box cannot read never reaches the rules as a number.
  if (v.enrol && income === undefined) out.declaredIncome = { prompt: 'workerForm.incomeInvalid' };
  for (const e of errors) {
    const field = formFieldOf(e.field);
    if (!field || out[field]) continue;
    const prompt = (FORM_PROMPTS as Record<string, FormPromptKey>)[e.code];
    out[field] = prompt ? { prompt } : { message: e.message };
  }
  return out;
}
