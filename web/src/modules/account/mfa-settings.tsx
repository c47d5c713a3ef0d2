import { DisableMfaRequest } from '@clinicops/contracts';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconShieldCheck, IconShieldOff } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { authApi } from '../../lib/api';
import { useFieldErrors, validate } from '../../lib/form-errors';
import { ConfirmModal } from '../../ui/confirm-modal';
import { PasswordField } from '../../ui/password-field';
import { ProblemAlert } from '../../ui/problem-alert';
import { StatusBadge } from '../../ui/status-badge';
import { MfaEnrolment, meQueryKey, RecoveryCodesPanel, useSession } from '../auth';
import { Section } from './section';

export function MfaSettings() {
  const { me } = useSession();
  const qc = useQueryClient();
  const [enrolling, setEnrolling] = useState(false);
  const [disabling, setDisabling] = useState(false);
  const [confirmRegenerate, setConfirmRegenerate] = useState(false);
  const regenerate = useMutation({ mutationFn: authApi.regenerateRecoveryCodes, onSettled: () => setConfirmRegenerate(false) });
  const refreshMe = () => qc.invalidateQueries({ queryKey: meQueryKey });

  return (
    <Section
      title="Two-step verification"
      description="A code from an authenticator app on your phone, asked at each sign-in, protects patient data if your password leaks."
    >
      <Group gap="sm">
        <Text size="sm">Status:</Text>
        {me.user.mfaEnabled ? <StatusBadge tone="ok">On</StatusBadge> : <StatusBadge tone="warning">Off</StatusBadge>}
      </Group>
      <ProblemAlert error={regenerate.error} title="New recovery codes were not created" />
      {me.user.mfaEnabled ? (
        <Group>
          <Button variant="default" onClick={() => setConfirmRegenerate(true)}>
            Regenerate recovery codes
          </Button>
          <Button
            color="red"
            variant="outline"
            leftSection={<IconShieldOff size={16} aria-hidden />}
            onClick={() => setDisabling(true)}
          >
            Disable two-step verification
          </Button>
        </Group>
      ) : (
        <Group>
          <Button leftSection={<IconShieldCheck size={16} aria-hidden />} onClick={() => setEnrolling(true)}>
            Enable two-step verification
          </Button>
        </Group>
      )}

      <Modal
        opened={enrolling}
        onClose={() => setEnrolling(false)}
        title="Set up two-step verification"
        size="md"
        closeOnClickOutside={false}
      >
        {enrolling ? (
          <MfaEnrolment
            onCancel={() => setEnrolling(false)}
            onDone={() => {
              setEnrolling(false);
              notifications.show({ color: 'green', message: 'Two-step verification is on' });
              void refreshMe();
            }}
          />
        ) : null}
      </Modal>

      <ConfirmModal
        opened={confirmRegenerate}
        title="Replace your recovery codes?"
        confirmLabel="Confirm"
        loading={regenerate.isPending}
        onClose={() => setConfirmRegenerate(false)}
        onConfirm={() => regenerate.mutate()}
      >
        Your current recovery codes stop working and new ones are shown once.
      </ConfirmModal>

      <Modal
        opened={Boolean(regenerate.data)}
        onClose={() => regenerate.reset()}
        title="New recovery codes"
        closeOnClickOutside={false}
      >
        {regenerate.data ? <RecoveryCodesPanel codes={regenerate.data.recoveryCodes} onSaved={() => regenerate.reset()} /> : null}
      </Modal>

      <DisableMfaModal
        opened={disabling}
        onClose={() => setDisabling(false)}
        onDisabled={() => {
          setDisabling(false);
          notifications.show({ color: 'yellow', message: 'Two-step verification is off' });
          void refreshMe();
        }}
      />
    </Section>
  );
}

function DisableMfaModal({ opened, onClose, onDisabled }: { opened: boolean; onClose: () => void; onDisabled: () => void }) {
  const [password, setPassword] = useState('');
  const fields = useFieldErrors(['password']);
  const disable = useMutation({ mutationFn: authApi.disableMfa, onSuccess: onDisabled, onError: fields.fromError });

  const close = () => {
    setPassword('');
    fields.reset();
    disable.reset();
    onClose();
  };

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const v = validate(DisableMfaRequest, { password });
    if (!v.ok) return fields.setErrors(v.errors);
    fields.reset();
    disable.mutate(v.data, { onSuccess: () => setPassword('') });
  };

  return (
    <Modal opened={opened} onClose={close} title="Disable two-step verification">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">
            Your account will be protected by your password only. Some roles require two-step verification and will be asked to
            set it up again at the next sign-in.
          </Text>
          <PasswordField
            label="Password"
            description="Enter your password to confirm"
            autoComplete="current-password"
            value={password}
            onChange={(e) => {
              setPassword(e.currentTarget.value);
              fields.clearField('password');
            }}
            error={fields.errors.password}
            required
            data-autofocus
          />
          <ProblemAlert error={disable.error} title="Two-step verification is still on" shownFields={fields.known} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" color="red" loading={disable.isPending}>
              Turn off
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
