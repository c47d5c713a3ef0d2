import { type AuditEvent, roleLabels } from '@clinicops/contracts';
import { Code, Group, Pagination, Select, Stack, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { auditApi } from '../../lib/api';
import { type DataColumn, DataTable } from '../../ui/data-table';
import { StatusBadge } from '../../ui/status-badge';
import type { Tone } from '../../ui/tone';
import { useDateFormat } from '../shell';
import { AuditFilterForm } from './audit-filter-form';
import { PAGE_SIZES, useAuditParams } from './use-audit-params';

const outcomeTone: Record<AuditEvent['outcome'], Tone> = { success: 'ok', failure: 'warning', denied: 'danger' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** UUIDs are shortened on screen (the full id is in the tooltip, the details and the CSV). */
function ShortId({ id }: { id: string | null }) {
  if (!id)
    return (
      <Text span c="dimmed">
        —
      </Text>
    );
  return (
    <Text span size="sm" ff="monospace" title={id}>
      {UUID.test(id) ? `${id.slice(0, 8)}…` : id}
    </Text>
  );
}

function roleName(role: string | null): string | null {
  if (!role) return null;
  return (roleLabels as Record<string, string>)[role] ?? role;
}

export function AuditEvents() {
  const fmt = useDateFormat();
  const { filters, limit, offset, setFilters, setPage } = useAuditParams();
  const q = useQuery({
    queryKey: ['audit', filters, limit, offset],
    queryFn: () => auditApi.list(filters, { limit, offset }),
    placeholderData: keepPreviousData,
  });

  const columns = useMemo<DataColumn<AuditEvent>[]>(
    () => [
      {
        key: 'time',
        header: 'Time',
        value: (e) => e.occurredAt,
        // Audit times always carry their zone: they may be read later by someone elsewhere.
        render: (e) => (
          <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
            {fmt.dateTime(e.occurredAt, { withZone: true, seconds: true })}
          </Text>
        ),
      },
      { key: 'user', header: 'User', value: (e) => e.actorLabel ?? e.actorUserId ?? 'System' },
      { key: 'role', header: 'Role', value: (e) => roleName(e.actorRole), visibleFrom: 'lg' },
      {
        key: 'action',
        header: 'Action',
        value: (e) => (e.breakGlass ? `${e.action} (emergency access)` : e.action),
        render: (e) => (
          <Group gap={6} wrap="nowrap">
            <Code>{e.action}</Code>
            {e.breakGlass ? <StatusBadge tone="danger">Emergency access</StatusBadge> : null}
          </Group>
        ),
      },
      {
        key: 'outcome',
        header: 'Outcome',
        value: (e) => e.outcome,
        render: (e) => <StatusBadge tone={outcomeTone[e.outcome]}>{e.outcome}</StatusBadge>,
      },
      {
        key: 'entity',
        header: 'Entity',
        value: (e) => [e.entityType, e.entityId].filter(Boolean).join(' ') || null,
        render: (e) =>
          e.entityType || e.entityId ? (
            <Text size="sm">
              {e.entityType} <ShortId id={e.entityId} />
            </Text>
          ) : (
            <ShortId id={null} />
          ),
      },
      { key: 'patient', header: 'Patient', value: (e) => e.patientId, render: (e) => <ShortId id={e.patientId} /> },
      // Secondary on narrower screens; the details row always shows them.
      { key: 'ip', header: 'IP', value: (e) => e.ip, visibleFrom: 'xl' },
      {
        key: 'requestId',
        header: 'Request id',
        value: (e) => e.requestId,
        render: (e) => <ShortId id={e.requestId} />,
        visibleFrom: 'xl',
      },
    ],
    [fmt],
  );

  const total = q.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / limit));
  const page = Math.floor(offset / limit) + 1;

  return (
    <Stack>
      <AuditFilterForm key={JSON.stringify(filters)} filters={filters} onApply={setFilters} />
      <DataTable
        caption="Audit events"
        rows={q.data?.items}
        columns={columns}
        rowKey={(e) => e.id}
        loading={q.isPending || q.isPlaceholderData}
        error={q.error}
        onRetry={() => void q.refetch()}
        searchLabel="Filter this page"
        exportHref={auditApi.exportHref(filters)}
        emptyTitle="No audit events match these filters"
        renderExpanded={(e) => (
          <Stack gap={4}>
            <Text size="xs" c="dimmed">
              Event {e.id} · role {roleName(e.actorRole) ?? '—'} · IP {e.ip ?? '—'} · request {e.requestId ?? '—'}
              {e.patientId ? ` · patient ${e.patientId}` : ''}
              {e.facilityId ? ` · facility ${e.facilityId}` : ''}
            </Text>
            <Code block>{JSON.stringify(e.details, null, 2)}</Code>
          </Stack>
        )}
        minWidth={900}
        footer={
          <Group justify="space-between" mt="md" wrap="wrap">
            <Text size="sm" c="dimmed" aria-live="polite">
              {total === 0
                ? 'No events'
                : `Showing ${offset + 1}–${Math.min(offset + limit, total)} of ${total.toLocaleString('en-US')}`}
            </Text>
            <Group gap="sm">
              <Select
                aria-label="Rows per page"
                data={PAGE_SIZES.map((n) => ({ value: String(n), label: `${n} per page` }))}
                value={String(limit)}
                onChange={(v) => v && setPage(0, Number(v))}
                allowDeselect={false}
                w={140}
              />
              <Pagination
                total={pages}
                value={Math.min(page, pages)}
                onChange={(p) => setPage((p - 1) * limit)}
                getControlProps={(control) => ({ 'aria-label': `${control} page` })}
                getItemProps={(p) => ({ 'aria-label': `Page ${p}` })}
              />
            </Group>
          </Group>
        }
      />
    </Stack>
  );
}
