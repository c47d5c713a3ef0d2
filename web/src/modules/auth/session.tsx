import type { Me, Permission } from '@clinicops/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext } from 'react';
import { useNavigate } from 'react-router';
import { authApi } from '../../lib/api';

// The signed-in user (GET /api/auth/me) is one query; pages read it through useSession(), which
// only works under <RequireSession>, so they never handle a missing user themselves.

export const meQueryKey = ['auth', 'me'] as const;

export function useMeQuery() {
  return useQuery({
    queryKey: meQueryKey,
    queryFn: () => authApi.me(),
    // Refetching /me on focus would quietly extend the server's idle timer.
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
    retry: false,
  });
}

export type Session = {
  me: Me;
  can: (permission: Permission) => boolean;
};

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession() used outside <RequireSession>');
  return s;
}

/** Puts a fresh Me (from login, break-glass or /me) where every page reads it. */
export function useSetMe(): (me: Me) => void {
  const qc = useQueryClient();
  return useCallback((me: Me) => qc.setQueryData(meQueryKey, me), [qc]);
}

export type SignOutReason = 'inactivity' | 'signed_out';

/** Where to go after signing in: only same-origin paths, so `next` cannot send users elsewhere. */
export function safeNextPath(next: string | null): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next.startsWith('/sign-in')) return '/';
  return next;
}

export function signInPath(reason?: SignOutReason, next?: string): string {
  const params = new URLSearchParams();
  if (reason) params.set('reason', reason);
  if (next && next !== '/') params.set('next', next);
  const qs = params.toString();
  return qs ? `/sign-in?${qs}` : '/sign-in';
}

export function useSignOut(): (reason?: SignOutReason) => Promise<void> {
  const navigate = useNavigate();
  const qc = useQueryClient();
  return useCallback(
    async (reason: SignOutReason = 'signed_out') => {
      try {
        await authApi.logout();
      } catch {
        // The session may already be gone (idle timeout on the server); leaving is what matters.
      }
      navigate(signInPath(reason), { replace: true });
      // Patient data must not outlive the session in memory.
      qc.clear();
    },
    [navigate, qc],
  );
}
