import type { SessionUser } from '../../access/session-user.js';
import type { Db } from '../../db/client.js';
import { type Actor, audited } from '../../db/tx.js';
import type { Finding as StoredFinding } from '../../domain/compliance.js';
import { checkEmployer, type EmployerCandidate } from '../../domain/employer.js';
import { inSubtree, levelOf } from '../../domain/region-code.js';
import { AppError, errors } from '../../lib/errors.js';
import { regionIndex } from '../regions/region-index.js';
import { reassess } from './assess.js';
import { type EmployerRow, existingRegions, findEmployer, insertEmployer, umkRows, updateEmployerColumns, upsertUmk } from './queries.js';
import type { Employer, EmployerInput, EmployerPatch, Finding, UmkInput, UmkSaved } from './schemas.js';

export const actorOf = (u: SessionUser): Actor => ({ id: u.id, username: u.username });

/** Findings as the API speaks: message (Indonesian) and messageEn, like every other message. */
export const presentFindings = (stored: readonly StoredFinding[]): Finding[] =>
  stored.map((f) => ({ code: f.code, message: f.message.id, messageEn: f.message.en, facts: f.facts }));

export const presentEmployer = (e: EmployerRow): Employer => ({ ...e, findings: presentFindings(e.findings) });

/** One employer as the API shows it (its scope was checked by the route). */
export async function employerView(db: Db, id: number): Promise<Employer> {
  const e = await findEmployer(db, id);
  if (!e) throw errors.notFound({ id: 'Perusahaan', en: 'Employer' });
  return presentEmployer(e);
}

const blankToNull = (s: string | null | undefined) => (s && s.trim() ? s.trim() : null);

/** The one rule (src/domain/employer.ts) for the form here and the spreadsheet import; the region was checked by the route. */
async function check(db: Db, i: EmployerCandidate) {
  const regions = await regionIndex(db);
  const problems = checkEmployer(i, (c) => regions.villageExists(c));
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
}

/** Translates a unique-key clash on NPP / NIB into a message the user can act on. */
function duplicateKey(err: unknown): never {
  const msg = String((err as Error)?.message ?? '');
  if (msg.includes('employer_npp_key')) throw errors.conflict('NPP_EXISTS', { id: 'NPP ini sudah dipakai perusahaan lain.', en: 'This NPP belongs to another employer.' }, 'body.npp');
  if (msg.includes('employer_nib_key')) throw errors.conflict('NIB_EXISTS', { id: 'NIB ini sudah dipakai perusahaan lain.', en: 'This NIB belongs to another employer.' }, 'body.nib');
  throw err;
}

export async function createEmployer(db: Db, user: SessionUser, input: EmployerInput): Promise<Employer> {
  await check(db, {
    ...input,
    npp: blankToNull(input.npp),
    nib: blankToNull(input.nib),
    wageReported: input.wageReported ?? null,
    wageActual: input.wageActual ?? null,
  });
  const id = await audited(db, actorOf(user), async (tx) => {
    const id = await insertEmployer(tx, {
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
    }).catch(duplicateKey);
    await reassess(tx, { ids: [id] });
    const after = await findEmployer(tx, id);
    return { result: id, audit: [{ action: 'create', entityType: 'employer', entityId: String(id), regionCode: input.villageCode, before: null, after }] };
  });
  return employerView(db, id);
}

/** Corrects an employer (its scope, and that of a new village, were checked by the route). */
export async function updateEmployer(db: Db, user: SessionUser, id: number, patch: EmployerPatch): Promise<Employer> {
  const before = await findEmployer(db, id);
  if (!before) throw errors.notFound({ id: 'Perusahaan', en: 'Employer' });
  await check(db, {
    name: patch.name ?? before.name,
    npp: blankToNull(patch.npp === undefined ? before.npp : patch.npp),
    nib: blankToNull(patch.nib === undefined ? before.nib : patch.nib),
    sizeClass: patch.sizeClass ?? before.sizeClass,
    villageCode: patch.villageCode ?? before.region,
    employeesDeclared: patch.employeesDeclared ?? before.employeesDeclared,
    workersRegistered: patch.workersRegistered ?? before.workersRegistered,
    wageReported: patch.wageReported === undefined ? before.wageReported : patch.wageReported,
    wageActual: patch.wageActual === undefined ? before.wageActual : patch.wageActual,
    programs: patch.programs ?? before.programs,
  });
  await audited(db, actorOf(user), async (tx) => {
    await updateEmployerColumns(tx, id, {
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
    }).catch(duplicateKey);
    await reassess(tx, { ids: [id] });
    const after = await findEmployer(tx, id);
    return { result: null, audit: [{ action: 'update', entityType: 'employer', entityId: String(id), regionCode: after!.region, before, after }] };
  });
  return employerView(db, id);
}

/** Sets UMK rows (one or many, all or nothing) and re-assesses the employers of the regencies touched. */
export async function setUmk(db: Db, user: SessionUser, rows: UmkInput[]): Promise<UmkSaved> {
  for (const r of rows) {
    if (levelOf(r.regencyCode) !== 'regency') {
      throw errors.invalid('regencyCode', 'NOT_A_REGENCY', { id: `${r.regencyCode} bukan kode kabupaten/kota (contoh 32.02).`, en: `${r.regencyCode} is not a regency/city code (e.g. 32.02).` });
    }
    if (!inSubtree(user.regionCode, r.regencyCode)) throw errors.forbiddenRegion(r.regencyCode);
  }
  const known = await existingRegions(db, [...new Set(rows.map((r) => r.regencyCode))]);
  const unknown = rows.find((r) => !known.has(r.regencyCode));
  if (unknown) throw errors.regionNotFound(unknown.regencyCode, 'regencyCode');
  return audited(db, actorOf(user), async (tx) => {
    const before = await umkRows(tx, rows);
    await upsertUmk(tx, rows);
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
