import type { Role } from '../../../../src/domain/roles';

/** Mirrors FUNDING_GRANTS in src/domain/roles.ts (for showing controls; the server checks every request). */
const WRITERS: readonly Role[] = ['province_operator', 'regency_operator', 'village_operator'];
const PAYMENT_WRITERS: readonly Role[] = ['province_operator', 'regency_operator', 'village_operator', 'bpjs_branch'];

export const canWriteFunding = (role: Role) => WRITERS.includes(role);
export const canRecordPayments = (role: Role) => PAYMENT_WRITERS.includes(role);
