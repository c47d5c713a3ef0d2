import type { EmailStatus, Outbox, OutboxMessage } from '@clinicops/contracts';
import { Alert, Code, NativeSelect, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { request, withQuery } from '../../lib/api-client';
import { type DataColumn, DataTable } from '../../ui/data-table';
import { PageHeader } from '../../ui/page-header';
import { StatusBadge } from '../../ui/status-badge';
import type { Tone } from '../../ui/tone';
import { useDateFormat } from '../shell';

const statusInfo: Record<EmailStatus, { label: string; tone: Tone }> = {
  queued: { label: 'Queued', tone: 'info' },
  sent: { label: 'Sent', tone: 'ok' },
  failed: { label: 'Failed', tone: 'danger' },
  held: { label: 'Held (no SMTP)', tone: 'neutral' },
};

const statusOptions = [
  { value: '', label: 'All' },
  ...Object.entries(statusInfo).map(([value, s]) => ({ value, label: s.label })),
];

/**
 * Every message the system sent or meant to send. Without an SMTP server (development) this is
 * the only place to read them; with one it shows what failed and why.
 */
export function OutboxPage() {
  const fmt = useDateFormat();
  const [status, setStatus] = useState<EmailStatus | ''>('');
  const outbox = useQuery({
    queryKey: ['email', 'outbox', status],
    queryFn: () => request<Outbox>('GET', withQuery('/api/email/outbox', { status: status || undefined })),
    placeholderData: (p) => p,
  });
  const columns = useMemo<DataColumn<OutboxMessage>[]>(
    () => [
      { key: 'created', header: 'Created', value: (m) => m.createdAt, render: (m) => fmt.dateTime(m.createdAt) },
      { key: 'channel', header: 'Channel', value: (m) => (m.channel === 'sms' ? 'Text' : 'Email') },
      { key: 'to', header: 'To', value: (m) => m.recipient },
      { key: 'subject', header: 'Subject', value: (m) => m.subject },
      { key: 'kind', header: 'Kind', value: (m) => m.kind, visibleFrom: 'md' },
      {
        key: 'status',
        header: 'Status',
        value: (m) => statusInfo[m.status].label,
        render: (m) => <StatusBadge tone={statusInfo[m.status].tone}>{statusInfo[m.status].label}</StatusBadge>,
      },
      { key: 'attempts', header: 'Attempts', value: (m) => m.attempts, visibleFrom: 'md' },
      { key: 'error', header: 'Last error', value: (m) => m.lastError ?? '', visibleFrom: 'lg' },
      { key: 'sent', header: 'Sent', value: (m) => m.sentAt ?? '', render: (m) => (m.sentAt ? fmt.dateTime(m.sentAt) : '—') },
    ],
    [fmt],
  );
  return (
    <>
      <PageHeader
        title="Email outbox"
        description="Messages the system sends: credential alerts, digests and appointment reminders; text messages from the development SMS adapter are listed here too."
      />
      {outbox.data && !outbox.data.smtpConfigured ? (
        <Alert color="gray" mb="md" title="No SMTP server configured">
          Messages are held here instead of being sent. Set <Code>CLINICOPS_SMTP_URL</Code> (for example{' '}
          <Code>smtp://user:password@mail.example.org:587</Code>) to send them.
        </Alert>
      ) : null}
      <NativeSelect
        label="Status"
        data={statusOptions}
        value={status}
        onChange={(e) => setStatus(e.currentTarget.value as EmailStatus | '')}
        w={200}
        mb="sm"
      />
      <DataTable
        caption="Email outbox"
        rows={outbox.data?.messages}
        columns={columns}
        rowKey={(m) => m.id}
        loading={outbox.isPending}
        error={outbox.error}
        onRetry={() => outbox.refetch()}
        initialSort={{ key: 'created', direction: 'desc' }}
        exportFileName="email-outbox.csv"
        emptyTitle="No messages"
        renderExpanded={(m) => (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {m.body}
          </Text>
        )}
        minWidth={900}
      />
    </>
  );
}
