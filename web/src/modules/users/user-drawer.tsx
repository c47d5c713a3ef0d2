import { type Role, roleLabels, UpdateUserRequest, type User } from '@clinicops/contracts';
import { Button, Divider, Drawer, Group, MultiSelect, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconKey, IconUserCheck, IconUserOff } from '@tabler/icons-react';
import { useState } from 'react';
import { useFieldErrors, validate } from '../../lib/form-errors';
import { ConfirmModal } from '../../ui/confirm-modal';
import { OneTimeSecret } from '../../ui/one-time-secret';
import { ProblemAlert } from '../../ui/problem-alert';
import { StatusBadge } from '../../ui/status-badge';
import { useSession } from '../auth';
import { useDateFormat } from '../shell';
import { roleOptions } from './role-options';
import { useFacilityOptions, useResetPassword, useUpdateUser } from './use-users';
import { statusLabel, statusOf, statusTone } from './user-status';

const FIELDS = ['displayName', 'roles', 'facilityIds', 'active'] as const;

export type UserDrawerProps = {
  user: User | null;
  canWrite: boolean;
  onUpdated: (user: User) => void;
  onClose: () => void;
};

export function UserDrawer({ user, canWrite, onUpdated, onClose }: UserDrawerProps) {
  return (
    <Drawer opened={user !== null} onClose={onClose} position="right" size="md" title={user?.displayName ?? 'User'}>
      {user ? <UserDetails key={user.id} user={user} canWrite={canWrite} onUpdated={onUpdated} /> : null}
    </Drawer>
  );
}

function UserDetails({ user, canWrite, onUpdated }: { user: User; canWrite: boolean; onUpdated: (u: User) => void }) {
  const { me } = useSession();
  const fmt = useDateFormat();
  const { options: facilityOptions, nameOf } = useFacilityOptions();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const [facilityIds, setFacilityIds] = useState<string[]>(user.facilityIds);
  const [confirmActive, setConfirmActive] = useState(false);
  const [confirmReset, setConfirmReset] = useState(false);
  const fields = useFieldErrors(FIELDS);
  const update = useUpdateUser();
  const reset = useResetPassword();
  const status = statusOf(user);
  const isSelf = user.id === me.user.id;

  const save = (body: UpdateUserRequest, message: string, after?: () => void) => {
    const v = validate(UpdateUserRequest, body);
    if (!v.ok) return fields.setErrors(v.errors);
    fields.reset();
    update.mutate(
      { id: user.id, body: v.data },
      {
        onSuccess: (updated) => {
          if (updated) onUpdated(updated);
          notifications.show({ color: 'green', message });
          after?.();
        },
        onError: (err) => {
          fields.fromError(err);
          after?.();
        },
      },
    );
  };

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    save({ displayName, roles, facilityIds }, `${displayName} was updated`);
  };

  return (
    <Stack>
      <Group gap="xs">
        <StatusBadge tone={statusTone[status]}>{statusLabel[status]}</StatusBadge>
        <StatusBadge tone={user.mfaEnabled ? 'ok' : 'neutral'}>{user.mfaEnabled ? 'MFA on' : 'MFA off'}</StatusBadge>
      </Group>
      <Text size="sm">{user.email}</Text>
      <Text size="sm" c="dimmed">
        Last sign-in: {user.lastLoginAt ? fmt.dateTime(user.lastLoginAt) : 'never'} · Created {fmt.dateTime(user.createdAt)}
        {status === 'locked' && user.lockedUntil ? ` · Locked until ${fmt.dateTime(user.lockedUntil)}` : ''}
      </Text>

      {canWrite ? (
        <form onSubmit={submit} noValidate>
          <Stack>
            <TextInput
              label="Display name"
              value={displayName}
              onChange={(e) => {
                setDisplayName(e.currentTarget.value);
                fields.clearField('displayName');
              }}
              error={fields.errors.displayName}
              required
            />
            <MultiSelect
              label="Roles"
              data={roleOptions}
              value={roles}
              onChange={(v) => {
                setRoles(v as Role[]);
                fields.clearField('roles');
              }}
              error={fields.errors.roles}
              required
            />
            <MultiSelect
              label="Facilities"
              data={facilityOptions}
              value={facilityIds}
              onChange={(v) => {
                setFacilityIds(v);
                fields.clearField('facilityIds');
              }}
              error={fields.errors.facilityIds}
              required
            />
            <ProblemAlert error={update.error} title="The change was not saved" shownFields={fields.known} />
            <Group justify="flex-end">
              <Button type="submit" loading={update.isPending && !confirmActive}>
                Save changes
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <Stack gap={4}>
          <Text size="sm">Roles: {user.roles.map((r) => roleLabels[r]).join(', ')}</Text>
          <Text size="sm">Facilities: {user.facilityIds.map(nameOf).join(', ')}</Text>
        </Stack>
      )}

      {canWrite ? (
        <>
          <Divider label="Access" labelPosition="left" />
          <ProblemAlert error={reset.error} title="The password was not reset" />
          {reset.data ? (
            <OneTimeSecret
              label="Temporary password"
              value={reset.data.temporaryPassword}
              testId="temporary-password"
              note="Shown only once. Their other sessions were signed out."
            />
          ) : null}
          <Group>
            <Button variant="default" leftSection={<IconKey size={16} aria-hidden />} onClick={() => setConfirmReset(true)}>
              Reset password
            </Button>
            {user.active ? (
              <Button
                color="red"
                variant="outline"
                leftSection={<IconUserOff size={16} aria-hidden />}
                onClick={() => setConfirmActive(true)}
                disabled={isSelf}
                title={isSelf ? 'You cannot deactivate your own account' : undefined}
              >
                Deactivate
              </Button>
            ) : (
              <Button
                variant="outline"
                leftSection={<IconUserCheck size={16} aria-hidden />}
                onClick={() => setConfirmActive(true)}
              >
                Reactivate
              </Button>
            )}
          </Group>
        </>
      ) : null}

      <ConfirmModal
        opened={confirmActive}
        title={user.active ? 'Deactivate this user?' : 'Reactivate this user?'}
        confirmLabel="Confirm"
        danger={user.active}
        loading={update.isPending}
        onClose={() => setConfirmActive(false)}
        onConfirm={() =>
          save(
            { active: !user.active },
            user.active ? `${user.displayName} was deactivated` : `${user.displayName} was reactivated`,
            () => setConfirmActive(false),
          )
        }
      >
        {user.active
          ? `${user.displayName} will be signed out everywhere and cannot sign in until reactivated. Their history stays in the audit log.`
          : `${user.displayName} will be able to sign in again with their current roles.`}
      </ConfirmModal>
      <ConfirmModal
        opened={confirmReset}
        title="Reset this user's password?"
        confirmLabel="Confirm"
        loading={reset.isPending}
        onClose={() => setConfirmReset(false)}
        onConfirm={() => reset.mutate(user.id, { onSettled: () => setConfirmReset(false) })}
      >
        A temporary password will be generated and shown once. The current password stops working.
      </ConfirmModal>
    </Stack>
  );
}
