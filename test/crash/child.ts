/**
 * The process a kill -9 trial kills: opens the trial's database (a PostgreSQL database, or a PGlite data
 * directory on disk, which then lives and dies inside this process) and runs one operation the way the
 * server runs it. Spec in CRASH_SPEC (JSON, see harness.ts). With `killAtQuery` it sends itself SIGKILL just
 * before its n-th SQL statement (counted from the start of the operation; transaction BEGIN/COMMIT are
 * not statements, so "before statement n+1" is "just after the COMMIT" when n is a transaction's last).
 * Prints `READY` when the operation starts and `DONE {queries, ms}` when it finished.
 */
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { connectPostgres, type Db, openPglite } from '../../src/db/client.js';
import { billProgram } from '../../src/modules/funding/billing/service.js';
import { commitImport, getImport } from '../../src/modules/imports/service.js';
import { IMPORT_KINDS } from '../../src/import-kinds.js';
import type { CrashSpec } from './harness.js';

const spec = JSON.parse(process.env.CRASH_SPEC ?? '{}') as CrashSpec;

let counting = false;
let queries = 0;
const killer: KyselyPlugin = {
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (counting) {
      queries++;
      if (spec.killAtQuery !== undefined && queries === spec.killAtQuery) process.kill(process.pid, 'SIGKILL');
    }
    return args.node;
  },
  transformResult: async (args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> => args.result,
};

async function main() {
  const h = spec.engine === 'postgres' ? connectPostgres(spec.target) : await openPglite(spec.target);
  const db: Db = h.db.withPlugin(killer);
  const started = performance.now();
  counting = true;
  process.stdout.write('READY\n');
  const op = spec.op;
  if (op.kind === 'import') {
    const kind = IMPORT_KINDS.find((k) => k.key === op.importKind)!;
    await commitImport(db, op.user, kind, op.jobId);
    // the commit runs in the background, as on the server: wait for its end
    for (;;) {
      const job = await getImport(db, op.jobId);
      if (job.status === 'committed' || job.status === 'failed') {
        if (job.status === 'failed') throw new Error(`commit failed: ${JSON.stringify(job.error)}`);
        break;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  } else {
    const program = await h.db.selectFrom('funding_program').selectAll().where('id', '=', op.programId).executeTakeFirstOrThrow();
    await billProgram(db, op.actor, program, op.month);
  }
  counting = false;
  const ms = performance.now() - started;
  await h.close();
  process.stdout.write(`DONE ${JSON.stringify({ queries, ms })}\n`);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
