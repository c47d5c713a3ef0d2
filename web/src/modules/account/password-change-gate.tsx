import { Button, Center, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useSession, useSignOut } from '../auth';
import { ChangePasswordForm } from './change-password-form';

/**
 * After an administrator issued a temporary password, the server refuses everything but a
 * password change; this shows that step instead of the app until it is done.
 */
export function PasswordChangeGate({ children }: { children: ReactNode }) {
  const { me } = useSession();
  const signOut = useSignOut();
  if (!me.user.mustChangePassword) return children;
  return (
    <Center mih="100vh" p="md">
      <Paper withBorder shadow="sm" p="xl" maw={520} w="100%">
        <Stack>
          <Title order={1} size="h2">
            Choose a new password
          </Title>
          <Text c="dimmed">
            Your password was set by an administrator. Choose your own before you continue; the temporary one is your current
            password.
          </Text>
          <ChangePasswordForm />
          <Button variant="subtle" onClick={() => void signOut('signed_out')}>
            Sign out
          </Button>
        </Stack>
      </Paper>
    </Center>
  );
}
