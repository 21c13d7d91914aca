import type { SessionUser } from '../../access/session-user.js';
import type { Db } from '../../db/client.js';
import type { SizeClass } from '../../domain/compliance.js';
import { checkEmployer } from '../../domain/employer.js';
import type { Program } from '../../domain/worker.js';
import { inSubtree, levelOf } from '../../domain/region-code.js';
import { AppError, errors } from '../../lib/errors.js';
import { type Actor, audited, type Tx } from '../../db/tx.js';
import { regionIndex } from '../regions/region-index.js';
import { reassess } from './assess.js';
import { findEmployer } from './queries.js';

export const actorOf = (u: SessionUser): Actor => ({ id: u.id, username: u.username });

export interface EmployerInput {
  name: string;
  npp?: string | null;
  nib?: string | null;
  sector?: string;
  sizeClass: SizeClass;
  villageCode: string;
  address?: string;
  employeesDeclared: number;
  workersRegistered: number;
  wageReported?: number | null;
  wageActual?: number | null;
  programs: Program[];
}

const blankToNull = (s: string | null | undefined) => (s && s.trim() ? s.trim() : null);

/** The one rule (src/domain/employer.ts) for the form here and the spreadsheet import; then the scope. */
async function check(db: Db, user: SessionUser, i: EmployerInput) {
  const regions = await regionIndex(db);
  const problems = checkEmployer(
    {
      name: i.name,
      npp: blankToNull(i.npp),
      nib: blankToNull(i.nib),
      sizeClass: i.sizeClass,
      villageCode: i.villageCode,
      employeesDeclared: i.employeesDeclared,
      workersRegistered: i.workersRegistered,
      wageReported: i.wageReported ?? null,
      wageActual: i.wageActual ?? null,
      programs: i.programs,
    },
    (c) => regions.villageExists(c),
  );
  if (problems.length) {
    const first = problems[0]!;
    throw new AppError(
      422,
      'VALIDATION_FAILED',
      { id: `Data tidak valid: ${first.message.id}`, en: `Invalid input: ${first.message.en}` },
      `body.${first.field}`,
      problems.map((p) => ({ field: `body.${p.field}`, code: p.code, message: p.message.id, messageEn: p.message.en })),
    );
  }
  if (!inSubtree(user.regionCode, i.villageCode)) throw errors.forbiddenRegion(i.villageCode);
}

/** Translates a unique-key clash on NPP / NIB into a message the user can act on. */
function duplicateKey(err: unknown): never {
  const msg = String((err as Error)?.message ?? '');
  if (msg.includes('employer_npp_key')) throw errors.conflict('NPP_EXISTS', { id: 'NPP ini sudah dipakai perusahaan lain.', en: 'This NPP belongs to another employer.' }, 'body.npp');
  if (msg.includes('employer_nib_key')) throw errors.conflict('NIB_EXISTS', { id: 'NIB ini sudah dipakai perusahaan lain.', en: 'This NIB belongs to another employer.' }, 'body.nib');
  throw err;
}

export async function createEmployer(db: Db, user: SessionUser, input: EmployerInput) {
  await check(db, user, input);
  const id = await audited(db, actorOf(user), async (tx) => {
    const row = await tx
      .insertInto('employer')
      .values({
        name: input.name.trim(),
        npp: blankToNull(input.npp),
        nib: blankToNull(input.nib),
        sector: input.sector?.trim() ?? '',
        size_class: input.sizeClass,
        village_code: input.villageCode,
        address: input.address?.trim() ?? '',
        employees_declared: input.employeesDeclared,
        workers_registered: input.workersRegistered,
        wage_reported: input.wageReported ?? null,
        wage_actual: input.wageActual ?? null,
        programs: [...new Set(input.programs)],
      })
      .returningAll()
      .executeTakeFirstOrThrow()
      .catch(duplicateKey);
    await reassess(tx, { ids: [row.id] });
    const after = await findEmployer(tx, row.id);
    return { result: row.id, audit: [{ action: 'create', entityType: 'employer', entityId: String(row.id), regionCode: row.village_code, before: null, after }] };
  });
  return (await findEmployer(db, id))!;
}

