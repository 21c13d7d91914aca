import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { userOf } from '../../access/plugin.js';
import { access } from '../../access/rules.js';
import type { Db } from '../../db/client.js';
import { idParams } from '../../lib/schemas.js';
import { agentScope, commissionRules } from './queries.js';
import {
  agentReportQuery,
  agentReportSchema,
  collectionBody,
  collectionSchema,
  linkBody,
  linkSchema,
  newAgentBody,
  newAgentSchema,
  rejoinBody,
  rejoinSchema,
  ruleListSchema,
} from './schemas.js';
import { agentsReport, createAgent, linkEnrolment, recordCollection, rejoinAgent } from './service.js';
import { monthWib } from '../../domain/wib.js';

const thisMonth = () => monthWib();

export function agentRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  const report = {
    tags: ['agents'],
    summary: 'Perisai agents of a region as a leaderboard, with status (inactive-agent rule) and commission per month over a window (default: the 6 months up to this one)',
    querystring: agentReportQuery,
    response: { 200: agentReportSchema },
  };
  r.get('/api/agents', { config: { access: access(report, 'agent:read', { region: (v) => v.query.region }) }, schema: report }, async (req) =>
    agentsReport(db, req.query.region ?? userOf(req).regionCode, req.query.until ?? thisMonth(), req.query.months),
  );

  const rules = { tags: ['agents'], summary: 'The date-effective commission and inactivity rules', response: { 200: ruleListSchema } };
  r.get('/api/agents/commission-rules', { config: { access: { permission: 'agent:read' } }, schema: rules }, async () => ({ items: await commissionRules(db) }));

  const register = {
    tags: ['agents'],
    summary: 'Register a Perisai agent (NIK, area: a district or village; audited)',
    body: newAgentBody,
    response: { 201: newAgentSchema },
  };
  r.post('/api/agents', { config: { access: access(register, 'agent:write', { region: (v) => v.body.areaCode }) }, schema: register }, async (req, reply) =>
    reply.code(201).send(await createAgent(db, userOf(req), req.body)),
  );

  const link = {
    tags: ['agents'],
    summary: 'Credit an enrolment in the registry to the agent who brought it (audited)',
    params: idParams,
    body: linkBody,
    response: { 201: linkSchema },
  };
  r.post('/api/agents/:id/enrolments', { config: { access: access(link, 'agent:write', { entity: agentScope, id: (v) => v.params.id }) }, schema: link }, async (req, reply) =>
    reply.code(201).send(await linkEnrolment(db, userOf(req), req.params.id, req.body)),
  );

  const collect = {
    tags: ['agents'],
    summary: 'Record a contribution the agent collected from a member they brought, for one month (audited)',
    params: idParams,
    body: collectionBody,
    response: { 201: collectionSchema },
  };
  r.post('/api/agents/:id/collections', { config: { access: access(collect, 'agent:write', { entity: agentScope, id: (v) => v.params.id }) }, schema: collect }, async (req, reply) =>
    reply.code(201).send(await recordCollection(db, userOf(req), req.params.id, req.body)),
  );

  const rejoin = {
    tags: ['agents'],
    summary: 'An inactive agent rejoins once the waiting period is over (audited); 409 while active or too early',
    params: idParams,
    body: rejoinBody,
    response: { 200: rejoinSchema },
  };
  r.post('/api/agents/:id/rejoin', { config: { access: access(rejoin, 'agent:write', { entity: agentScope, id: (v) => v.params.id }) }, schema: rejoin }, async (req) =>
    rejoinAgent(db, userOf(req), req.params.id, req.body.date),
  );
}
