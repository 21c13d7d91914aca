/** What the benchmarks share: the machine line they print first, and a scratch PostgreSQL database. */
import { cpus, totalmem } from 'node:os';
import { connectPostgres, type DbHandle } from '../src/db/client.js';

export const machineLine = () => `machine: ${cpus().length} × ${cpus()[0]?.model}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`;

/** Runs `fn` on a fresh database created beside `url`'s, dropped afterwards whatever happens. */
export async function withScratchPostgres(url: string, prefix: string, fn: (h: DbHandle) => Promise<void>) {
  const admin = connectPostgres(url);
  const name = `${prefix}_${Date.now()}`;
  await admin.exec(`CREATE DATABASE ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const h = connectPostgres(u.toString());
  try {
    await fn(h);
  } finally {
    await h.close();
    await admin.exec(`DROP DATABASE ${name} WITH (FORCE)`);
    await admin.close();
  }
}
