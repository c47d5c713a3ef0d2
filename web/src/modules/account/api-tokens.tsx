import { type ApiToken, CreateApiTokenRequest, type CreatedApiToken } from '@clinicops/contracts';
import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconKey } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { authApi } from '../../lib/api';
import { useFieldErrors, validate } from '../../lib/form-errors';
import { ConfirmModal } from '../../ui/confirm-modal';
import { type DataColumn, DataTable } from '../../ui/data-table';
import { OneTimeSecret } from '../../ui/one-time-secret';
import { ProblemAlert } from '../../ui/problem-alert';
import { StatusBadge } from '../../ui/status-badge';
import { useDateFormat } from '../shell';
import { Section } from './section';

const tokensKey = ['auth', 'tokens'] as const;

/** Personal tokens for scripts and integrations; they act as this user, with this user's roles. */
export function ApiTokens() {
  const qc = useQueryClient();
  const fmt = useDateFormat();
  const [name, setName] = useState('');
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const fields = useFieldErrors(['name']);
  const tokens = useQuery({ queryKey: tokensKey, queryFn: authApi.listTokens });
  const create = useMutation({
    mutationFn: authApi.createToken,
    onSuccess: (t) => {
      setCreated(t);
      setName('');
      void qc.invalidateQueries({ queryKey: tokensKey });
    },
    onError: fields.fromError,
  });
  const revoke = useMutation({
    mutationFn: (id: string) => authApi.revokeToken(id),
    onSuccess: () => {
      notifications.show({ color: 'green', message: 'The token was revoked' });
      void qc.invalidateQueries({ queryKey: tokensKey });
    },
    onSettled: () => setRevoking(null),
  });

  const columns = useMemo<DataColumn<ApiToken>[]>(
    () => [
      { key: 'name', header: 'Name', value: (t) => t.name },
      { key: 'createdAt', header: 'Created', value: (t) => t.createdAt, render: (t) => fmt.dateTime(t.createdAt) },
      {
        key: 'lastUsedAt',
        header: 'Last used',
        value: (t) => t.lastUsedAt,
        render: (t) =>
          t.lastUsedAt ? (
            fmt.dateTime(t.lastUsedAt)
          ) : (
            <Text span c="dimmed" size="sm">
              Never
            </Text>
          ),
      },
      {
        key: 'status',
        header: 'Status',
        value: (t) => (t.revokedAt ? 'Revoked' : 'Active'),
        render: (t) =>
          t.revokedAt ? <StatusBadge tone="neutral">Revoked</StatusBadge> : <StatusBadge tone="ok">Active</StatusBadge>,
      },
    ],
    [fmt],
  );

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const v = validate(CreateApiTokenRequest, { name });
    if (!v.ok) return fields.setErrors(v.errors);
    fields.reset();
    create.mutate(v.data);
  };

  return (
    <Section
      title="API tokens"
      description="For scripts and integrations. A token acts as you, with your roles; revoke it when it is no longer used."
    >
      <form onSubmit={submit} noValidate>
        <Group align="flex-start" gap="sm">
          <TextInput
            label="Token name"
            placeholder="e.g. Nightly census export"
            value={name}
            onChange={(e) => {
              setName(e.currentTarget.value);
              fields.clearField('name');
            }}
            error={fields.errors.name}
            w={300}
          />
          <Button type="submit" mt={25} loading={create.isPending} leftSection={<IconKey size={16} aria-hidden />}>
            Create token
          </Button>
        </Group>
      </form>
      <ProblemAlert error={create.error} title="The token was not created" shownFields={fields.known} />
      <ProblemAlert error={revoke.error} title="The token was not revoked" />
      <DataTable
        caption="API tokens"
        rows={tokens.data}
        columns={columns}
        rowKey={(t) => t.id}
        loading={tokens.isPending}
        error={tokens.error}
        onRetry={() => void tokens.refetch()}
        searchLabel={false}
        initialSort={{ key: 'createdAt', direction: 'desc' }}
        emptyTitle="No API tokens"
        minWidth={560}
        rowActions={(t) =>
          t.revokedAt ? null : (
            <Button size="xs" color="red" variant="subtle" onClick={() => setRevoking(t)} aria-label={`Revoke token ${t.name}`}>
              Revoke
            </Button>
          )
        }
      />

      <Modal opened={created !== null} onClose={() => setCreated(null)} title="Token created" size="lg">
        {created ? (
          <Stack>
            <Text size="sm">Copy the token now and store it in the integration's secret settings. It is shown only once.</Text>
            <OneTimeSecret label="API token" value={created.token} testId="api-token" />
            <Group justify="flex-end">
              <Button onClick={() => setCreated(null)}>Done</Button>
            </Group>
          </Stack>
        ) : null}
      </Modal>
      <ConfirmModal
        opened={revoking !== null}
        title="Revoke this token?"
        confirmLabel="Confirm"
        danger
        loading={revoke.isPending}
        onClose={() => setRevoking(null)}
        onConfirm={() => revoking && revoke.mutate(revoking.id)}
      >
        Anything using “{revoking?.name}” stops working immediately.
      </ConfirmModal>
    </Section>
  );
}
