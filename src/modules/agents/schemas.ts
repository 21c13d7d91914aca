import { z } from 'zod';
import { dbId, isoDate, periodSchema, regionCodeSchema, text, trimmedText } from '../../lib/schemas.js';

/** The Perisai agent contract (issue 6): every request and response shape of /api/agents. */

export const ruleSchema = z.object({
  effectiveFrom: text(),
  rateBp: z.number(),
  bonusThreshold: z.number(),
  bonusAmount: z.number(),
  inactiveMonths: z.number(),
  rejoinMonths: z.number(),
  legalBasis: text(),
});
export const ruleListSchema = z.object({ items: z.array(ruleSchema) });

export const agentMonthSchema = z.object({ month: text(), newParticipants: z.number(), collected: z.number(), commission: z.number(), bonus: z.number(), total: z.number() });
export const agentSchema = z.object({
  rank: z.number(),
  id: z.number(),
  nik: text(),
  name: text(),
  phone: text().nullable(),
  area: text(),
  areaName: text(),
  joinedOn: text(),
  status: z.enum(['active', 'inactive']),
  inactiveFrom: text(),
  mayRejoinFrom: text().nullable(),
  enrolments: z.number(),
  lastRecruitedOn: text().nullable(),
  collectedTotal: z.number(),
  window: z.object({ newParticipants: z.number(), collected: z.number(), pay: z.number() }),
  months: z.array(agentMonthSchema),
});

export const agentReportQuery = z.object({ region: regionCodeSchema.optional(), until: periodSchema.optional(), months: z.coerce.number().int().min(1).max(24).default(6) });
export const agentReportSchema = z.object({ region: text(), from: text(), until: text(), rule: ruleSchema.nullable(), items: z.array(agentSchema) });

export const newAgentBody = z.object({ nik: text().min(1).max(40), name: trimmedText().min(1).max(200), phone: trimmedText().max(20).optional(), areaCode: regionCodeSchema, joinedOn: isoDate });
export const newAgentSchema = z.object({ id: z.number(), nik: text(), name: text(), phone: text().nullable(), area: text(), joinedOn: text() });

export const linkBody = z.object({ enrolmentId: dbId(), recruitedOn: isoDate });
export const linkSchema = z.object({ agentId: z.number(), enrolmentId: z.number(), recruitedOn: text() });

export const collectionBody = z.object({ enrolmentId: dbId(), month: periodSchema, amount: z.number().int().min(1).max(100_000_000), collectedOn: isoDate });
export const collectionSchema = z.object({ id: z.number(), agentId: z.number(), enrolmentId: z.number(), month: text(), amount: z.number(), collectedOn: text() });

export const rejoinBody = z.object({ date: isoDate });
export const rejoinSchema = z.object({ id: z.number(), joinedOn: text() });

export type AgentMonth = z.infer<typeof agentMonthSchema>;
export type Agent = z.infer<typeof agentSchema>;
export type AgentReport = z.infer<typeof agentReportSchema>;
export type NewAgentInput = z.infer<typeof newAgentBody>;
export type NewAgent = z.infer<typeof newAgentSchema>;
export type LinkInput = z.infer<typeof linkBody>;
export type Link = z.infer<typeof linkSchema>;
export type CollectionInput = z.infer<typeof collectionBody>;
export type Collection = z.infer<typeof collectionSchema>;
export type Rejoined = z.infer<typeof rejoinSchema>;
