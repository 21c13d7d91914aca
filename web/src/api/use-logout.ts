import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, setCsrfToken } from './client';
import { queryKeys } from './keys';

export function useLogout() {
  const qc = useQueryClient();
  const clear = () => {
    setCsrfToken(undefined);
    qc.removeQueries({ predicate: (q) => q.queryKey[0] !== queryKeys.me[0] });
    qc.setQueryData(queryKeys.me, null);
  };
  return useMutation({
    mutationFn: () => api<{ ok: true }>('/api/auth/logout', { method: 'POST' }),
    // Signed out locally even when the server call fails (e.g. session already expired).
    onSettled: clear,
  });
}
