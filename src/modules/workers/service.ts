import type { SessionUser } from '../../access/session-user.js';
import type { Db } from '../../db/client.js';
import { inSubtree } from '../../domain/region-code.js';
import { can } from '../../domain/roles.js';
import { maskNik } from '../../domain/nik.js';
import { checkWorker, type FieldProblem, isProgram, type WorkerInput } from '../../domain/worker.js';
import { AppError, errors } from '../../lib/errors.js';
import { type Actor, audited, recordAudit, type Tx } from '../../db/tx.js';
import { regionIndex } from '../regions/region-index.js';
import { coversFor, findPerson, findPersonByNik, type WorkerRow } from './queries.js';
import { checkProgramForEnrolment } from '../funding/planning/capacity.js';

export const actorOf = (u: SessionUser): Actor => ({ id: u.id, username: u.username });

export const toIssue = (p: FieldProblem, prefix = 'body.') => ({ field: `${prefix}${p.field}`, code: p.code, message: p.message.id, messageEn: p.message.en });

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

/** Registers a person (and optionally their first enrolment) from the single-entry form or API. */
export async function createWorker(db: Db, user: SessionUser, input: WorkerInput) {
  const check = checkWorker(input, await regionIndex(db));
  if (check.errors.length) rejectInvalid(check.errors);
  if (!inSubtree(user.regionCode, input.villageCode)) throw errors.forbiddenRegion(input.villageCode);
  const nik = check.nik!;

  return audited(db, actorOf(user), async (tx) => {
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
    const person = await tx
      .insertInto('person')
      .values({
        nik,
        name: input.name.trim(),
        birth_date: input.birthDate!,
        sex: input.sex!,
        village_code: input.villageCode,
        address: input.address.trim(),
        phone: input.phone?.trim() || null,
        occupation: input.occupation?.trim() || null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const enrolment = input.enrolment ? await insertEnrolment(tx, user, person.id, person.village_code, input.enrolment) : null;
    const after = { ...person, nik: maskNik(person.nik), enrolment };
    return {
      result: { person, enrolment, warnings: check.warnings.map((w) => toIssue(w)) },
      audit: [{ action: 'create', entityType: 'worker', entityId: String(person.id), regionCode: person.village_code, before: null, after }],
    };
  });
}

async function insertEnrolment(tx: Tx, user: SessionUser, personId: number, villageCode: string, e: NonNullable<WorkerInput['enrolment']>) {
  // funding (issue 4): a referenced payer must fit the village and segment, and have room (quota, budget)
  const program = e.fundingProgramId ? await checkProgramForEnrolment(tx, user, { fundingProgramId: e.fundingProgramId, segment: e.segment!, villageCode, confirmOverCapacity: e.confirmOverCapacity }) : undefined;
  const taken = await coversFor(tx, personId, e.programs);
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
  const row = await tx
    .insertInto('enrolment')
    .values({
      person_id: personId,
      segment: e.segment!,
      group_code: e.group!,
      // checkWorker has accepted every programme; the filter only narrows the type
      programs: e.programs.filter(isProgram),
      declared_income: e.declaredIncome ?? null,
      funding_source: e.fundingSource?.trim() || program?.name || '',
      funding_program_id: program?.id ?? null,
      village_code: villageCode,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return row;
}

/** A list row as the caller may see it: the NIK masked unless their role needs it whole. */
export function present(user: SessionUser, row: WorkerRow, revealed = false) {
  return { ...row, nik: revealed ? row.nik : maskNik(row.nik), nikMasked: !revealed };
}

/** Shows one full NIK; every look is audited ("who looked at whose NIK"). Out of scope reads as absent. */
export async function revealNik(db: Db, user: SessionUser, personId: number) {
  if (!can(user.role, 'worker:nik')) throw errors.forbiddenRole();
  const person = await findPerson(db, personId);
  if (!person || !inSubtree(user.regionCode, person.village_code)) throw errors.notFound({ id: 'Pekerja', en: 'Worker' });
  await recordAudit(db, actorOf(user), {
    action: 'view_nik',
    entityType: 'worker',
    entityId: String(person.id),
    regionCode: person.village_code,
    before: null,
    after: null,
  });
  return { id: person.id, nik: person.nik };
}
