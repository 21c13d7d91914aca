/**
 * Generates src/db/schema.generated.ts from the migrated schema (kysely-codegen):
 *   npm run db:types          write the file
 *   npm run db:types:check    fail when the committed file differs (CI)
 * Migrates a scratch PostgreSQL database at TEST_DATABASE_URL's server, introspects it, drops it.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { DiffChecker, PostgresDialect, serializeFromMetadata } from 'kysely-codegen';
import { connectPostgres } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';

const OUT = fileURLToPath(new URL('../src/db/schema.generated.ts', import.meta.url));

/**
 * The enum-like columns and the union each holds, imported relative to the generated file. Every
 * column with a CHECK (… IN (…)) list must be here (checked below), so a new one cannot stay `string`.
 */
const UNIONS: [from: string, type: string, columns: string[]][] = [
  ['../domain/region-code.js', 'RegionLevel', ['region.level']],
  ['../domain/roles.js', 'Role', ['app_user.role']],
  ['../domain/nik.js', 'Sex', ['person.sex']],
  ['../domain/worker.js', 'Segment', ['enrolment.segment', 'participation_report.segment']],
  ['../domain/worker.js', 'Group', ['enrolment.group_code', 'target_group.group_code', 'regulation.groups']],
  ['../domain/worker.js', 'Program', ['enrolment.programs', 'funding_program.programs', 'compliance_program_rule.programs', 'employer.programs']],
  ['../domain/worker.js', 'EnrolmentStatus', ['enrolment.status', 'enrolment_status_history.status']],
  ['../domain/rates.js', 'RateUnit', ['rate_config.unit']],
  ['../domain/funding.js', 'PayerType', ['funding_program.payer_type']],
  ['../domain/compliance.js', 'SizeClass', ['compliance_program_rule.size_class', 'employer.size_class']],
  ['../domain/compliance.js', 'ComplianceStatus', ['employer.statuses']],
  ['../domain/compliance-case.js', 'CaseStep', ['compliance_case.step', 'compliance_case_step.step', 'compliance_case_step.from_step']],
  ['../domain/outreach.js', 'Audience', ['outreach_event.audiences']],
  ['../domain/inpres.js', 'RegulationType', ['regulation.type']],
  ['../domain/inpres.js', 'Requirement', ['regulation.requires']],
  ['../domain/inpres.js', 'AllocationSource', ['budget_allocation.source']],
  ['../domain/inpres.js', 'ActionStatus', ['inpres_action.status']],
  ['../domain/claims.js', 'ClaimType', ['claim_case.type']],
  ['../domain/claims.js', 'ClaimStep', ['claim_case.step', 'claim_step.step', 'claim_step.from_step']],
  ['../domain/jakon.js', 'OwnerType', ['project.owner_type']],
  ['../domain/jakon.js', 'Executor', ['project.executor']],
  ['../domain/jakon.js', 'Organiser', ['election_cohort.organiser']],
  ['../domain/jakon.js', 'ProjectBillKind', ['project_bill.kind']],
  ['./column-types.js', 'RegionKind', ['region.kind']],
  ['./column-types.js', 'ImportStatus', ['import_job.status']],
  ['./column-types.js', 'ImportKindKey', ['import_job.kind']],
  ['./column-types.js', 'WorkerImportRowOutcome', ['import_row.outcome']],
  ['./column-types.js', 'ImportRowOutcome', ['employer_import_row.outcome', 'registration_import_row.outcome', 'participation_import_row.outcome', 'denominator_import_row.outcome', 'umk_import_row.outcome', 'payment_import_row.outcome']],
  ['./column-types.js', 'ProgramSegment', ['funding_program.segment']],
  ['./column-types.js', 'ProgramStatus', ['funding_program.status']],
  ['./column-types.js', 'PaymentSource', ['payment.source']],
  ['./column-types.js', 'RollupDim', ['coverage_rollup.dim']],
  ['../domain/nik.js', 'Sex', ['dtsen_candidate.sex']],
  ['../domain/targeting.js', 'CandidateState', ['dtsen_candidate.state']],
  ['../domain/targeting.js', 'TargetingJobStatus', ['targeting_job.status']],
  ['./column-types.js', 'DtsenImportRowOutcome', ['dtsen_import_row.outcome']],
];

