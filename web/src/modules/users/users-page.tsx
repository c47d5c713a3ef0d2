import { roleLabels, type User } from '@clinicops/contracts';
import { Anchor, Button, Switch, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconUserPlus } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { type DataColumn, DataTable } from '../../ui/data-table';
import { PageHeader } from '../../ui/page-header';
import { StatusBadge } from '../../ui/status-badge';
import { useSession } from '../auth';
import { useDateFormat } from '../shell';
import { InviteUserModal } from './invite-user-modal';
import { useFacilityOptions, useUsers } from './use-users';
import { UserDrawer } from './user-drawer';
import { statusLabel, statusOf, statusTone } from './user-status';

export function UsersPage() {
  const { can } = useSession();
  const fmt = useDateFormat();
  const { nameOf } = useFacilityOptions();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const [includeInactive, setIncludeInactive] = useState(false);
  const [inviteOpen, setInviteOpen] = useState(false);
  const [picked, setPicked] = useState<User | null>(null);
  const users = useUsers({ q: q || undefined, includeInactive: includeInactive ? 'true' : 'false' });
  const canWrite = can('users:write');
  // Prefer the fresh row from the list; keep the snapshot when a filter hides it (e.g. deactivated).
  const selected = (picked && users.data?.find((u) => u.id === picked.id)) ?? picked;

  const columns = useMemo<DataColumn<User>[]>(
    () => [
      {
        key: 'name',
        header: 'Name',
        value: (u) => u.displayName,
        // A real button, so the drawer opens from the keyboard too.
        render: (u) => (
          <Anchor component="button" type="button" fw={500} ta="left" onClick={() => setPicked(u)}>
            {u.displayName}
          </Anchor>
        ),
      },
      { key: 'email', header: 'Email', value: (u) => u.email },
      { key: 'roles', header: 'Roles', value: (u) => u.roles.map((r) => roleLabels[r]).join(', ') },
      {
        key: 'facilities',
        header: 'Facilities',
        value: (u) => u.facilityIds.map(nameOf).join(', '),
        visibleFrom: 'md',
      },
      {
        key: 'mfa',
        header: 'MFA',
        value: (u) => (u.mfaEnabled ? 'On' : 'Off'),
        render: (u) => (u.mfaEnabled ? <StatusBadge tone="ok">On</StatusBadge> : <StatusBadge tone="neutral">Off</StatusBadge>),
      },
      {
        key: 'status',
        header: 'Status',
        value: (u) => statusLabel[statusOf(u)],
        render: (u) => <StatusBadge tone={statusTone[statusOf(u)]}>{statusLabel[statusOf(u)]}</StatusBadge>,
      },
      {
        key: 'lastLogin',
        header: 'Last sign-in',
        // ISO strings sort chronologically; the cell shows the zoned time.
        value: (u) => u.lastLoginAt,
        render: (u) =>
          u.lastLoginAt ? (
            fmt.dateTime(u.lastLoginAt)
          ) : (
            <Text span c="dimmed">
              Never
            </Text>
          ),
      },
    ],
    [fmt, nameOf],
  );

  return (
    <>
      <PageHeader
        title="Users & roles"
        description="Who can sign in, with which roles, at which facilities."
        actions={
          canWrite ? (
            <Button leftSection={<IconUserPlus size={16} aria-hidden />} onClick={() => setInviteOpen(true)}>
              Invite user
            </Button>
          ) : null
        }
      />
      <DataTable
        caption="Users"
        rows={users.data}
        columns={columns}
        rowKey={(u) => u.id}
        loading={users.isPending}
        error={users.error}
        onRetry={() => void users.refetch()}
        searchLabel="Search users"
        search={search}
        onSearchChange={setSearch}
        toolbar={
          <Switch
            label="Show inactive users"
            checked={includeInactive}
            onChange={(e) => setIncludeInactive(e.currentTarget.checked)}
            mb={8}
          />
        }
        exportFileName="users.csv"
        initialSort={{ key: 'name', direction: 'asc' }}
        emptyTitle={q ? 'No user matches the search' : 'No users yet'}
        minWidth={860}
      />
      {canWrite ? <InviteUserModal opened={inviteOpen} onClose={() => setInviteOpen(false)} /> : null}
      <UserDrawer user={selected} canWrite={canWrite} onUpdated={setPicked} onClose={() => setPicked(null)} />
    </>
  );
}
