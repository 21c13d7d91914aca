/** Shapes of the funding API (src/modules/funding/routes.ts). */
export type PayerType = 'APBD_PROVINSI' | 'APBD_KABKOTA' | 'DANA_DESA' | 'BHP' | 'CSR' | 'MANDIRI' | 'EMPLOYER';
export const PAYER_TYPES: readonly PayerType[] = ['APBD_PROVINSI', 'APBD_KABKOTA', 'DANA_DESA', 'BHP', 'CSR', 'MANDIRI', 'EMPLOYER'];

export interface FundingProgram {
  id: number;
  name: string;
  payerType: PayerType;
  regionCode: string;
  fiscalYear: number;
  budget: number;
  quota: number;
  segment: 'PU' | 'BPU';
  programs: string[];
  basisIncome: number;
  riskGroup: number;
  legalKind: string;
  legalNumber: string;
  legalDate: string | null;
  document: { name: string; type: string; size: number } | null;
  status: string;
  monthlyCost: number;
}

export interface NewFundingProgram {
  name: string;
  payerType: PayerType;
  regionCode: string;
  fiscalYear: number;
  budget: number;
  quota: number;
  segment: 'PU' | 'BPU';
  programs: string[];
  basisIncome?: number;
  legalKind?: string;
  legalNumber?: string;
  legalDate?: string | null;
}

export interface Bill {
  id: number;
  fundingProgramId: number;
  month: string;
  dueDate: string;
  workerCount: number;
  amount: number;
  paidAmount: number;
  paidLines: number;
  outstanding: number;
  status: 'unpaid' | 'partial' | 'paid';
  created?: boolean;
}

export interface PaymentResult {
  id: number;
  amount: number;
  linesPaid: number;
  credit: number;
  lapsed: number;
  reactivated: number;
  blocked: number;
}

export interface ImportedPayments {
  rows: number;
  recorded: number;
  duplicates: number;
  rejected: { row: number; message: string; messageEn: string }[];
  amount: number;
  linesPaid: number;
  lapsed: number;
  reactivated: number;
}

export interface Budget {
  budget: number;
  quota: number;
  enrolled: number;
  quotaUsed: number;
  monthlyCost: number;
  remainingMonths: number;
  committed: number;
  billed: number;
  paid: number;
  outstanding: number;
  credit: number;
  available: number;
  budgetUsed: number;
}

export interface EarlyWarning {
  asOf: string;
  days: number;
  lapseMonths: number;
  items: { enrolmentId: number; name: string; villageCode: string; programId: number; programName: string; unpaidMonths: number; lapseDate: string; overdue: boolean }[];
  byProgram: { programId: number; programName: string; count: number }[];
}

export interface PlanRequest {
  region: string;
  targetPercent: number;
  byMonth: string;
  employedPopulation: number;
  mix: { segment: 'PU' | 'BPU'; programs: string[]; income: number; riskGroup?: number; share: number }[];
  payers: { payerType: PayerType; share: number }[];
}

export interface PlanResult {
  activeParticipants: number;
  currentPercent: number;
  targetParticipants: number;
  workersNeeded: number;
  monthlyCost: number;
  annualCost: number;
  monthsToTarget: number;
  newWorkersPerMonth: number;
  byMix: { label: string; workers: number; monthlyCost: number; annualCost: number }[];
  byPayer: { payerType: PayerType; monthlyCost: number; annualCost: number }[];
  budgets: { programId: number; name: string; payerType: PayerType; regionCode: string; budget: number; committed: number; available: number }[];
  budgetTotal: number;
  availableTotal: number;
}
