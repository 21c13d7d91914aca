import type { Role } from '../../../src/domain/roles';

/** What the compliance pages offer each role (mirrors COMPLIANCE_GRANTS in src/domain/roles.ts; the server checks every request). */
const EMPLOYER_READERS: readonly Role[] = ['national_monitor', 'province_operator', 'regency_operator', 'bpjs_branch', 'auditor', 'labour_inspector'];
const CASE_WRITERS: readonly Role[] = ['bpjs_branch', 'labour_inspector'];
const OUTREACH_WRITERS: readonly Role[] = ['province_operator', 'regency_operator', 'bpjs_branch', 'labour_inspector'];
const AGENT_READERS: readonly Role[] = ['national_monitor', 'province_operator', 'regency_operator', 'bpjs_branch', 'auditor', 'labour_inspector'];

export const canReadEmployers = (role: Role) => EMPLOYER_READERS.includes(role);
export const canWriteCases = (role: Role) => CASE_WRITERS.includes(role);
export const canWriteOutreach = (role: Role) => OUTREACH_WRITERS.includes(role);
export const canReadAgents = (role: Role) => AGENT_READERS.includes(role);
/** every role may read outreach reach */
export const canReadOutreach = (_role: Role) => true;
const EMPLOYER_WRITERS: readonly Role[] = ['province_operator', 'regency_operator', 'bpjs_branch', 'labour_inspector'];
const UMK_WRITERS: readonly Role[] = ['province_operator', 'regency_operator', 'labour_inspector'];
export const canWriteEmployers = (role: Role) => EMPLOYER_WRITERS.includes(role);
export const canWriteUmk = (role: Role) => UMK_WRITERS.includes(role);
const AGENT_WRITERS: readonly Role[] = ['regency_operator', 'bpjs_branch'];
export const canWriteAgents = (role: Role) => AGENT_WRITERS.includes(role);
