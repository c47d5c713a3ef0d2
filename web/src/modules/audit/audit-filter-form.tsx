import { AuditQuery } from '@clinicops/contracts';
import { Button, Group, Select, SimpleGrid, TextInput } from '@mantine/core';
import { IconFilter, IconX } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { type AuditFilters, usersApi } from '../../lib/api';
import { useFieldErrors, validate } from '../../lib/form-errors';
import { useSession } from '../auth';

const FilterSchema = AuditQuery.omit({ limit: true, offset: true });
const FIELDS = ['userId', 'patientId', 'action', 'outcome', 'from', 'to'] as const;

const outcomeOptions = [
  { value: 'success', label: 'Success' },
  { value: 'failure', label: 'Failure' },
  { value: 'denied', label: 'Denied' },
];

type Draft = Record<(typeof FIELDS)[number], string>;

function toDraft(f: AuditFilters): Draft {
  return {
    userId: f.userId ?? '',
    patientId: f.patientId ?? '',
    action: f.action ?? '',
    outcome: f.outcome ?? '',
    from: f.from ?? '',
    to: f.to ?? '',
  };
}

/** Drafted locally and applied on submit, so typing an id does not fire a query per keystroke. */
export function AuditFilterForm({ filters, onApply }: { filters: AuditFilters; onApply: (f: AuditFilters) => void }) {
  const { can } = useSession();
  const [draft, setDraft] = useState<Draft>(() => toDraft(filters));
  const fields = useFieldErrors(FIELDS);
  const canListUsers = can('users:read');
  const users = useQuery({
    queryKey: ['users', { includeInactive: 'true' }],
    queryFn: () => usersApi.list({ includeInactive: 'true' }),
    enabled: canListUsers,
  });

  const set = (key: keyof Draft, value: string) => {
    setDraft((d) => ({ ...d, [key]: value }));
    fields.clearField(key);
  };

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const raw = Object.fromEntries(
      Object.entries(draft)
        .filter(([, v]) => v.trim() !== '')
        .map(([k, v]) => [k, v.trim()]),
    );
    const v = validate(FilterSchema, raw);
    if (!v.ok) return fields.setErrors(v.errors);
    if (v.data.from && v.data.to && v.data.from > v.data.to) return fields.setErrors({ to: 'Must be on or after the From date' });
    fields.reset();
    onApply(v.data);
  };

  const clear = () => {
    setDraft(toDraft({}));
    fields.reset();
    onApply({});
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Audit log filters">
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 6 }} spacing="sm">
        {canListUsers ? (
          <Select
            label="User"
            placeholder="Anyone"
            data={(users.data ?? []).map((u) => ({ value: u.id, label: `${u.displayName} (${u.email})` }))}
            value={draft.userId || null}
            onChange={(v) => set('userId', v ?? '')}
            error={fields.errors.userId}
            searchable
            clearable
            nothingFoundMessage="No such user"
          />
        ) : (
          <TextInput
            label="User ID"
            value={draft.userId}
            onChange={(e) => set('userId', e.currentTarget.value)}
            error={fields.errors.userId}
          />
        )}
        <TextInput
          label="Patient ID"
          value={draft.patientId}
          onChange={(e) => set('patientId', e.currentTarget.value)}
          error={fields.errors.patientId}
        />
        <TextInput
          label="Action"
          placeholder="e.g. auth.login"
          value={draft.action}
          onChange={(e) => set('action', e.currentTarget.value)}
          error={fields.errors.action}
        />
        <Select
          label="Outcome"
          placeholder="Any outcome"
          data={outcomeOptions}
          value={draft.outcome || null}
          onChange={(v) => set('outcome', v ?? '')}
          error={fields.errors.outcome}
          clearable
        />
        <TextInput
          label="From"
          type="date"
          value={draft.from}
          onChange={(e) => set('from', e.currentTarget.value)}
          error={fields.errors.from}
        />
        <TextInput
          label="To"
          type="date"
          value={draft.to}
          onChange={(e) => set('to', e.currentTarget.value)}
          error={fields.errors.to}
        />
      </SimpleGrid>
      <Group mt="sm" gap="sm">
        <Button type="submit" leftSection={<IconFilter size={16} aria-hidden />}>
          Apply filters
        </Button>
        <Button variant="default" onClick={clear} leftSection={<IconX size={16} aria-hidden />}>
          Clear filters
        </Button>
      </Group>
    </form>
  );
}
