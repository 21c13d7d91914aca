import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { userOf } from '../../access/plugin.js';
import type { Db } from '../../db/client.js';
import { can } from '../../domain/roles.js';
import { GROUPS, PROGRAMS, SEGMENTS, STATUSES } from '../../domain/worker.js';
import { findRegion } from '../regions/queries.js';
import { regionCodeSchema } from '../../lib/schemas.js';
import { listWorkers } from './queries.js';
import { createWorker, present, revealNik } from './service.js';
import { exportWorkers } from './export.js';
import { changeEnrolmentStatus } from './enrolment-status.js';

const enrolmentBody = z.object({
  segment: z.enum(SEGMENTS),
  group: z.enum(GROUPS),
  programs: z.array(z.enum(PROGRAMS)).min(1),
  declaredIncome: z.number().int().min(0).nullish(),
  fundingSource: z.string().trim().max(200).optional(),
  // funding (issue 4): the payer as a reference; over quota/budget needs confirmOverCapacity by a permitted role
  fundingProgramId: z.number().int().positive().optional(),
  confirmOverCapacity: z.boolean().optional(),
});

const workerItem = z.object({
  id: z.number(),
  nik: z.string(),
  nikMasked: z.boolean(),
  name: z.string(),
  birthDate: z.string(),
  sex: z.enum(['L', 'P']),
  villageCode: z.string(),
  villageName: z.string(),
  address: z.string(),
  phone: z.string().nullable(),
  occupation: z.string().nullable(),
  enrolmentId: z.number().nullable(),
  segment: z.string().nullable(),
  group: z.string().nullable(),
  programs: z.array(z.string()).nullable(),
  status: z.string().nullable(),
  fundingSource: z.string().nullable(),
  fundingProgramId: z.number().nullable().optional(),
  declaredIncome: z.number().nullable(),
  kpj: z.string().nullable(),
});

const listQuery = z.object({
  region: regionCodeSchema.optional(),
  q: z.string().trim().min(2).max(100).optional(),
  nik: z.string().trim().regex(/^\d{16}$/).optional(),
  segment: z.enum(SEGMENTS).optional(),
  group: z.enum(GROUPS).optional(),
  status: z.enum(STATUSES).optional(),
  payer: z.string().trim().min(1).max(200).optional(),
});

const issue = z.object({ field: z.string(), code: z.string(), message: z.string(), messageEn: z.string() });

export function workerRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/workers',
    {
      config: { access: { permission: 'worker:write', region: (v) => (v.body as { villageCode?: string }).villageCode } },
      schema: {
        tags: ['workers'],
        summary: 'Register a worker by name by address (NIK, domicile village), optionally with a first enrolment',
        body: z.object({
          nik: z.string().min(1).max(40),
          name: z.string().trim().min(1).max(200),
          birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD'),
          sex: z.enum(['L', 'P']),
          villageCode: regionCodeSchema,
          address: z.string().trim().max(500).default(''),
          phone: z.string().trim().max(20).optional(),
          occupation: z.string().trim().max(120).optional(),
          enrolment: enrolmentBody.optional(),
        }),
        response: { 201: workerItem.extend({ warnings: z.array(issue) }) },
      },
    },
    async (req, reply) => {
      const user = userOf(req);
      const { person, enrolment, warnings } = await createWorker(db, user, req.body);
      const row = {
        id: person.id,
        nik: person.nik,
        name: person.name,
        birthDate: person.birth_date,
        sex: person.sex,
        villageCode: person.village_code,
        villageName: (await findRegion(db, person.village_code))?.name ?? '',
        address: person.address,
        phone: person.phone,
        occupation: person.occupation,
        enrolmentId: enrolment?.id ?? null,
        segment: enrolment?.segment ?? null,
        group: enrolment?.group_code ?? null,
        programs: enrolment?.programs ?? null,
        status: enrolment?.status ?? null,
        fundingSource: enrolment?.funding_source ?? null,
        fundingProgramId: enrolment?.funding_program_id ?? null,
        declaredIncome: enrolment?.declared_income ?? null,
        kpj: enrolment?.kpj ?? null,
      };
      return reply.code(201).send({ ...present(user, row), warnings });
    },
  );

  r.get(
    '/api/workers',
    {
      config: { access: { permission: 'worker:read', region: (v) => (v.query as { region?: string }).region } },
      schema: {
        tags: ['workers'],
        summary: 'Search and list workers within your region (NIK masked)',
        querystring: listQuery.extend({
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.object({ items: z.array(workerItem), total: z.number(), page: z.number(), pageSize: z.number() }) },
      },
    },
    async (req) => {
      const user = userOf(req);
      const { page, pageSize, ...filter } = req.query;
      const { items, total } = await listWorkers(db, { ...filter, region: filter.region ?? user.regionCode }, page, pageSize);
      return { items: items.map((w) => present(user, w)), total, page, pageSize };
    },
  );

  r.get(
    '/api/workers/export.xlsx',
    {
      config: { access: { permission: 'worker:read', region: (v) => (v.query as { region?: string }).region } },
      schema: { tags: ['workers'], summary: 'The same list as an Excel workbook (full NIK only for roles that may see it; audited)', querystring: listQuery },
    },
    async (req, reply) => {
      const user = userOf(req);
      const filter = { ...req.query, region: req.query.region ?? user.regionCode };
      reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      reply.header('content-disposition', `attachment; filename="pekerja-${filter.region}.xlsx"`);
      return reply.send(await exportWorkers(db, user, filter, can(user.role, 'worker:nik')));
    },
  );

  r.get(
    '/api/workers/:id/nik',
    {
      config: { access: { permission: 'worker:nik' } },
      schema: {
        tags: ['workers'],
        summary: 'Reveal one full NIK (audited as view_nik)',
        params: z.object({ id: z.coerce.number().int().positive() }),
        response: { 200: z.object({ id: z.number(), nik: z.string() }) },
      },
    },
    async (req) => revealNik(db, userOf(req), req.params.id),
  );

  r.post(
    '/api/enrolments/:id/status',
    {
      // the enrolment's village decides the scope; the service answers 404 outside it
      config: { access: { permission: 'worker:write' } },
      schema: {
        tags: ['workers'],
        summary: 'Move an enrolment along submitted → registered (with KPJ) → active → ended; dated history, audited',
        description: 'Answers 409 STATUS_MOVE_NOT_ALLOWED with details.allowed when the move is not allowed. Lapse and reactivation follow payments (funding).',
        params: z.object({ id: z.coerce.number().int().positive() }),
        body: z.object({
          to: z.enum(STATUSES),
          kpj: z.string().trim().max(30).optional(),
          date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD').optional(),
          note: z.string().trim().max(500).optional(),
        }),
        response: { 200: z.object({ id: z.number(), status: z.enum(STATUSES), kpj: z.string().nullable(), startDate: z.string(), endDate: z.string().nullable() }) },
      },
    },
    async (req) => {
      const e = await changeEnrolmentStatus(db, userOf(req), req.params.id, req.body);
      return { id: e.id, status: e.status, kpj: e.kpj, startDate: e.start_date, endDate: e.end_date };
    },
  );
}
