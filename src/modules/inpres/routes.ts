import { createReadStream, existsSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { userOf } from '../../access/plugin.js';
import { access } from '../../access/rules.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { errors } from '../../lib/errors.js';
import { idParams } from '../../lib/schemas.js';
import { receiveUpload } from '../../lib/upload.js';
import { actionScope, findRegulation, listAllocations, listRegulations, regulationScope } from './queries.js';
import { inpresReportData } from './report-data.js';
import { inpresPdf } from './report-pdf.js';
import { inpresWorkbook } from './report-xlsx.js';
import {
  actionPatch,
  actionSchema,
  allocationBody,
  allocationList,
  allocationSchema,
  childrenSchema,
  inpresParams,
  meetingBody,
  meetingList,
  meetingListQuery,
  meetingSchema,
  regulationCreated,
  regulationList,
  regulationListQuery,
  scorecardQuery,
  scorecardSchema,
  semesterQuery,
  weightsSchema,
  weightsView,
  yearQuery,
  targetGroupsBody,
  targetGroupsSaved,
} from './schemas.js';
import {
  changeAction,
  childrenScores,
  createRegulation,
  declareAllocation,
  meetingsOf,
  recordMeeting,
  REGULATION_UPLOAD,
  regulationDir,
  saveTargetGroups,
  scorecard,
  setWeights,
  WEIGHTS_NOTE,
  weightsInForce,
} from './service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const reportName = (code: string, semester: string, ext: string) => `inpres-2-2021-${code === 'ID' ? 'nasional' : code.replace(/\./g, '')}-${semester}.${ext}`;

/** Inpres 2/2021 accountability (issue 15). */
export function inpresRoutes(app: FastifyInstance, { db, config }: { db: Db; config: Config }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // ── regulations ──
  const createSchema = {
    tags: ['inpres'],
    summary: 'Record a regional regulation with its signed PDF (multipart: file + regionCode, type, number, title, signedOn, inForceOn?, groups, requires?; audited)',
    description:
      '`type` one of PERDA, PERKADA (Pergub/Perbup/Perwal), SE, PERDES, SK; `groups` a comma list of registry group codes (PEKERJA_RENTAN,NON_ASN…); ' +
      '`requires` a comma list of BUDGET_LINE, LICENSING, VILLAGE_BUDGET. The file must be a PDF by its content (else 422 REGULATION_NOT_PDF); ' +
      'the region must lie in the caller’s subtree (else 403).',
    consumes: ['multipart/form-data'],
    response: { 201: regulationCreated },
  };
  r.post('/api/regulations', { config: { access: { permission: 'inpres:write' } }, schema: createSchema }, async (req, reply) => {
    const file = await receiveUpload(req, regulationDir(config.dataDir), REGULATION_UPLOAD);
    return reply.code(201).send(await createRegulation(db, userOf(req), file));
  });

  const listSchema = { tags: ['inpres'], summary: 'Regulations of a region and the regions inside it, newest first', querystring: regulationListQuery, response: { 200: regulationList } };
  r.get('/api/regulations', { config: { access: access(listSchema, 'inpres:read', { region: (v) => v.query.region }) }, schema: listSchema }, async (req) => {
    const { items, total } = await listRegulations(db, req.query.region, req.query.page, req.query.pageSize);
    return {
      items: items.map((g) => ({
        id: g.id,
        regionCode: g.region_code,
        regionName: g.region_name,
        type: g.type,
        number: g.number,
        title: g.title,
        signedOn: g.signed_on,
        inForceOn: g.in_force_on,
        groups: g.groups,
        requires: g.requires,
        document: { name: g.document_name, size: g.document_size },
      })),
      total,
    };
  });

  const docSchema = { tags: ['inpres'], summary: 'Download a regulation’s signed PDF', params: idParams };
  r.get('/api/regulations/:id/document', { config: { access: access(docSchema, 'inpres:read', { entity: regulationScope, id: (v) => v.params.id }) }, schema: docSchema }, async (req, reply) => {
    const g = await findRegulation(db, req.params.id);
    if (!g || !existsSync(g.document_path)) throw errors.notFound({ id: 'Dokumen', en: 'Document' });
    reply.header('content-type', 'application/pdf');
    reply.header('content-disposition', `attachment; filename="${encodeURIComponent(g.document_name)}"`);
    return reply.send(createReadStream(g.document_path));
  });

  // ── scorecards ──
  const cardSchema = {
    tags: ['inpres'],
    summary: 'Scorecard of a region for a year: one row per Inpres 2/2021 duty with status, points and evidence; target groups; weighted score; rank among its siblings',
    params: inpresParams,
    querystring: scorecardQuery,
    response: { 200: scorecardSchema },
  };
  r.get('/api/inpres/:code', { config: { access: access(cardSchema, 'inpres:read', { region: (v) => v.params.code }) }, schema: cardSchema }, async (req) =>
    scorecard(db, req.params.code, req.query.year, req.query.asOf),
  );

  const kidsSchema = { tags: ['inpres'], summary: 'The region’s children ranked by score, with each duty’s status', params: inpresParams, querystring: scorecardQuery, response: { 200: childrenSchema } };
  r.get('/api/inpres/:code/children', { config: { access: access(kidsSchema, 'inpres:read', { region: (v) => v.params.code }) }, schema: kidsSchema }, async (req) =>
    childrenScores(db, req.params.code, req.query.year, req.query.asOf),
  );

  // ── target groups, allocations ──
  const groupsSchema = {
    tags: ['inpres'],
    summary: 'Declare the size of the region’s groups for a year, each with its source (upsert per group; audited)',
    params: inpresParams,
    body: targetGroupsBody,
    response: { 200: targetGroupsSaved },
  };
  r.put('/api/inpres/:code/target-groups', { config: { access: access(groupsSchema, 'inpres:write', { region: (v) => v.params.code }) }, schema: groupsSchema }, async (req, reply) => {
    reply.code(200);
    return saveTargetGroups(db, userOf(req), req.params.code, req.body);
  });

  const allocSchema = {
    tags: ['inpres'],
    summary: 'Declare an APBD/APBDes allocation for employment social security that has no funding programme yet (audited)',
    params: inpresParams,
    body: allocationBody,
    response: { 201: allocationSchema },
  };
  r.post('/api/inpres/:code/allocations', { config: { access: access(allocSchema, 'inpres:write', { region: (v) => v.params.code }) }, schema: allocSchema }, async (req, reply) => {
    const a = await declareAllocation(db, userOf(req), req.params.code, req.body);
    return reply.code(201).send({ id: a.id, regionCode: a.region_code, fiscalYear: a.fiscal_year, source: a.source, amount: a.amount, note: a.note });
  });

  const allocListSchema = { tags: ['inpres'], summary: 'Declared allocations of the region and the regions inside it for a year (at most 500)', params: inpresParams, querystring: yearQuery, response: { 200: allocationList } };
  r.get('/api/inpres/:code/allocations', { config: { access: access(allocListSchema, 'inpres:read', { region: (v) => v.params.code }) }, schema: allocListSchema }, async (req) => {
    const rows = await listAllocations(db, req.params.code, req.query.year);
    return { items: rows.map((a) => ({ id: a.id, regionCode: a.region_code, fiscalYear: a.fiscal_year, source: a.source, amount: a.amount, note: a.note })), total: rows.length };
  });

  // ── meetings and follow-up actions ──
  const meetSchema = {
    tags: ['inpres'],
    summary: 'Record a coordination meeting (rakor) with its decisions as follow-up actions, each with an owner agency and due date (audited)',
    params: inpresParams,
    body: meetingBody,
    response: { 201: meetingSchema },
  };
  r.post('/api/inpres/:code/meetings', { config: { access: access(meetSchema, 'inpres:write', { region: (v) => v.params.code }) }, schema: meetSchema }, async (req, reply) =>
    reply.code(201).send(await recordMeeting(db, userOf(req), req.params.code, req.body)),
  );

  const meetListSchema = { tags: ['inpres'], summary: 'The region’s own meetings, newest first, with their actions (overdue flagged)', params: inpresParams, querystring: meetingListQuery, response: { 200: meetingList } };
  r.get('/api/inpres/:code/meetings', { config: { access: access(meetListSchema, 'inpres:read', { region: (v) => v.params.code }) }, schema: meetListSchema }, async (req) =>
    meetingsOf(db, req.params.code, req.query.page, req.query.pageSize),
  );

  const actionSchemaDef = { tags: ['inpres'], summary: 'Change a follow-up action’s status (done: with the day it was done; audited)', params: idParams, body: actionPatch, response: { 200: actionSchema } };
  r.patch('/api/inpres-actions/:id', { config: { access: access(actionSchemaDef, 'inpres:write', { entity: actionScope, id: (v) => v.params.id }) }, schema: actionSchemaDef }, async (req) =>
    changeAction(db, userOf(req), req.params.id, req.body.status, req.body.doneOn),
  );

  // ── weights ──
  const getWeights = { tags: ['inpres'], summary: 'The scorecard weights in force (Semesta’s defaults unless a national monitor changed them)', response: { 200: weightsView } };
  r.get('/api/inpres-weights', { config: { access: { permission: 'inpres:read' } }, schema: getWeights }, async () => ({ ...(await weightsInForce(db)), note: WEIGHTS_NOTE }));

  const putWeights = { tags: ['inpres'], summary: 'Change the scorecard weights (whole numbers adding up to 100; national monitor; audited)', body: weightsSchema, response: { 200: weightsView } };
  r.put('/api/inpres-weights', { config: { access: access(putWeights, 'inpres:weights') }, schema: putWeights }, async (req) => setWeights(db, userOf(req), req.body));

  // ── semester report ──
  const xlsxSchema = { tags: ['inpres'], summary: 'Semester report (Inpres 2/2021) of a region as .xlsx: scorecards of the region and its children, duties not met, overdue follow-ups, figures with sources', params: inpresParams, querystring: semesterQuery };
  r.get('/api/reports/inpres/:code.xlsx', { config: { access: access(xlsxSchema, 'inpres:read', { region: (v) => v.params.code }) }, schema: xlsxSchema }, async (req, reply) => {
    const body = await inpresWorkbook(await inpresReportData(db, req.params.code, req.query.semester));
    reply.header('content-type', XLSX).header('content-disposition', `attachment; filename="${reportName(req.params.code, req.query.semester, 'xlsx')}"`);
    return reply.send(body);
  });

  const pdfSchema = { tags: ['inpres'], summary: 'Semester report (Inpres 2/2021) of a region as PDF, in Indonesian', params: inpresParams, querystring: semesterQuery };
  r.get('/api/reports/inpres/:code.pdf', { config: { access: access(pdfSchema, 'inpres:read', { region: (v) => v.params.code }) }, schema: pdfSchema }, async (req, reply) => {
    const body = await inpresPdf(await inpresReportData(db, req.params.code, req.query.semester));
    reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="${reportName(req.params.code, req.query.semester, 'pdf')}"`);
    return reply.send(body);
  });
}
