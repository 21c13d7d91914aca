import type { Role } from '../api/types';

/**
 * What the UI offers each role (mirrors src/domain/roles.ts). Only for showing or hiding controls:
 * the server checks every request itself.
 */
const WORKER_WRITERS: readonly Role[] = ['province_operator', 'regency_operator', 'village_operator', 'bpjs_branch'];
/** National monitors and auditors see masked NIKs only. */
const NIK_VIEWERS: readonly Role[] = ['province_operator', 'regency_operator', 'village_operator', 'bpjs_branch'];

export const canWriteWorkers = (role: Role): boolean => WORKER_WRITERS.includes(role);
export const canRevealNik = (role: Role): boolean => NIK_VIEWERS.includes(role);
