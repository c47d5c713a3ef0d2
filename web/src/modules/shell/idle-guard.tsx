import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { authApi, lastServerContactAt } from '../../lib/api';
import { useSession, useSetMe, useSignOut } from '../auth';

// HIPAA automatic logoff. The server ends a session `idleTimeoutSeconds` after its last request,
// so the deadline here is computed from the last server contact, and user activity is turned into
// an occasional GET /api/auth/me that keeps the server session in step with a busy user.
// Tabs share the last contact through localStorage, so one idle tab cannot sign out a busy one.

const SHARED_KEY = 'clinicops.lastServerContact';
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'mousemove'] as const;
/** Sign out slightly early: the server counted from when it received the request. */
const SAFETY_MS = 2_000;

function readShared(): number {
  try {
    return Number(window.localStorage.getItem(SHARED_KEY)) || 0;
  } catch {
    return 0;
  }
}

function writeShared(value: number): void {
  try {
    window.localStorage.setItem(SHARED_KEY, String(value));
  } catch {
    // without storage each tab keeps its own clock
  }
}

function formatCountdown(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

function describeDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes >= 1) return minutes === 1 ? '1 minute' : `${minutes} minutes`;
  return `${Math.round(ms / 1000)} seconds`;
}

export function IdleGuard() {
  const { me } = useSession();
  const setMe = useSetMe();
  const signOut = useSignOut();
  const timeoutMs = Math.max(1, me.idleTimeoutSeconds) * 1000;
  const warnMs = Math.min(60_000, timeoutMs / 2);
  // Ping the server at most this often while the user is active.
  const keepAliveMs = Math.min(60_000, timeoutMs / 4);

  const [remaining, setRemaining] = useState<number | null>(null);
  const warningRef = useRef(false);
  const pinging = useRef(false);
  const signingOut = useRef(false);

  const lastContact = useCallback(() => {
    const local = lastServerContactAt();
    const shared = readShared();
    if (local > shared) writeShared(local);
    return Math.max(local, shared);
  }, []);

  const refresh = useCallback(async () => {
    if (pinging.current) return;
    pinging.current = true;
    try {
      setMe(await authApi.me());
    } catch {
      // A lost session is handled by the API client's redirect.
    } finally {
      pinging.current = false;
    }
  }, [setMe]);

  useEffect(() => {
    let lastSeen = 0;
    const onActivity = () => {
      const now = Date.now();
      if (now - lastSeen < 1_000) return; // mousemove fires constantly
      lastSeen = now;
      // Once the warning shows, only an explicit "Stay signed in" keeps the session.
      if (warningRef.current) return;
      if (now - lastContact() > keepAliveMs) void refresh();
    };
    for (const ev of ACTIVITY_EVENTS) window.addEventListener(ev, onActivity, { passive: true });
    return () => {
      for (const ev of ACTIVITY_EVENTS) window.removeEventListener(ev, onActivity);
    };
  }, [keepAliveMs, lastContact, refresh]);

  useEffect(() => {
    const tick = () => {
      const left = lastContact() + timeoutMs - SAFETY_MS - Date.now();
      if (left <= 0) {
        if (!signingOut.current) {
          signingOut.current = true;
          void signOut('inactivity');
        }
        return;
      }
      const warn = left <= warnMs;
      warningRef.current = warn;
      setRemaining(warn ? left : null);
    };
    tick();
    const id = window.setInterval(tick, 1_000);
    return () => window.clearInterval(id);
  }, [lastContact, signOut, timeoutMs, warnMs]);

  const stay = () => {
    warningRef.current = false;
    setRemaining(null);
    void refresh();
  };

  return (
    <Modal
      opened={remaining !== null}
      onClose={stay}
      title="You will be signed out soon"
      centered
      closeOnClickOutside={false}
      withCloseButton={false}
    >
      <Stack>
        <Text size="sm">For patient privacy, ClinicOps signs you out after {describeDuration(timeoutMs)} without activity.</Text>
        <Text size="lg" fw={600}>
          Signing out in {formatCountdown(remaining ?? 0)}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => void signOut('signed_out')}>
            Sign out now
          </Button>
          <Button onClick={stay} data-autofocus>
            Stay signed in
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
