/** Shapes of the compliance, outreach and Perisai agent API (issue 6; see /api/docs). */

export const COMPLIANCE_STATUSES = ['compliant', 'PWBD', 'PDS_TK', 'PDS_UPAH', 'PDS_PROGRAM'] as const;
export type ComplianceStatus = (typeof COMPLIANCE_STATUSES)[number];
export const CASE_STEPS = ['open', 'warning_1', 'warning_2', 'referred_skk', 'sanction_recommended', 'resolved', 'closed'] as const;
export type CaseStep = (typeof CASE_STEPS)[number];
export const AUDIENCES = ['village_heads', 'village_officials', 'workers', 'employers', 'community', 'agents'] as const;

export interface Finding {
  code: Exclude<ComplianceStatus, 'compliant'>;
  message: string;
  messageEn: string;
  facts: Record<string, unknown>;
}

export interface Employer {
  id: number;
  name: string;
  region: string;
  regionName: string;
  npp: string | null;
  nib: string | null;
  sector: string;
  sizeClass: 'micro' | 'small' | 'medium' | 'large';
  address: string;
  employeesDeclared: number;
  workersRegistered: number;
  wageReported: number | null;
  wageActual: number | null;
  programs: string[];
  statuses: ComplianceStatus[];
  findings: Finding[];
  openCaseId: number | null;
  openCaseStep: CaseStep | null;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface CaseSummary {
  id: number;
  employerId: number;
  employerName: string;
  employerNpp: string | null;
  region: string;
  regionName: string;
  step: CaseStep;
  stepLabel: string;
  stepLabelEn: string;
  stepDate: string;
  deadline: string | null;
  overdue: boolean;
  officer: string;
  allowedNext: CaseStep[];
  findings: Finding[];
}

export interface CaseDetail extends CaseSummary {
  steps: { id: number; fromStep: CaseStep | null; step: CaseStep; stepDate: string; deadline: string | null; officer: string; note: string; by: string; at: string; letter: boolean }[];
  documents: { id: number; filename: string; contentType: string; sizeBytes: number; uploadedBy: string; uploadedAt: string }[];
}

export interface Reach {
  regionCode: string;
  villagesTotal: number;
  villagesReached: number;
  pct: number;
  notReached: { code: string; name: string }[];
  byChild: { code: string; name: string; villagesTotal: number; villagesReached: number; pct: number }[];
}

export interface OutreachEvent {
  id: number;
  heldOn: string;
  title: string;
  organiser: string;
  audiences: string[];
  attendance: number;
  enrolmentsAfter: number;
  region: string;
  villageCount: number;
}

export interface NewOutreachEvent {
  heldOn: string;
  title: string;
  organiser: string;
  audiences: string[];
  attendance: number;
  enrolmentsAfter: number;
  villageCodes: string[];
}

export interface AgentMonth {
  month: string;
  newParticipants: number;
  collected: number;
  commission: number;
  bonus: number;
  total: number;
}

export interface Agent {
  rank: number;
  id: number;
  nik: string;
  name: string;
  area: string;
  areaName: string;
  joinedOn: string;
  status: 'active' | 'inactive';
  inactiveFrom: string;
  mayRejoinFrom: string | null;
  enrolments: number;
  lastRecruitedOn: string | null;
  collectedTotal: number;
  window: { newParticipants: number; collected: number; pay: number };
  months: AgentMonth[];
}

export interface AgentReport {
  region: string;
  from: string;
  until: string;
  rule: { rateBp: number; bonusThreshold: number; bonusAmount: number; inactiveMonths: number; rejoinMonths: number; legalBasis: string } | null;
  items: Agent[];
}
