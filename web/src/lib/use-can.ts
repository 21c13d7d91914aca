import { can as roleCan, type Permission } from '../../../src/domain/roles';
import { useUser } from './use-user';

/**
 * `can(permission)` for the signed-in user, from the server's own grant table (src/domain/roles.ts).
 * Only for showing or hiding controls: the server checks every request itself.
 */
export function useCan(): (permission: Permission) => boolean {
  const { role } = useUser();
  return (permission) => roleCan(role, permission);
}
