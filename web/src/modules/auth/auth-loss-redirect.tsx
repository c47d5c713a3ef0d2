import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { onAuthLost } from '../../lib/api';
import { signInPath } from './session';

/**
 * Listens for a lost session reported by the API client (401 unauthenticated / session_expired)
 * and sends the user to sign-in, remembering where they were.
 */
export function AuthLossRedirect() {
  const navigate = useNavigate();
  const location = useLocation();
  const qc = useQueryClient();
  const here = location.pathname + location.search;

  useEffect(
    () =>
      onAuthLost((reason) => {
        // On the sign-in page a 401 is part of the flow (wrong password, expired MFA step).
        if (window.location.pathname.startsWith('/sign-in')) return;
        navigate(signInPath(reason === 'session_expired' ? 'inactivity' : undefined, here), { replace: true });
        qc.clear();
      }),
    [navigate, qc, here],
  );
  return null;
}
