import { roleLabels } from '@clinicops/contracts';
import { Group, Stack, Text } from '@mantine/core';
import { PageHeader } from '../../ui/page-header';
import { useSession } from '../auth';
import { ApiTokens } from './api-tokens';
import { BreakGlassForm } from './break-glass-form';
import { ChangePasswordForm } from './change-password-form';
import { MfaSettings } from './mfa-settings';

export function AccountPage() {
  const { me } = useSession();
  return (
    <>
      <PageHeader
        title="Account settings"
        description={
          <Group gap="xs">
            <Text size="sm">{me.user.displayName}</Text>
            <Text size="sm" c="dimmed">
              {me.user.email} · {me.user.roles.map((r) => roleLabels[r]).join(', ')}
            </Text>
          </Group>
        }
      />
      <Stack gap="lg" maw={960}>
        <ChangePasswordForm />
        <MfaSettings />
        <ApiTokens />
        <BreakGlassForm />
      </Stack>
    </>
  );
}
