import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { userOf } from '../../access/plugin.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { COMPLIANCE_STATUSES, SIZE_CLASSES } from '../../domain/compliance.js';
import { inSubtree } from '../../domain/region-code.js';
import { PROGRAMS } from '../../domain/worker.js';
import { AppError, errors } from '../../lib/errors.js';
import { regionCodeSchema } from '../../lib/schemas.js';
import { countByStatus, findEmployer, listEmployers, listUmk } from './queries.js';
import { createEmployer, rejectUmkFile, setUmk, updateEmployer } from './service.js';
import { readUmkFile } from './umk-file.js';
import { inRegion } from '../../access/subtree.js';
import { exportEmployers } from './export.js';

export const findingSchema = z.object({
  code: z.enum(['PWBD', 'PDS_TK', 'PDS_UPAH', 'PDS_PROGRAM']),
  message: z.string(),
  messageEn: z.string(),
  facts: z.record(z.string(), z.unknown()),
});

const employerItem = z.object({
  id: z.number(),
  name: z.string(),
  /** the employer's village code */
  region: z.string(),
  regionName: z.string(),
  npp: z.string().nullable(),
  nib: z.string().nullable(),
  sector: z.string(),
  sizeClass: z.enum(SIZE_CLASSES),
  address: z.string(),
  employeesDeclared: z.number(),
  workersRegistered: z.number(),
  wageReported: z.number().nullable(),
  wageActual: z.number().nullable(),
  programs: z.array(z.string()),
  statuses: z.array(z.enum(COMPLIANCE_STATUSES)),
  findings: z.array(findingSchema),
  openCaseId: z.number().nullable(),
  openCaseStep: z.string().nullable(),
});

type StoredFinding = { code: string; message: { id: string; en: string }; facts: Record<string, unknown> };
/** Findings as the API speaks: message (Indonesian) and messageEn, like every other message. */
export const presentFindings = (f: unknown) =>
  (f as StoredFinding[]).map((x) => ({ code: x.code as z.infer<typeof findingSchema>['code'], message: x.message.id, messageEn: x.message.en, facts: x.facts }));
const present = <T extends { findings: unknown; sizeClass: string; statuses: string[] }>(e: T) => ({
  ...e,
  sizeClass: e.sizeClass as (typeof SIZE_CLASSES)[number],
  statuses: e.statuses as (typeof COMPLIANCE_STATUSES)[number][],
  findings: presentFindings(e.findings),
});

const rupiah = z.number().int().min(0).max(1_000_000_000);
const employerBody = z.object({
  name: z.string().trim().min(1).max(200),
  npp: z.string().trim().max(40).nullish(),
  nib: z.string().trim().regex(/^\d{13}$/, '13 digit').nullish().or(z.literal('')),
  sector: z.string().trim().max(120).optional(),
  sizeClass: z.enum(SIZE_CLASSES),
  villageCode: regionCodeSchema,
  address: z.string().trim().max(500).optional(),
  employeesDeclared: z.number().int().min(0).max(1_000_000),
  workersRegistered: z.number().int().min(0).max(1_000_000),
  wageReported: rupiah.nullish(),
  wageActual: rupiah.nullish(),
  programs: z.array(z.enum(PROGRAMS)).max(4),
});

const idParams = z.object({ id: z.coerce.number().int().positive() });
const wrongFile = () => new AppError(422, 'UMK_FILE_TYPE', { id: 'Unggah berkas .xlsx atau .csv (kolom "file").', en: 'Upload an .xlsx or .csv file (field "file").' }, 'file');

