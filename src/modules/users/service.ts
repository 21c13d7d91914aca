import type { Db } from '../../db/client.js';
import type { AppUser } from '../../db/schema.js';
import { isRegionCode, NATIONAL } from '../../domain/region-code.js';
import { mayGrant, type Role, roleFitsRegion, ROLE_LEVEL } from '../../domain/roles.js';
import { errors } from '../../lib/errors.js';
import { hashPassword } from '../../lib/password.js';
import { type Actor, audited, type Tx } from '../../db/tx.js';
import { findRegion } from '../regions/queries.js';
import { endSessions, findUser, insertUser, setUser } from './queries.js';
import type { PublicUser, UserChange, UserInput } from './schemas.js';

/** Who is asking: a signed-in manager (whose reach the route rules have checked) or the admin CLI / demo loader (unrestricted). */
export type Manager = Actor & { role: Role | 'system'; regionCode: string };

/** What the audit trail and the API show of a user: never the password hash. */
export function publicUser(u: AppUser): PublicUser {
  return {
    username: u.username,
    displayName: u.display_name,
    role: u.role,
    regionCode: u.region_code,
    disabled: u.disabled_at !== null,
  };
}

const LEVEL_ID: Record<string, string> = {
  country: 'nasional (ID)',
  province: 'provinsi',
  regency: 'kabupaten/kota',
  village: 'desa/kelurahan',
};

async function checkAssignment(db: Db | Tx, manager: Manager, role: Role, regionCode: string) {
  if (!isRegionCode(regionCode)) {
    throw errors.invalid('regionCode', 'REGION_CODE_INVALID', {
      id: `Kode wilayah "${regionCode}" tidak sesuai format Kemendagri (mis. 32.02).`,
      en: `Region code "${regionCode}" is not a Kemendagri code (e.g. 32.02).`,
    });
  }
  if (!roleFitsRegion(role, regionCode)) {
    const lvl = ROLE_LEVEL[role];
    throw errors.invalid('regionCode', 'ROLE_REGION_MISMATCH', {
      id: `Peran ${role} harus ditempatkan pada wilayah tingkat ${LEVEL_ID[lvl] ?? lvl}.`,
      en: `Role ${role} must be assigned a ${lvl}-level region.`,
    });
  }
  if (regionCode !== NATIONAL && !(await findRegion(db, regionCode))) {
    throw errors.regionNotFound(regionCode, 'regionCode');
  }
  if (manager.role === 'system') return;
  if (!mayGrant(manager.role, role)) throw errors.forbiddenRole();
}

function checkPassword(password: string) {
  if (password.length < 10) {
    throw errors.invalid('password', 'PASSWORD_TOO_SHORT', {
      id: 'Kata sandi minimal 10 karakter.',
      en: 'The password needs at least 10 characters.',
    });
  }
}

export async function createUser(db: Db, manager: Manager, input: UserInput) {
  const username = input.username.trim().toLowerCase();
  checkPassword(input.password);
  await checkAssignment(db, manager, input.role, input.regionCode);
  const passwordHash = await hashPassword(input.password);
  return audited(db, manager, async (tx) => {
    if (await findUser(tx, username)) {
      throw errors.conflict('USERNAME_TAKEN', { id: `Nama pengguna "${username}" sudah dipakai.`, en: `Username "${username}" is taken.` }, 'username');
    }
    const row = await insertUser(tx, { username, displayName: input.displayName, passwordHash, role: input.role, regionCode: input.regionCode });
    const after = publicUser(row);
    return { result: after, audit: [{ action: 'create', entityType: 'user', entityId: username, regionCode: row.region_code, before: null, after }] };
  });
}

export async function updateUser(db: Db, manager: Manager, username: string, change: UserChange) {
  if (change.password !== undefined) checkPassword(change.password);
  const passwordHash = change.password !== undefined ? await hashPassword(change.password) : undefined;
  return audited(db, manager, async (tx) => {
    const current = await findUser(tx, username);
    // The route's entity rule (userScope) has checked a signed-in manager's reach; the CLI may name anyone.
    if (!current) throw errors.notFound({ id: `Pengguna "${username}"`, en: `User "${username}"` });
    if (manager.role !== 'system' && !mayGrant(manager.role, current.role)) throw errors.forbiddenRole();
    const role = change.role ?? (current.role);
    const regionCode = change.regionCode ?? current.region_code;
    if (change.role !== undefined || change.regionCode !== undefined) await checkAssignment(tx, manager, role, regionCode);
    const row = await setUser(tx, current.id, {
      ...(change.displayName !== undefined ? { display_name: change.displayName } : {}),
      ...(passwordHash ? { password_hash: passwordHash } : {}),
      role,
      region_code: regionCode,
      ...(change.disabled !== undefined ? { disabled_at: change.disabled ? (current.disabled_at ?? new Date()) : null } : {}),
      updated_at: new Date(),
    });
    // A disabled user, or one whose password or scope changed, is signed out everywhere.
    if (change.disabled || passwordHash || regionCode !== current.region_code || role !== current.role) {
      await endSessions(tx, current.id);
    }
    const before = publicUser(current);
    const after = { ...publicUser(row), ...(passwordHash ? { passwordChanged: true } : {}) };
    return { result: publicUser(row), audit: [{ action: 'update', entityType: 'user', entityId: username, regionCode: row.region_code, before, after }] };
  });
}
