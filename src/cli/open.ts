import { loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { loadRegions, regionsLoaded } from '../modules/regions/load.js';

/** Opens the configured database (PGlite under DATA_DIR, or DATABASE_URL) ready for use by a CLI. */
export async function openForCli() {
  const config = loadConfig();
  const handle = await openDatabase(config);
  await migrate(handle);
  if ((await regionsLoaded(handle.db)) === 0) await loadRegions(handle.db);
  return { config, handle };
}

/** `--name value` and `--flag` arguments into a map. */
export function parseArgs(argv: string[]): { command: string | undefined; flags: Record<string, string | true> } {
  const [command, ...rest] = argv;
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (!arg.startsWith('--')) throw new Error(`unexpected argument: ${arg}`);
    const next = rest[i + 1];
    if (next === undefined || next.startsWith('--')) flags[arg.slice(2)] = true;
    else {
      flags[arg.slice(2)] = next;
      i++;
    }
  }
  return { command, flags };
}
