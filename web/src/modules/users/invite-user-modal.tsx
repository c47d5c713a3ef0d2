import { type CreatedUser, CreateUserRequest, type Role } from '@clinicops/contracts';
import { Button, Group, Modal, MultiSelect, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useFieldErrors, validate } from '../../lib/form-errors';
import { OneTimeSecret } from '../../ui/one-time-secret';
import { PasswordField } from '../../ui/password-field';
import { ProblemAlert } from '../../ui/problem-alert';
import { roleOptions } from './role-options';
import { useCreateUser, useFacilityOptions } from './use-users';

const FIELDS = ['displayName', 'email', 'roles', 'facilityIds', 'password'] as const;
const empty = { displayName: '', email: '', roles: [] as Role[], facilityIds: [] as string[], password: '' };

export function InviteUserModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [values, setValues] = useState(empty);
  const [created, setCreated] = useState<CreatedUser | null>(null);
  const fields = useFieldErrors(FIELDS);
  const create = useCreateUser();
  const { options: facilityOptions } = useFacilityOptions();

  const set = <K extends keyof typeof empty>(key: K, value: (typeof empty)[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    fields.clearField(key);
  };

  const close = () => {
    setValues(empty);
    setCreated(null);
    fields.reset();
    create.reset();
    onClose();
  };

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const v = validate(CreateUserRequest, {
      ...values,
      email: values.email.trim(),
      // An empty password means "generate a temporary one".
      password: values.password === '' ? undefined : values.password,
    });
    if (!v.ok) return fields.setErrors(v.errors);
    fields.reset();
    create.mutate(v.data, {
      onSuccess: (result) => {
        if (result.temporaryPassword) setCreated(result);
        else {
          notifications.show({ color: 'green', message: `${result.user.displayName} was invited` });
          close();
        }
      },
      onError: fields.fromError,
    });
  };

  return (
    <Modal opened={opened} onClose={close} title={created ? 'User invited' : 'Invite user'} size="lg">
      {created ? (
        <Stack>
          <Text size="sm">
            {created.user.displayName} can now sign in as {created.user.email}. Give them this temporary password in person or by
            phone; they will be asked to change it.
          </Text>
          <OneTimeSecret
            label="Temporary password"
            value={created.temporaryPassword ?? ''}
            testId="temporary-password"
            note="It is shown only once."
          />
          <Group justify="flex-end">
            <Button onClick={close}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            <TextInput
              label="Display name"
              value={values.displayName}
              onChange={(e) => set('displayName', e.currentTarget.value)}
              error={fields.errors.displayName}
              required
              data-autofocus
            />
            <TextInput
              label="Email"
              type="email"
              autoComplete="off"
              value={values.email}
              onChange={(e) => set('email', e.currentTarget.value)}
              error={fields.errors.email}
              required
            />
            <MultiSelect
              label="Roles"
              data={roleOptions}
              value={values.roles}
              onChange={(v) => set('roles', v as Role[])}
              error={fields.errors.roles}
              required
              searchable
            />
            <MultiSelect
              label="Facilities"
              data={facilityOptions}
              value={values.facilityIds}
              onChange={(v) => set('facilityIds', v)}
              error={fields.errors.facilityIds}
              required
              searchable
            />
            <PasswordField
              label="Initial password"
              description="Optional. Leave empty to generate a temporary password. At least 12 characters."
              autoComplete="new-password"
              value={values.password}
              onChange={(e) => set('password', e.currentTarget.value)}
              error={fields.errors.password}
            />
            <ProblemAlert error={create.error} title="The user was not invited" shownFields={fields.known} />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={create.isPending}>
                Create user
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
