import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { access } from '../../access/rules.js';
import { userOf } from '../../access/plugin.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { idParams } from '../../lib/schemas.js';
import type { ImportKind } from './kind.js';
import { importJobScope } from './queries.js';
import { recordAudit } from '../../db/tx.js';
import { can } from '../../domain/roles.js';
import { reportGone, stagingCleared } from './cleanup.js';
import { carriesNik, importProblems, importReport } from './report.js';
import { commitBody, importProblemsSchema, importViewSchema, problemsQuery, uploadedSchema } from './schemas.js';
import { commitImport, getImport, present, startImport } from './service.js';
import { receiveImportFile } from './upload-file.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The same six routes for every import kind, under its basePath (workers: /api/imports); app.ts lists the kinds. */
export function importRoutes(app: FastifyInstance, deps: { db: Db; config: Config; kinds: readonly ImportKind[] }) {
  for (const kind of deps.kinds) kindRoutes(app, deps, kind);
}

function kindRoutes(app: FastifyInstance, { db, config }: { db: Db; config: Config }, kind: ImportKind) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = kind.basePath;
  const { read, write } = kind.permissions;
  const job = importJobScope(kind);
  const tags = ['imports'];

  const templateSchema = { tags, summary: `The ${kind.label.en} import template (.xlsx) with a sample row and pick lists` };
  r.get(`${base}/template.xlsx`, { config: { access: { permission: read } }, schema: templateSchema }, async (_req, reply) => {
    reply.header('content-type', XLSX).header('content-disposition', `attachment; filename="template-impor-${kind.label.id}.xlsx"`);
    return reply.send(await kind.template());
  });

  const uploadSchema = {
    tags,
    summary: `Upload ${kind.label.en} (.xlsx or .csv, multipart field "file"); validation runs in the background`,
    consumes: ['multipart/form-data'],
    response: { 202: uploadedSchema },
  };
  if (!kind.uploadUnderParent) {
    r.post(base, { config: { access: { permission: write } }, schema: uploadSchema }, async (req, reply) => {
      const file = await receiveImportFile(req, config);
      const view = await startImport(db, userOf(req), kind, file);
      return reply.code(202).send({ id: view.id });
    });
  }

  if (kind.movedFrom) {
    // The old synchronous upload: the same request, re-sent by the client to the job flow (decision 99).
    const movedSchema = {
      tags,
      summary: `Moved: upload ${kind.label.en} to ${base} (answers 308 without reading the file; the job flow answers 202 {id})`,
      consumes: ['multipart/form-data'],
    };
    r.post(kind.movedFrom, { config: { access: { permission: write } }, schema: movedSchema }, async (_req, reply) => reply.code(308).header('location', base).send());
  }

  const viewRouteSchema = { tags, summary: `Status, progress (0..1) and preview counts of a ${kind.label.en} import`, params: idParams, response: { 200: importViewSchema } };
  r.get(
    `${base}/:id`,
    { config: { access: access(viewRouteSchema, read, { entity: job, id: (v) => v.params.id }) }, schema: viewRouteSchema },
    async (req) => present(await getImport(db, req.params.id)),
  );

  const commitSchema = {
    tags,
    summary: `Save all valid ${kind.label.en} rows, atomically (all or none)`,
    description: 'Answers 409 FUNDING_CAPACITY_EXCEEDED when the rows would overrun a funding programme; a permitted role may repeat with confirmOverCapacity.',
    params: idParams,
    body: commitBody,
    response: { 202: importViewSchema },
  };
  r.post(
    `${base}/:id/commit`,
    { config: { access: access(commitSchema, write, { entity: job, id: (v) => v.params.id }) }, schema: commitSchema },
    async (req, reply) => reply.code(202).send(present(await commitImport(db, userOf(req), kind, req.params.id, req.body ?? {}))),
  );

  const problemsSchema = {
    tags,
    summary: `The ${kind.label.en} rows to fix, in file order, with their messages (the report's rows, without the cells)`,
    description: 'Keyset paging: pass nextAfterRow as afterRow. Messages are masked like the report for roles without worker:nik. 410 once the staged rows were cleaned up.',
    params: idParams,
    querystring: problemsQuery,
    response: { 200: importProblemsSchema },
  };
  r.get(
    `${base}/:id/problems`,
    { config: { access: access(problemsSchema, read, { entity: job, id: (v) => v.params.id }) }, schema: problemsSchema },
    async (req) => {
      if (await stagingCleared(db, req.params.id)) throw reportGone();
      const fullNik = can(userOf(req).role, 'worker:nik');
      return importProblems(db, kind, req.params.id, { afterRow: req.query.afterRow ?? 0, limit: req.query.limit, fullNik });
    },
  );

  const reportSchema = {
    tags,
    summary: 'The rows that were not imported, as uploaded, with a column of messages',
    description: 'Full NIKs only for roles with worker:nik, each such download audited (download_full_nik, with the count); other roles get the last four digits, without birth date and sex.',
    params: idParams,
  };
  r.get(
    `${base}/:id/report.xlsx`,
    { config: { access: access(reportSchema, read, { entity: job, id: (v) => v.params.id }) }, schema: reportSchema },
    async (req, reply) => {
      const user = userOf(req);
      const view = await getImport(db, req.params.id);
      if (await stagingCleared(db, view.id)) throw reportGone();
      const filename = `laporan-impor-${kind.label.id}-${view.id}.xlsx`;
      const fullNik = can(user.role, 'worker:nik');
      const { file, niks } = await importReport(db, kind, view.id, { fullNik });
      // Written before the file leaves: a full-NIK download without its audit row cannot happen (decision 51).
      if (fullNik && carriesNik(kind) && niks > 0) {
        await recordAudit(db, user, { action: 'download_full_nik', entityType: 'import', entityId: String(view.id), regionCode: view.regionCode, before: null, after: { file: filename, kind: kind.key, niks } });
      }
      reply.header('content-type', XLSX).header('content-disposition', `attachment; filename="${filename}"`);
      return reply.send(file);
    },
  );
}
