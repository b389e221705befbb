/** The signed-in user: one query shared by the whole UI, plus login and logout. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TLoginBody, TMe } from '../../shared/contracts/auth';
import { ApiError, api, setCsrfToken } from './client';

export const ME_KEY = ['me'] as const;

async function fetchMe(): Promise<TMe | null> {
  try {
    const me = await api.get<TMe>('/auth/me');
    setCsrfToken(me.csrfToken);
    return me;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw err;
  }
}

/** The current user, or null when nobody is signed in. */
export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000, retry: false });
}

/** The current user, for pages inside the signed-in shell (where it is always present). */
export function useCurrentUser(): TMe {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser outside the signed-in shell');
  return data;
}

/** Signs in; on success the session query holds the user. */
export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TLoginBody) => api.post<TMe>('/auth/login', body),
    onSuccess: (me) => {
      setCsrfToken(me.csrfToken);
      qc.clear();
      qc.setQueryData(ME_KEY, me);
    },
  });
}

/** Signs out and forgets every cached answer. */
export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ ok: true }>('/auth/logout'),
    onSettled: () => {
      setCsrfToken(null);
      qc.clear();
      qc.setQueryData(ME_KEY, null);
    },
  });
}
