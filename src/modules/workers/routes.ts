import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { userOf } from '../../access/plugin.js';
import { access } from '../../access/rules.js';
import type { SessionUser } from '../../access/session-user.js';
import type { Db } from '../../db/client.js';
import { can } from '../../domain/roles.js';
import { AppError } from '../../lib/errors.js';
import { idParams } from '../../lib/schemas.js';
import { changeEnrolmentStatus } from './enrolment-status.js';
import { exportWorkers } from './export.js';
import { decodeCursor, enrolmentScope, listWorkers, personScope } from './queries.js';
import {
  createdWorkerSchema,
  enrolmentStatusSchema,
  newWorkerBody,
  revealedNikSchema,
  statusChangeBody,
  workerFilterQuery,
  workerListQuery,
  workerPageSchema,
} from './schemas.js';
import { auditNikSearch, NikSearchLimiter } from './nik-search.js';
import { createWorker, present, revealNik } from './service.js';

export function workerRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['workers'];
  // Exact-NIK search by roles without worker:nik: limited per user and audited (decision 60).
  const nikSearches = new NikSearchLimiter();
  const guardNikSearch = (user: SessionUser, nik: string | undefined, reply: FastifyReply) => {
    if (!nik || can(user.role, 'worker:nik')) return false;
    try {
      nikSearches.take(user.id);
    } catch (err) {
      if (err instanceof AppError && typeof err.details?.retryAfterSeconds === 'number') reply.header('retry-after', err.details.retryAfterSeconds);
      throw err;
    }
    return true;
  };

  const createSchema = {
    tags,
    summary: 'Register a worker by name by address (NIK, domicile village), optionally with a first enrolment',
    body: newWorkerBody,
    response: { 201: createdWorkerSchema },
  };
  r.post(
    '/api/workers',
    { config: { access: access(createSchema, 'worker:write', { region: (v) => v.body.villageCode }) }, schema: createSchema },
    async (req, reply) => reply.code(201).send(await createWorker(db, userOf(req), req.body)),
  );

  const listSchema = { tags, summary: 'Search and list workers within your region (NIK masked)', querystring: workerListQuery, response: { 200: workerPageSchema } };
  r.get('/api/workers', { config: { access: access(listSchema, 'worker:read', { region: (v) => v.query.region }) }, schema: listSchema }, async (req, reply) => {
    const user = userOf(req);
    const { page, pageSize, cursor, ...filter } = req.query;
    const after = cursor === undefined ? undefined : decodeCursor(cursor);
    if (after === null) throw new AppError(
        422,
        'VALIDATION_FAILED',
        { id: 'Kursor halaman (cursor) tidak dikenal; muat ulang daftar dari halaman pertama.', en: 'Unknown page cursor (cursor); reload the list from the first page.' },
        'cursor',
      );
    const region = filter.region ?? user.regionCode;
    const nikSearch = guardNikSearch(user, filter.nik, reply);
    const list = await listWorkers(db, { ...filter, region }, pageSize, after ? { after } : { offset: (page - 1) * pageSize });
    if (nikSearch) await auditNikSearch(db, user, filter.nik!, region, list.items);
    const masked = !can(user.role, 'worker:nik');
    return { ...list, items: list.items.map((w) => present(w, { masked })), page, pageSize };
  });

  const exportSchema = { tags, summary: 'The same list as an Excel workbook (full NIK only for roles that may see it; audited)', querystring: workerFilterQuery };
  r.get(
    '/api/workers/export.xlsx',
    { config: { access: access(exportSchema, 'worker:read', { region: (v) => v.query.region }) }, schema: exportSchema },
    async (req, reply) => {
      const user = userOf(req);
      const filter = { ...req.query, region: req.query.region ?? user.regionCode };
      if (guardNikSearch(user, filter.nik, reply)) await auditNikSearch(db, user, filter.nik!, filter.region, (await listWorkers(db, filter, 5, {})).items);
      reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      reply.header('content-disposition', `attachment; filename="pekerja-${filter.region}.xlsx"`);
      return reply.send(await exportWorkers(db, user, filter, can(user.role, 'worker:nik')));
    },
  );

  const nikSchema = { tags, summary: 'Reveal one full NIK (audited as view_nik)', params: idParams, response: { 200: revealedNikSchema } };
  r.get(
    '/api/workers/:id/nik',
    { config: { access: access(nikSchema, 'worker:nik', { entity: personScope, id: (v) => v.params.id }) }, schema: nikSchema },
    async (req) => revealNik(db, userOf(req), req.params.id),
  );

  const statusSchema = {
    tags,
    summary: 'Move an enrolment along submitted → registered (with KPJ) → active → ended; dated history, audited',
    description: 'Answers 409 STATUS_MOVE_NOT_ALLOWED with details.allowed when the move is not allowed. Lapse and reactivation follow payments (funding).',
    params: idParams,
    body: statusChangeBody,
    response: { 200: enrolmentStatusSchema },
  };
  r.post(
    '/api/enrolments/:id/status',
    { config: { access: access(statusSchema, 'worker:write', { entity: enrolmentScope, id: (v) => v.params.id }) }, schema: statusSchema },
    async (req) => changeEnrolmentStatus(db, userOf(req), req.params.id, req.body),
  );
}
