import type { Me } from '../api/types';
import { useMe } from '../api/use-me';

/**
 * The signed-in user, for pages inside the signed-in shell: RequireAuth renders them only once the
 * user is known, so there is always one here.
 */
export function useUser(): Me {
  const me = useMe().data;
  if (!me) throw new Error('useUser() outside RequireAuth');
  return me;
}
