import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, setCsrfToken } from './client';
import { queryKeys } from './keys';
import type { Me } from './types';

export interface LoginInput {
  username: string;
  password: string;
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginInput) => api<Me>('/api/auth/login', { method: 'POST', body: input }),
    onSuccess: (me) => {
      setCsrfToken(me.csrfToken);
      // A different user may sign in on the same device: nothing of the previous session survives.
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== queryKeys.me[0] });
      qc.setQueryData(queryKeys.me, me);
    },
  });
}
