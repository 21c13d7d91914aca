import { userInfo } from 'node:os';
import { ROLES, type Role } from '../domain/roles.js';
import { AppError } from '../lib/errors.js';
import { listUsersInSubtree } from '../modules/users/queries.js';
import { createUser, type Manager, updateUser } from '../modules/users/service.js';
import { openForCli, parseArgs } from './open.js';

const USAGE = `Kelola akun Semesta / manage Semesta accounts

  npm run user -- create  --username NAME --role ROLE --region CODE [--name "Display name"] [--password PW]
  npm run user -- disable --username NAME
  npm run user -- enable  --username NAME
  npm run user -- password --username NAME [--password PW]
  npm run user -- list    [--region CODE]

ROLE: ${ROLES.join(' | ')}
CODE: ID (national roles), a province (32), a regency/city (32.02) or a village (32.13.28.2007)
Without --password a random one is generated and printed once.
Uses DATABASE_URL when set, otherwise the embedded database under DATA_DIR (./data).`;

function randomPassword(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => 'abcdefghjkmnpqrstuvwxyz23456789'[b % 31]).join('');
}

async function main() {
  const { command, flags } = parseArgs(process.argv.slice(2));
  const str = (k: string) => (typeof flags[k] === 'string' ? (flags[k] as string) : undefined);
  const need = (k: string) => {
    const v = str(k);
    if (!v) throw new Error(`--${k} wajib diisi / is required`);
    return v;
  };
  if (!command || command === 'help' || flags.help) {
    console.log(USAGE);
    return;
  }
  const { handle } = await openForCli();
  // The CLI is the administrator's tool on the server itself: unrestricted, but audited by OS user.
  const actor: Manager = { id: null, username: `cli:${userInfo().username}`, role: 'system', regionCode: 'ID' };
  try {
    switch (command) {
      case 'create': {
        const role = need('role') as Role;
        if (!ROLES.includes(role)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
        const password = str('password') ?? randomPassword();
        const u = await createUser(handle.db, actor, {
          username: need('username'),
          displayName: str('name') ?? need('username'),
          password,
          role,
          regionCode: need('region'),
        });
        console.log(`Akun dibuat / created: ${u.username} (${u.role}, ${u.regionCode})`);
        if (!str('password')) console.log(`Kata sandi / password: ${password}`);
        break;
      }
      case 'disable':
      case 'enable': {
        const u = await updateUser(handle.db, actor, need('username'), { disabled: command === 'disable' });
        console.log(`${u.username}: ${u.disabled ? 'dinonaktifkan / disabled' : 'diaktifkan / enabled'}`);
        break;
      }
      case 'password': {
        const password = str('password') ?? randomPassword();
        await updateUser(handle.db, actor, need('username'), { password });
        console.log(`Kata sandi diganti / password changed${str('password') ? '' : `: ${password}`}`);
        break;
      }
      case 'list': {
        for (const u of await listUsersInSubtree(handle.db, str('region') ?? 'ID', undefined, 10000)) {
          console.log(`${u.username.padEnd(40)} ${u.role.padEnd(18)} ${u.region_code.padEnd(14)} ${u.disabled_at ? 'disabled' : ''}`);
        }
        break;
      }
      default:
        throw new Error(`unknown command "${command}"\n\n${USAGE}`);
    }
  } finally {
    await handle.close();
  }
}

main().catch((err) => {
  console.error(err instanceof AppError ? `${err.text.id}\n${err.text.en}` : err instanceof Error ? err.message : err);
  process.exit(1);
});
