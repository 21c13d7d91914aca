import { can, type Role } from '../../../src/domain/roles';

/**
 * What the UI offers each role, read from the server's own grant table (src/domain/roles.ts). Only
 * for showing or hiding controls: the server checks every request itself.
 */
export const canWriteWorkers = (role: Role): boolean => can(role, 'worker:write');
/** National monitors and auditors see masked NIKs only. */
export const canRevealNik = (role: Role): boolean => can(role, 'worker:nik');