export function employerRoutes(app: FastifyInstance, { db, config }: { db: Db; config: Config }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/employers',
    {
      config: { access: { permission: 'employer:read', region: (v) => (v.query as { region?: string }).region } },
      schema: {
        tags: ['compliance'],
        summary: 'Employers in a region with their compliance findings (compliant, PWBD, PDS_TK, PDS_UPAH, PDS_PROGRAM)',
        querystring: z.object({
          region: regionCodeSchema.optional(),
          status: z.enum(COMPLIANCE_STATUSES).optional(),
          sizeClass: z.enum(SIZE_CLASSES).optional(),
          q: z.string().trim().min(2).max(100).optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.object({ items: z.array(employerItem), total: z.number(), page: z.number(), pageSize: z.number() }) },
      },
    },
    async (req) => {
      const { page, pageSize, ...f } = req.query;
      const { items, total } = await listEmployers(db, { ...f, region: f.region ?? userOf(req).regionCode }, page, pageSize);
      return { items: items.map(present), total, page, pageSize };
    },
  );

  r.get(
    '/api/employers/summary',
    {
      config: { access: { permission: 'employer:read', region: (v) => (v.query as { region?: string }).region } },
      schema: {
        tags: ['compliance'],
        summary: 'Employer counts per compliance status in a region (for the region dashboard)',
        querystring: z.object({ region: regionCodeSchema.optional() }),
        response: { 200: z.object({ region: z.string(), total: z.number(), byStatus: z.record(z.string(), z.number()) }) },
      },
    },
    async (req) => {
      const region = req.query.region ?? userOf(req).regionCode;
      const byStatus = await countByStatus(db, region);
      const total = await db
        .selectFrom('employer')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where((eb) => inRegion(eb, 'village_code', region))
        .executeTakeFirstOrThrow();
      return { region, total: Number(total.n), byStatus };
    },
  );

  r.get(
    '/api/employers/export.xlsx',
    {
      config: { access: { permission: 'employer:read', region: (v) => (v.query as { region?: string }).region } },
      schema: {
        tags: ['compliance'],
        summary: 'The same employer list with its evidence and findings as an Excel workbook',
        querystring: z.object({ region: regionCodeSchema.optional(), status: z.enum(COMPLIANCE_STATUSES).optional(), sizeClass: z.enum(SIZE_CLASSES).optional(), q: z.string().trim().min(2).max(100).optional() }),
      },
    },
    async (req, reply) => {
      const filter = { ...req.query, region: req.query.region ?? userOf(req).regionCode };
      reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      reply.header('content-disposition', `attachment; filename="kepatuhan-${filter.region}${filter.status ? `-${filter.status}` : ''}.xlsx"`);
      return reply.send(await exportEmployers(db, filter));
    },
  );

  r.get(
    '/api/employers/:id',
    {
      config: { access: { permission: 'employer:read' } },
      schema: { tags: ['compliance'], summary: 'One employer with its findings', params: idParams, response: { 200: employerItem } },
    },
    async (req) => {
      const e = await findEmployer(db, req.params.id);
      if (!e || !inSubtree(userOf(req).regionCode, e.region)) throw errors.notFound({ id: 'Perusahaan', en: 'Employer' });
      return present(e);
    },
  );

  r.post(
    '/api/employers',
    {
      config: { access: { permission: 'employer:write', region: (v) => (v.body as { villageCode?: string }).villageCode } },
      schema: { tags: ['compliance'], summary: 'Register an employer (audited); its findings are computed at once', body: employerBody, response: { 201: employerItem } },
    },
    async (req, reply) => reply.code(201).send(present(await createEmployer(db, userOf(req), { ...req.body, nib: req.body.nib || null }))),
  );

  r.patch(
    '/api/employers/:id',
    {
      config: { access: { permission: 'employer:write', region: (v) => (v.body as { villageCode?: string } | undefined)?.villageCode } },
      schema: { tags: ['compliance'], summary: 'Correct an employer (audited with before and after)', params: idParams, body: employerBody.partial(), response: { 200: employerItem } },
    },
    async (req) => present(await updateEmployer(db, userOf(req), req.params.id, { ...req.body, ...(req.body.nib !== undefined && { nib: req.body.nib || null }) })),
  );

  const umkItem = z.object({ regencyCode: z.string(), regencyName: z.string(), year: z.number(), amount: z.number(), legalBasis: z.string() });

  r.get(
    '/api/umk',
    {
      config: { access: { permission: 'employer:read', region: (v) => (v.query as { region?: string }).region } },
      schema: { tags: ['compliance'], summary: 'Regional minimum wages (UMK) per regency and year', querystring: z.object({ region: regionCodeSchema.optional() }), response: { 200: z.object({ items: z.array(umkItem) }) } },
    },
    async (req) => ({ items: await listUmk(db, req.query.region ?? userOf(req).regionCode) }),
  );

  r.put(
    '/api/umk/:regencyCode/:year',
    {
      config: { access: { permission: 'umk:write', region: (v) => (v.params as { regencyCode?: string }).regencyCode } },
      schema: {
        tags: ['compliance'],
        summary: 'Set one UMK (audited); the employers of that regency are re-assessed',
        params: z.object({ regencyCode: regionCodeSchema, year: z.coerce.number().int().min(2000).max(2100) }),
        body: z.object({ amount: z.number().int().min(1).max(1_000_000_000), legalBasis: z.string().trim().max(200).optional() }),
        response: { 200: z.object({ saved: z.number(), reassessed: z.number() }) },
      },
    },
    async (req) => setUmk(db, userOf(req), [{ regencyCode: req.params.regencyCode, year: req.params.year, ...req.body }]),
  );

  r.post(
    '/api/umk/import',
    {
      config: { access: { permission: 'umk:write' } },
      schema: {
        tags: ['compliance'],
        summary: 'Import UMK from .xlsx/.csv (columns Kode Wilayah, Tahun, UMK); all rows or none',
        consumes: ['multipart/form-data'],
        response: { 200: z.object({ saved: z.number(), reassessed: z.number() }) },
      },
    },
    async (req) => {
      const user = userOf(req);
      if (!req.isMultipart()) throw wrongFile();
      const part = await req.file({ limits: { fileSize: 2 * 1024 * 1024 } });
      if (!part || part.fieldname !== 'file') throw wrongFile();
      const kind = /\.xlsx$/i.test(part.filename) ? 'xlsx' : /\.csv$/i.test(part.filename) ? 'csv' : undefined;
      if (!kind) throw wrongFile();
      const dir = join(config.dataDir, 'uploads');
      await mkdir(dir, { recursive: true });
      const path = join(dir, `umk-${randomUUID()}.${kind}`);
      try {
        await pipeline(part.file, createWriteStream(path));
        if (part.file.truncated) throw new AppError(413, 'UMK_FILE_TOO_LARGE', { id: 'Berkas UMK melebihi 2 MB.', en: 'The UMK file exceeds 2 MB.' }, 'file');
        const { rows, problems } = await readUmkFile(path, kind);
        if (problems.length) rejectUmkFile(problems);
        if (rows.length === 0) throw new AppError(422, 'EMPTY_FILE', { id: 'Berkas tidak berisi baris UMK.', en: 'The file holds no UMK rows.' }, 'file');
        return await setUmk(db, user, rows);
      } finally {
        await rm(path, { force: true });
      }
    },
  );
}
