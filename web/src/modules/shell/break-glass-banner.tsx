import { Group, Text } from '@mantine/core';
import { IconAlertOctagon } from '@tabler/icons-react';
import { useEffect } from 'react';
import { authApi } from '../../lib/api';
import { toneColors } from '../../ui/tone';
import { useSession, useSetMe } from '../auth';
import { useDateFormat } from './use-date-format';

/** Emergency access is audited and reviewed; the banner keeps the user aware it is on. */
export function BreakGlassBanner() {
  const { me } = useSession();
  const setMe = useSetMe();
  const fmt = useDateFormat();
  const grant = me.breakGlass;

  // Reload /me when the grant ends, so the banner and the extra access disappear on time.
  useEffect(() => {
    if (!grant) return;
    const wait = new Date(grant.expiresAt).getTime() - Date.now();
    const id = window.setTimeout(
      () => {
        authApi.me().then(setMe, () => undefined);
      },
      Math.max(0, Math.min(wait + 1_000, 2_147_000_000)),
    );
    return () => window.clearTimeout(id);
  }, [grant, setMe]);

  if (!grant) return null;
  const c = toneColors.danger;
  return (
    <Group
      role="status"
      gap="xs"
      wrap="nowrap"
      px="md"
      py={6}
      style={{ background: c.accent, color: '#fff' }}
      data-testid="break-glass-banner"
    >
      <IconAlertOctagon size={18} aria-hidden />
      {/* One line keeps the fixed header height; the full reason stays in the accessible text. */}
      <Text size="sm" fw={600} c="white" truncate>
        Emergency access active until {fmt.time(grant.expiresAt)} — reason: {grant.reason}
      </Text>
    </Group>
  );
}