/** jsonb columns whose shape the app owns: read parsed, written as JSON text (pg sends a JS array as a SQL array). */
const JSON_SHAPES: [from: string, type: string, shape: string, columns: string[]][] = [
  ['../domain/compliance.js', 'Finding', 'Finding[]', ['employer.findings', 'compliance_case.findings']],
];

async function generate(url: string): Promise<string> {
  const scratch = `semesta_types_${randomBytes(4).toString('hex')}`;
  const admin = connectPostgres(url);
  await admin.exec(`CREATE DATABASE ${scratch}`);
  const target = new URL(url);
  target.pathname = `/${scratch}`;
  const h = connectPostgres(target.toString());
  try {
    await migrate(h);
    // What the drivers return (src/db/client.ts): int8 parsed to number, date kept as 'YYYY-MM-DD'
    // text; numeric stays text, timestamptz a Date.
    const dialect = new PostgresDialect({ dateParser: 'string', numericParser: 'string' });
    const introspected = await dialect.introspector.connect({ connectionString: target.toString(), dialect });
    const metadata = await dialect.introspector.introspect({ db: introspected }).finally(() => introspected.destroy());

    const typeOf = new Map([
      ...UNIONS.flatMap(([, type, columns]) => columns.map((c) => [c, type] as const)),
      ...JSON_SHAPES.flatMap(([, , shape, columns]) => columns.map((c) => [c, `ColumnType<${shape}, string, string>`] as const)),
    ]);
    const overrides: Record<string, string> = {};
    for (const table of metadata.tables) {
      for (const column of table.columns) {
        const path = `${table.name}.${column.name}`;
        const type = typeOf.get(path);
        if (!type) continue;
        typeOf.delete(path);
        let t = column.isArray ? `${type}[]` : type;
        if (column.isNullable) t = `${t} | null`;
        overrides[path] = column.hasDefaultValue ? `Generated<${t}>` : t;
      }
    }
    if (typeOf.size) throw new Error(`columns named in scripts/db-types.ts that do not exist: ${[...typeOf.keys()].join(', ')}`);

    const checked = await sql<{ path: string }>`
      SELECT DISTINCT c.conrelid::regclass::text || '.' || m[1] AS path
      FROM pg_constraint c, regexp_matches(pg_get_constraintdef(c.oid), '\\(\\(?(\\w+) = ANY \\(ARRAY\\[', 'g') m
      WHERE c.contype = 'c' AND c.connamespace = 'public'::regnamespace
      ORDER BY 1`.execute(h.db);
    const untyped = checked.rows.map((r) => r.path).filter((p) => !(p in overrides));
    if (untyped.length) throw new Error(`columns with a CHECK list but no union in scripts/db-types.ts UNIONS: ${untyped.join(', ')}`);

    const body = serializeFromMetadata({
      dialect,
      metadata,
      overrides: { columns: overrides },
      customImports: Object.fromEntries([...UNIONS, ...JSON_SHAPES].map(([from, type]) => [type, `${from}#${type}`])),
      typeMapping: { int8: 'number' },
      skipAutogeneratedFileComment: true,
    });
    return `/** Generated by \`npm run db:types\` (scripts/db-types.ts) from the migrated schema: do not edit. */\n\n${body}`;
  } finally {
    await h.close();
    await admin.exec(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
    await admin.close();
  }
}

const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const generated = await generate(url);
if (process.argv.includes('--check')) {
  const diff = new DiffChecker().diff(readFileSync(OUT, 'utf8'), generated);
  if (diff) {
    console.error(`${diff}\n\nsrc/db/schema.generated.ts is stale: the migrated schema differs from it.\nRun \`npm run db:types\` and commit the result.`);
    process.exit(1);
  }
  console.log('src/db/schema.generated.ts is up to date.');
} else {
  writeFileSync(OUT, generated);
  console.log('wrote src/db/schema.generated.ts');
}
