import type { SessionUser } from '../../access/session-user.js';
import type { Db } from '../../db/client.js';
import { audited, recordAudit, type Tx } from '../../db/tx.js';
import { maskNik } from '../../domain/nik.js';
import { inSubtree } from '../../domain/region-code.js';
import { checkWorker, type EnrolmentStatus, type FieldProblem, type Group, type Program, type Segment } from '../../domain/worker.js';
import { AppError, errors } from '../../lib/errors.js';
import { checkProgramForEnrolment } from '../funding/planning/capacity.js';
import { findRegion } from '../regions/queries.js';
import { regionIndex } from '../regions/region-index.js';
import { coversFor, findPerson, findPersonByNik, insertEnrolment, insertPerson, type WorkerRow } from './queries.js';
import type { CreatedWorker, Issue, NewWorker, Worker } from './schemas.js';

export const toIssue = (p: FieldProblem, prefix = 'body.'): Issue => ({ field: `${prefix}${p.field}`, code: p.code, message: p.message.id, messageEn: p.message.en });

function rejectInvalid(problems: FieldProblem[]): never {
  const first = problems[0]!;
  throw new AppError(
    422,
    'VALIDATION_FAILED',
    { id: `Data tidak valid: ${first.message.id}`, en: `Invalid input: ${first.message.en}` },
    `body.${first.field}`,
    problems.map((p) => toIssue(p)),
  );
}

/**
 * Registers a person (and optionally their first enrolment) from the single-entry form or API.
 * The route's rule has checked that the domicile village lies in the caller's region.
 */
export async function createWorker(db: Db, user: SessionUser, input: NewWorker): Promise<CreatedWorker> {
  const check = checkWorker(input, await regionIndex(db));
  if (check.errors.length) rejectInvalid(check.errors);
  const nik = check.nik!;

  const { person, enrolment } = await audited(db, user, async (tx) => {
    const existing = await findPersonByNik(tx, nik);
    if (existing) {
      throw new AppError(
        409,
        'PERSON_EXISTS',
        { id: `NIK ${maskNik(nik)} sudah terdaftar.`, en: `NIK ${maskNik(nik)} is already registered.` },
        'body.nik',
        undefined,
        inSubtree(user.regionCode, existing.village_code) ? { id: existing.id } : undefined,
      );
    }
    const person = await insertPerson(tx, nik, input);
    const enrolment = input.enrolment ? await enrol(tx, user, person.id, person.village_code, input.enrolment) : null;
    const after = { ...person, nik: maskNik(person.nik), enrolment };
    return {
      result: { person, enrolment },
      audit: [{ action: 'create', entityType: 'worker', entityId: String(person.id), regionCode: person.village_code, before: null, after }],
    };
  });
  const row: WorkerRow = {
    id: person.id,
    nik: person.nik,
    name: person.name,
    birthDate: person.birth_date,
    sex: person.sex,
    villageCode: person.village_code,
    villageName: (await findRegion(db, person.village_code))?.name ?? '',
    address: person.address,
    phone: person.phone,
    occupation: person.occupation,
    enrolmentId: enrolment?.id ?? null,
    segment: (enrolment?.segment as Segment | undefined) ?? null,
    group: (enrolment?.group_code as Group | undefined) ?? null,
    programs: (enrolment?.programs as Program[] | undefined) ?? null,
    status: (enrolment?.status as EnrolmentStatus | undefined) ?? null,
    fundingSource: enrolment?.funding_source ?? null,
    fundingProgramId: enrolment?.funding_program_id ?? null,
    declaredIncome: enrolment?.declared_income ?? null,
    kpj: enrolment?.kpj ?? null,
  };
  return { ...present(row), warnings: check.warnings.map((w) => toIssue(w)) };
}

async function enrol(tx: Tx, user: SessionUser, personId: number, villageCode: string, e: NonNullable<NewWorker['enrolment']>) {
  // funding (issue 4): a referenced payer must fit the village and segment, and have room (quota, budget)
  const program = e.fundingProgramId ? await checkProgramForEnrolment(tx, user, { fundingProgramId: e.fundingProgramId, segment: e.segment, villageCode, confirmOverCapacity: e.confirmOverCapacity }) : undefined;
  await refuseDoubleFunding(tx, personId, e.programs);
  return insertEnrolment(tx, personId, villageCode, e, program);
}

/** The registry's double-funding rule: a person holds each programme through one open enrolment only (409 DOUBLE_FUNDED). */
export async function refuseDoubleFunding(tx: Tx, personId: number, programs: string[]): Promise<void> {
  const taken = await coversFor(tx, personId, programs);
  if (taken.length) {
    const payers = [...new Set(taken.map((c) => c.funding_source || '—'))].join(', ');
    throw new AppError(
      409,
      'DOUBLE_FUNDED',
      {
        id: `Orang ini sudah dilindungi untuk ${taken.map((c) => c.program).join(', ')} oleh ${payers}; tidak boleh didanai dua kali.`,
        en: `This person is already covered for ${taken.map((c) => c.program).join(', ')} by ${payers}; they cannot be funded twice.`,
      },
      'body.enrolment.programs',
    );
  }
}

/**
 * The registry's rules for a worker listed on a project or cohort (issue 18): the same checks as the
 * single-entry form (NIK, birth date and sex against it, village); an existing person (same NIK) is reused
 * when they live in the caller's region, else 409 PERSON_EXISTS as for POST /api/workers.
 */
export async function checkedPerson(db: Db, input: Omit<NewWorker, 'enrolment'>): Promise<{ nik: string; warnings: Issue[] }> {
  const check = checkWorker(input, await regionIndex(db));
  if (check.errors.length) rejectInvalid(check.errors);
  return { nik: check.nik!, warnings: check.warnings.map((w) => toIssue(w)) };
}

export async function personForEnrolment(tx: Tx, user: SessionUser, nik: string, input: Omit<NewWorker, 'enrolment'>) {
  const existing = await findPersonByNik(tx, nik);
  if (!existing) return { person: await insertPerson(tx, nik, { ...input, enrolment: undefined }), created: true };
  if (!inSubtree(user.regionCode, existing.village_code)) {
    throw new AppError(409, 'PERSON_EXISTS', { id: `NIK ${maskNik(nik)} sudah terdaftar di wilayah lain.`, en: `NIK ${maskNik(nik)} is already registered in another region.` }, 'body.nik');
  }
  return { person: existing, created: false };
}

/**
 * A list row as the caller may see it: the NIK masked unless revealed; for roles without `worker:nik`
 * (`masked`) also no birth date and no sex, which are digits 7–12 of the NIK (decisions 41, 60).
 */
export function present(row: WorkerRow, { revealed = false, masked = false }: { revealed?: boolean; masked?: boolean } = {}): Worker {
  const view = { ...row, nik: revealed ? row.nik : maskNik(row.nik), nikMasked: !revealed };
  return masked ? { ...view, birthDate: null, sex: null } : view;
}

/** Shows one full NIK; every look is audited ("who looked at whose NIK"). The route's entity rule (personScope) has checked its region. */
export async function revealNik(db: Db, user: SessionUser, personId: number) {
  const person = await findPerson(db, personId);
  if (!person) throw errors.notFound({ id: 'Pekerja', en: 'Worker' });
  await recordAudit(db, user, {
    action: 'view_nik',
    entityType: 'worker',
    entityId: String(person.id),
    regionCode: person.village_code,
    before: null,
    after: null,
  });
  return { id: person.id, nik: person.nik };
}
