import { inSubtree } from '../../../domain/region-code.js';
import { checkWorker, type FieldProblem, parseGroup, parseSegment, type RegionLookup, type WorkerInput } from '../../../domain/worker.js';
import type { SheetRow } from '../../../lib/spreadsheet/read-rows.js';
import { cellText, parseDate, parseList, parseRupiah, parseSex } from '../../../lib/spreadsheet/values.js';
import type { ImportProblem, StagedRow } from '../../imports/kind.js';
import { FIELD_COLUMN } from './columns.js';
import { type PayerIndex, resolvePayer } from '../../../domain/payer.js';

/** One worker row after validation, as it is staged in import_row. */
export interface StagedWorker extends StagedRow {
  nik: string | null;
  name: string;
  birthDate: string | null;
  sex: string | null;
  villageCode: string;
  address: string;
  phone: string | null;
  occupation: string | null;
  segment: string | null;
  group: string | null;
  programs: string[] | null;
  declaredIncome: number | null;
  fundingSource: string;
  fundingProgramId: number | null;
  /** election cohort rows (issue 18): the ad hoc role and polling station */
  adhocRole?: string | null;
  pollingStation?: string | null;
}

/** What a row is checked against: the regions, and the active funding programmes a payer may name. */
export interface WorkerImportContext {
  regions: RegionLookup;
  payers: PayerIndex;
}

const toProblem = (p: FieldProblem, warning = false): ImportProblem => ({
  column: FIELD_COLUMN[p.field] ?? p.field,
  code: p.code,
  id: p.message.id,
  en: p.message.en,
  ...(warning ? { warning: true } : {}),
});

/** Parses and checks one row with the same rules as the single-entry form (src/domain/worker.ts). */
export function stageWorker(row: SheetRow, { regions, payers }: WorkerImportContext, scope: string): StagedWorker {
  const c = row.cells;
  const problems: ImportProblem[] = [];
  const date = parseDate(c.birthDate);
  const sex = parseSex(c.sex);
  const income = parseRupiah(c.income);
  const segmentText = cellText(c.segment);
  const groupText = cellText(c.group);
  const programs = parseList(c.programs);
  const hasEnrolment = Boolean(segmentText || groupText || programs.length);

  if ('error' in date && cellText(c.birthDate)) {
    problems.push({
      column: 'Tanggal Lahir',
      code: 'DATE_INVALID',
      id: `Tanggal lahir "${cellText(c.birthDate)}" tidak terbaca; tulis sebagai dd/mm/yyyy, mis. 15/05/1990.`,
      en: `Birth date "${cellText(c.birthDate)}" is unreadable; write it as dd/mm/yyyy, e.g. 15/05/1990.`,
    });
  }
  if (income === 'invalid') {
    problems.push({ column: 'Penghasilan (Rp)', code: 'INCOME_INVALID', id: `Penghasilan "${cellText(c.income)}" bukan angka rupiah.`, en: `Income "${cellText(c.income)}" is not a rupiah amount.` });
  }
  const input: WorkerInput = {
    nik: typeof c.nik === 'number' ? c.nik : cellText(c.nik),
    name: cellText(c.name),
    birthDate: 'date' in date ? date.date : undefined,
    sex: sex ?? undefined,
    villageCode: cellText(c.villageCode),
    address: cellText(c.address),
    phone: cellText(c.phone) || undefined,
    occupation: cellText(c.occupation) || undefined,
    enrolment: hasEnrolment
      ? {
          segment: parseSegment(segmentText),
          group: parseGroup(groupText),
          programs,
          declaredIncome: typeof income === 'number' ? income : null,
          fundingSource: cellText(c.fundingSource),
        }
      : undefined,
  };
  const check = checkWorker(input, regions);
  // A date problem already reported above needs no second "birth date required" message.
  problems.push(...check.errors.filter((e) => !(e.code === 'BIRTH_DATE_INVALID' && problems.some((p) => p.code === 'DATE_INVALID'))).map((e) => toProblem(e)));
  if (input.villageCode && check.errors.every((e) => e.field !== 'villageCode') && !inSubtree(scope, input.villageCode)) {
    problems.push({
      column: 'Kode Desa',
      code: 'OUT_OF_SCOPE',
      id: `Desa ${input.villageCode} berada di luar wilayah kerja Anda (${scope}); hanya warga berdomisili di wilayah Anda yang bisa diimpor.`,
      en: `Village ${input.villageCode} is outside your region (${scope}); only people living in your region can be imported.`,
    });
  }
  const rejected = problems.length > 0;
  problems.push(...check.warnings.map((w) => toProblem(w, true)));
  // The payer named in "Sumber Dana", as a funding programme (decisions.md 22): unmatched text is kept, with a warning.
  const payerText = cellText(c.fundingSource);
  const payer = hasEnrolment ? resolvePayer(payers, payerText, input.enrolment?.segment ?? null, input.villageCode) : undefined;
  if (hasEnrolment && payerText && !payer) {
    problems.push({
      column: 'Sumber Dana',
      code: 'FUNDING_PROGRAM_NOT_FOUND',
      warning: true,
      id: `Sumber dana "${payerText}" bukan program pendanaan aktif untuk desa dan segmen ini; dicatat sebagai teks dan tidak ditagihkan.`,
      en: `Payer "${payerText}" is not an active funding programme for this village and segment; kept as text and not billed.`,
    });
  }
  return {
    rowNumber: row.rowNumber,
    raw: row.cells,
    outcome: rejected ? 'rejected' : 'valid',
    problems,
    nik: check.nik ?? null,
    name: input.name,
    birthDate: input.birthDate ?? null,
    sex: input.sex ?? null,
    villageCode: input.villageCode,
    address: input.address,
    phone: input.phone ?? null,
    occupation: input.occupation ?? null,
    segment: input.enrolment?.segment ?? null,
    group: input.enrolment?.group ?? null,
    programs: hasEnrolment ? programs : null,
    declaredIncome: typeof income === 'number' ? income : null,
    fundingSource: payer?.name ?? payerText,
    fundingProgramId: payer?.id ?? null,
  };
}
