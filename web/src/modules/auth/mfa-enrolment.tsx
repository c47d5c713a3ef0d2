import { MfaConfirmRequest } from '@clinicops/contracts';
import { Box, Button, Center, Code, Group, Image, List, Loader, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { authApi } from '../../lib/api';
import { useFieldErrors, validate } from '../../lib/form-errors';
import { ProblemAlert } from '../../ui/problem-alert';
import { RecoveryCodesPanel } from './recovery-codes';

export type MfaEnrolmentProps = {
  /** Called after the user confirmed they saved the recovery codes. */
  onDone: () => void;
  onCancel?: () => void;
};

/**
 * Sets up an authenticator app: a QR code (and the secret for typing), a first code to prove it
 * works, then the recovery codes. Used at sign-in (when a role requires MFA) and in Account settings.
 */
export function MfaEnrolment({ onDone, onCancel }: MfaEnrolmentProps) {
  const enrol = useMutation({ mutationFn: () => authApi.enrolMfa() });
  const [code, setCode] = useState('');
  const fields = useFieldErrors(['code']);
  const confirm = useMutation({
    mutationFn: (body: MfaConfirmRequest) => authApi.confirmMfa(body),
    onError: fields.fromError,
  });

  // Each enrol call makes a new secret; guard so React's development double effect asks once.
  const started = useRef(false);
  const startEnrol = enrol.mutate;
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    startEnrol();
  }, [startEnrol]);

  if (confirm.data) return <RecoveryCodesPanel codes={confirm.data.recoveryCodes} onSaved={onDone} />;

  if (enrol.isPending || enrol.isIdle) {
    return (
      <Center py="lg">
        <Loader aria-label="Preparing your authenticator setup" />
      </Center>
    );
  }
  if (enrol.isError || !enrol.data) {
    return <ProblemAlert error={enrol.error} title="Could not start the setup" onRetry={() => enrol.mutate()} />;
  }

  const { qrSvg, secret } = enrol.data;
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const v = validate(MfaConfirmRequest, { code });
    if (!v.ok) return fields.setErrors(v.errors);
    fields.reset();
    confirm.mutate(v.data);
  };

  return (
    <Stack>
      <List type="ordered" size="sm" spacing="xs">
        <List.Item>
          Open an authenticator app on your phone (for example Google Authenticator, Microsoft Authenticator or 1Password).
        </List.Item>
        <List.Item>Scan the QR code, or type the setup key shown under it.</List.Item>
        <List.Item>Enter the 6-digit code the app shows.</List.Item>
      </List>
      <Center>
        <Box p="xs" bg="white" style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }}>
          {/* An <img> renders the server's SVG without running anything inside it. */}
          <Image
            src={`data:image/svg+xml;utf8,${encodeURIComponent(qrSvg)}`}
            alt="QR code to add ClinicOps to your authenticator app"
            w={200}
            h={200}
          />
        </Box>
      </Center>
      <Stack gap={4} align="center">
        <Text size="sm" c="dimmed">
          Setup key
        </Text>
        <Code fz="md" data-testid="mfa-secret" style={{ wordBreak: 'break-all', userSelect: 'all' }}>
          {secret}
        </Code>
      </Stack>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label="Authentication code"
            description="The 6-digit code from your authenticator app"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            value={code}
            onChange={(e) => {
              setCode(e.currentTarget.value.replace(/\s/g, ''));
              fields.clearField('code');
            }}
            error={fields.errors.code}
            required
          />
          <ProblemAlert error={confirm.error} title="The code was not accepted" shownFields={fields.known} />
          <Group justify="space-between">
            {onCancel ? (
              <Button variant="default" onClick={onCancel}>
                Cancel
              </Button>
            ) : (
              <span />
            )}
            <Button type="submit" loading={confirm.isPending}>
              Verify
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
