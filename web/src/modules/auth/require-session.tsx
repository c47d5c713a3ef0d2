import { Center, Loader } from '@mantine/core';
import { type ReactNode, useMemo } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ApiError } from '../../lib/api';
import { ProblemAlert } from '../../ui/problem-alert';
import { type Session, SessionContext, signInPath, useMeQuery } from './session';

/** Renders its children only with a signed-in user; otherwise sends the browser to sign-in. */
export function RequireSession({ children }: { children: ReactNode }) {
  const location = useLocation();
  const q = useMeQuery();
  const me = q.data;
  const session = useMemo<Session | null>(() => (me ? { me, can: (p) => me.permissions.includes(p) } : null), [me]);

  if (session) return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
  if (q.isPending) {
    return (
      <Center h="100vh">
        <Loader aria-label="Loading your session" />
      </Center>
    );
  }
  if (q.error instanceof ApiError && q.error.status === 401) {
    const reason = q.error.code === 'session_expired' ? 'inactivity' : undefined;
    return <Navigate to={signInPath(reason, location.pathname + location.search)} replace />;
  }
  return (
    <Center h="100vh" p="md">
      <ProblemAlert error={q.error} title="ClinicOps could not load your session" onRetry={() => void q.refetch()} />
    </Center>
  );
}
