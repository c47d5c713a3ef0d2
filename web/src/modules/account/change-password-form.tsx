import { ChangePasswordRequest } from '@clinicops/contracts';
import { Button, Group, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { authApi } from '../../lib/api';
import { useFieldErrors, validate } from '../../lib/form-errors';
import { PasswordField } from '../../ui/password-field';
import { ProblemAlert } from '../../ui/problem-alert';
import { useSetMe } from '../auth';
import { Section } from './section';

const empty = { currentPassword: '', newPassword: '', confirmPassword: '' };

export function ChangePasswordForm() {
  const [values, setValues] = useState(empty);
  const fields = useFieldErrors(['currentPassword', 'newPassword', 'confirmPassword']);
  const setMe = useSetMe();
  const change = useMutation({
    mutationFn: authApi.changePassword,
    onSuccess: async () => {
      setValues(empty);
      notifications.show({ color: 'green', message: 'Your password was changed' });
      // The server may rotate the session on a password change; re-read the CSRF token.
      setMe(await authApi.me());
    },
    onError: fields.fromError,
  });

  const set = (key: keyof typeof empty, value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    fields.clearField(key);
  };

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const v = validate(ChangePasswordRequest, { currentPassword: values.currentPassword, newPassword: values.newPassword });
    const errors = v.ok ? {} : { ...v.errors };
    if (values.confirmPassword !== values.newPassword) errors.confirmPassword = 'Does not match the new password';
    if (!v.ok || Object.keys(errors).length > 0) return fields.setErrors(errors);
    fields.reset();
    change.mutate(v.data);
  };

  return (
    <Section
      title="Change password"
      description="Use at least 12 characters. A passphrase of several words is easiest to remember."
    >
      <form onSubmit={submit} noValidate>
        <Stack maw={420}>
          <PasswordField
            label="Current password"
            autoComplete="current-password"
            value={values.currentPassword}
            onChange={(e) => set('currentPassword', e.currentTarget.value)}
            error={fields.errors.currentPassword}
            required
          />
          <PasswordField
            label="New password"
            autoComplete="new-password"
            value={values.newPassword}
            onChange={(e) => set('newPassword', e.currentTarget.value)}
            error={fields.errors.newPassword}
            required
          />
          <PasswordField
            label="Confirm new password"
            autoComplete="new-password"
            value={values.confirmPassword}
            onChange={(e) => set('confirmPassword', e.currentTarget.value)}
            error={fields.errors.confirmPassword}
            required
          />
          <ProblemAlert error={change.error} title="The password was not changed" shownFields={fields.known} />
          <Group>
            <Button type="submit" loading={change.isPending}>
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
