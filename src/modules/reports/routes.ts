import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { access } from '../../access/rules.js';
import type { Db } from '../../db/client.js';
import { codeParams, periodQuery } from '../coverage/schemas.js';
import { monevData } from './monev-data.js';
import { monevPdf } from './monev-pdf.js';
import { monevWorkbook } from './monev-xlsx.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const fileName = (code: string, period: string, ext: string) => `monev-cakupan-${code === 'ID' ? 'nasional' : code.replace(/\./g, '')}-${period}.${ext}`;

export function reportRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  const workbook = {
    tags: ['coverage'],
    summary: 'Monev workbook of a region and month: summary, child regions, breakdowns, trend, definitions and sources',
    params: codeParams,
    querystring: periodQuery,
  };
  r.get(
    '/api/reports/monev/:code.xlsx',
    { config: { access: access(workbook, 'coverage:read', { region: (v) => v.params.code }) }, schema: workbook },
    async (req, reply) => {
      const body = await monevWorkbook(await monevData(db, req.params.code, req.query.period));
      reply.header('content-type', XLSX).header('content-disposition', `attachment; filename="${fileName(req.params.code, req.query.period, 'xlsx')}"`);
      return reply.send(body);
    },
  );

  const pdf = {
    tags: ['coverage'],
    summary: 'Monev report of a region and month as PDF, with the trend and ranking charts (ECharts, rendered on the server)',
    params: codeParams,
    querystring: periodQuery,
  };
  r.get(
    '/api/reports/monev/:code.pdf',
    { config: { access: access(pdf, 'coverage:read', { region: (v) => v.params.code }) }, schema: pdf },
    async (req, reply) => {
      const body = await monevPdf(await monevData(db, req.params.code, req.query.period));
      reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="${fileName(req.params.code, req.query.period, 'pdf')}"`);
      return reply.send(body);
    },
  );
}
