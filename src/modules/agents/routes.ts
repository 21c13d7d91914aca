import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { userOf } from '../../access/plugin.js';
import type { Db } from '../../db/client.js';
import { regionCodeSchema } from '../../lib/schemas.js';
import { commissionRules } from './queries.js';
import { agentsReport, createAgent, linkEnrolment, recordCollection, rejoinAgent } from './service.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const yearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');
const ruleSchema = z.object({ effectiveFrom: z.string(), rateBp: z.number(), bonusThreshold: z.number(), bonusAmount: z.number(), inactiveMonths: z.number(), rejoinMonths: z.number(), legalBasis: z.string() });
const monthSchema = z.object({ month: z.string(), newParticipants: z.number(), collected: z.number(), commission: z.number(), bonus: z.number(), total: z.number() });
const agentItem = z.object({
  rank: z.number(),
  id: z.number(),
  nik: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  area: z.string(),
  areaName: z.string(),
  joinedOn: z.string(),
  status: z.enum(['active', 'inactive']),
  inactiveFrom: z.string(),
  mayRejoinFrom: z.string().nullable(),
  enrolments: z.number(),
  lastRecruitedOn: z.string().nullable(),
  collectedTotal: z.number(),
  window: z.object({ newParticipants: z.number(), collected: z.number(), pay: z.number() }),
  months: z.array(monthSchema),
});
const idParams = z.object({ id: z.coerce.number().int().positive() });
const thisMonth = () => new Date().toISOString().slice(0, 7);

export function agentRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/agents',
    {
      config: { access: { permission: 'agent:read', region: (v) => (v.query as { region?: string }).region } },
      schema: {
        tags: ['agents'],
        summary: 'Perisai agents of a region as a leaderboard, with status (inactive-agent rule) and commission per month over a window (default: the 6 months up to this one)',
        querystring: z.object({ region: regionCodeSchema.optional(), until: yearMonth.optional(), months: z.coerce.number().int().min(1).max(24).default(6) }),
        response: { 200: z.object({ region: z.string(), from: z.string(), until: z.string(), rule: ruleSchema.nullable(), items: z.array(agentItem) }) },
      },
    },
    async (req) => agentsReport(db, req.query.region ?? userOf(req).regionCode, req.query.until ?? thisMonth(), req.query.months),
  );

  r.get(
    '/api/agents/commission-rules',
    {
      config: { access: { permission: 'agent:read' } },
      schema: { tags: ['agents'], summary: 'The date-effective commission and inactivity rules', response: { 200: z.object({ items: z.array(ruleSchema) }) } },
    },
    async () => ({ items: await commissionRules(db) }),
  );

  r.post(
    '/api/agents',
    {
      config: { access: { permission: 'agent:write', region: (v) => (v.body as { areaCode?: string }).areaCode } },
      schema: {
        tags: ['agents'],
        summary: 'Register a Perisai agent (NIK, area: a district or village; audited)',
        body: z.object({ nik: z.string().min(1).max(40), name: z.string().trim().min(1).max(200), phone: z.string().trim().max(20).optional(), areaCode: regionCodeSchema, joinedOn: isoDate }),
        response: { 201: z.object({ id: z.number(), nik: z.string(), name: z.string(), phone: z.string().nullable(), area: z.string(), joinedOn: z.string() }) },
      },
    },
    async (req, reply) => reply.code(201).send(await createAgent(db, userOf(req), req.body)),
  );

  r.post(
    '/api/agents/:id/enrolments',
    {
      config: { access: { permission: 'agent:write' } },
      schema: {
        tags: ['agents'],
        summary: 'Credit an enrolment in the registry to the agent who brought it (audited)',
        params: idParams,
        body: z.object({ enrolmentId: z.number().int().positive(), recruitedOn: isoDate }),
        response: { 201: z.object({ agentId: z.number(), enrolmentId: z.number(), recruitedOn: z.string() }) },
      },
    },
    async (req, reply) => reply.code(201).send(await linkEnrolment(db, userOf(req), req.params.id, req.body)),
  );

  r.post(
    '/api/agents/:id/collections',
    {
      config: { access: { permission: 'agent:write' } },
      schema: {
        tags: ['agents'],
        summary: 'Record a contribution the agent collected from a member they brought, for one month (audited)',
        params: idParams,
        body: z.object({ enrolmentId: z.number().int().positive(), month: yearMonth, amount: z.number().int().min(1).max(100_000_000), collectedOn: isoDate }),
        response: { 201: z.object({ id: z.number(), agentId: z.number(), enrolmentId: z.number(), month: z.string(), amount: z.number(), collectedOn: z.string() }) },
      },
    },
    async (req, reply) => reply.code(201).send(await recordCollection(db, userOf(req), req.params.id, req.body)),
  );

  r.post(
    '/api/agents/:id/rejoin',
    {
      config: { access: { permission: 'agent:write' } },
      schema: {
        tags: ['agents'],
        summary: 'An inactive agent rejoins once the waiting period is over (audited); 409 while active or too early',
        params: idParams,
        body: z.object({ date: isoDate }),
        response: { 200: z.object({ id: z.number(), joinedOn: z.string() }) },
      },
    },
    async (req) => rejoinAgent(db, userOf(req), req.params.id, req.body.date),
  );
}
