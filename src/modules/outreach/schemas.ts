import { z } from 'zod';
import { AUDIENCES } from '../../domain/outreach.js';
import { isoDate, paginationQuery, regionCodeSchema, text, trimmedText } from '../../lib/schemas.js';

/** The outreach (sosialisasi) contract (issue 6): every request and response shape of /api/outreach. */

const REACH_KINDS = ['desa', 'all'] as const;
const villageCode = trimmedText().regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, 'kode desa seperti 32.02.01.2001');

export const reachParams = z.object({ regionCode: regionCodeSchema });
export const reachQuery = z.object({ kind: z.enum(REACH_KINDS).default('desa') });
const reachItem = z.object({ code: text(), name: text(), villagesTotal: z.number(), villagesReached: z.number(), pct: z.number() });
export const reachSchema = z.object({
  regionCode: text(),
  kind: z.enum(REACH_KINDS),
  villagesTotal: z.number(),
  villagesReached: z.number(),
  pct: z.number(),
  notReached: z.array(z.object({ code: text(), name: text() })),
  byChild: z.array(reachItem),
});

export const outreachEventSchema = z.object({
  id: z.number(),
  heldOn: text(),
  title: text(),
  organiser: text(),
  audiences: z.array(text()),
  attendance: z.number(),
  enrolmentsAfter: z.number(),
  region: text(),
  notes: text(),
  createdBy: text(),
  villageCount: z.number(),
});
export const eventListQuery = z.object({ region: regionCodeSchema.optional() }).extend(paginationQuery(50, 200).shape);
export const eventPageSchema = z.object({ items: z.array(outreachEventSchema), total: z.number(), page: z.number(), pageSize: z.number() });

export const outreachEventBody = z.object({
  heldOn: isoDate,
  title: trimmedText().min(1).max(200),
  organiser: trimmedText().min(1).max(200),
  audiences: z.array(z.enum(AUDIENCES)).min(1),
  attendance: z.number().int().min(0).max(1_000_000),
  enrolmentsAfter: z.number().int().min(0).max(1_000_000).default(0),
  villageCodes: z.array(villageCode).min(1).max(1000),
  notes: trimmedText().max(2000).optional(),
});

export type ReachKind = (typeof REACH_KINDS)[number];
export type Reach = z.infer<typeof reachSchema>;
export type OutreachEvent = z.infer<typeof outreachEventSchema>;
export type OutreachEventPage = z.infer<typeof eventPageSchema>;
/** What the web sends (enrolmentsAfter may be left out) … */
export type NewOutreachEvent = z.input<typeof outreachEventBody>;
/** … and what the service receives after validation. */
export type OutreachInput = z.infer<typeof outreachEventBody>;