export async function updateEmployer(db: Db, user: SessionUser, id: number, patch: Partial<EmployerInput>) {
  const before = await findEmployer(db, id);
  if (!before || !inSubtree(user.regionCode, before.region)) throw errors.notFound({ id: 'Perusahaan', en: 'Employer' });
  await check(db, user, {
    name: patch.name ?? before.name,
    npp: patch.npp === undefined ? before.npp : patch.npp,
    nib: patch.nib === undefined ? before.nib : patch.nib,
    sizeClass: patch.sizeClass ?? before.sizeClass,
    villageCode: patch.villageCode ?? before.region,
    employeesDeclared: patch.employeesDeclared ?? before.employeesDeclared,
    workersRegistered: patch.workersRegistered ?? before.workersRegistered,
    wageReported: patch.wageReported === undefined ? before.wageReported : patch.wageReported,
    wageActual: patch.wageActual === undefined ? before.wageActual : patch.wageActual,
    programs: patch.programs ?? before.programs,
  });
  await audited(db, actorOf(user), async (tx) => {
    await tx
      .updateTable('employer')
      .set({
        ...(patch.name !== undefined && { name: patch.name.trim() }),
        ...(patch.npp !== undefined && { npp: blankToNull(patch.npp) }),
        ...(patch.nib !== undefined && { nib: blankToNull(patch.nib) }),
        ...(patch.sector !== undefined && { sector: patch.sector.trim() }),
        ...(patch.sizeClass !== undefined && { size_class: patch.sizeClass }),
        ...(patch.villageCode !== undefined && { village_code: patch.villageCode }),
        ...(patch.address !== undefined && { address: patch.address.trim() }),
        ...(patch.employeesDeclared !== undefined && { employees_declared: patch.employeesDeclared }),
        ...(patch.workersRegistered !== undefined && { workers_registered: patch.workersRegistered }),
        ...(patch.wageReported !== undefined && { wage_reported: patch.wageReported }),
        ...(patch.wageActual !== undefined && { wage_actual: patch.wageActual }),
        ...(patch.programs !== undefined && { programs: [...new Set(patch.programs)] }),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute()
      .catch(duplicateKey);
    await reassess(tx, { ids: [id] });
    const after = await findEmployer(tx, id);
    return { result: null, audit: [{ action: 'update', entityType: 'employer', entityId: String(id), regionCode: after!.region, before, after }] };
  });
  return (await findEmployer(db, id))!;
}

export interface UmkInput {
  regencyCode: string;
  year: number;
  amount: number;
  legalBasis?: string;
}

/** Sets UMK rows (one or many, all or nothing) and re-assesses the employers of the regencies touched. */
export async function setUmk(db: Db, user: SessionUser, rows: UmkInput[]) {
  for (const r of rows) {
    if (levelOf(r.regencyCode) !== 'regency') {
      throw errors.invalid('regencyCode', 'NOT_A_REGENCY', { id: `${r.regencyCode} bukan kode kabupaten/kota (contoh 32.02).`, en: `${r.regencyCode} is not a regency/city code (e.g. 32.02).` });
    }
    if (!inSubtree(user.regionCode, r.regencyCode)) throw errors.forbiddenRegion(r.regencyCode);
  }
  const known = new Set(
    (await db.selectFrom('region').select('code').where('code', 'in', [...new Set(rows.map((r) => r.regencyCode))]).execute()).map((r) => r.code),
  );
  const unknown = rows.find((r) => !known.has(r.regencyCode));
  if (unknown) throw errors.regionNotFound(unknown.regencyCode, 'regencyCode');
  return audited(db, actorOf(user), async (tx: Tx) => {
    const before = await tx
      .selectFrom('umk')
      .selectAll()
      .where((eb) => eb.or(rows.map((r) => eb.and([eb('regency_code', '=', r.regencyCode), eb('year', '=', r.year)]))))
      .execute();
    await tx
      .insertInto('umk')
      .values(rows.map((r) => ({ regency_code: r.regencyCode, year: r.year, amount: r.amount, legal_basis: r.legalBasis?.trim() ?? '' })))
      .onConflict((oc) =>
        oc.columns(['regency_code', 'year']).doUpdateSet((eb) => ({ amount: eb.ref('excluded.amount'), legal_basis: eb.ref('excluded.legal_basis'), updated_at: new Date() })),
      )
      .execute();
    let reassessed = 0;
    for (const regency of new Set(rows.map((r) => r.regencyCode))) reassessed += await reassess(tx, { regency });
    return {
      result: { saved: rows.length, reassessed },
      audit: rows.map((r) => ({
        action: 'set_umk',
        entityType: 'umk',
        entityId: `${r.regencyCode}/${r.year}`,
        regionCode: r.regencyCode,
        before: before.find((b) => b.regency_code === r.regencyCode && b.year === r.year) ?? null,
        after: r,
      })),
    };
  });
}

export function rejectUmkFile(problems: { row: number; message: { id: string; en: string } }[]): never {
  const first = problems[0]!;
  throw new AppError(
    422,
    'UMK_FILE_INVALID',
    { id: `Baris ${first.row}: ${first.message.id} Perbaiki berkas lalu unggah ulang; tidak ada yang disimpan.`, en: `Row ${first.row}: ${first.message.en} Fix the file and upload again; nothing was saved.` },
    'file',
    problems.slice(0, 100).map((p) => ({ field: `row.${p.row}`, code: 'UMK_ROW_INVALID', message: p.message.id, messageEn: p.message.en })),
  );
}
