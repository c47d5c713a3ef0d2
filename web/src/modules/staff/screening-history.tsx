import type { Screening } from '@clinicops/contracts';
import { Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { formatDateTime } from '../../lib/format';
import { type DataColumn, DataTable } from '../../ui/data-table';
import { StatusBadge } from '../../ui/status-badge';
import type { Tone } from '../../ui/tone';
import { useFacilityScope } from '../shell';
import { ScreeningEvidence } from './screening-view';
import { useStaffScreenings } from './use-staff';

const statusLabels: Record<Screening['status'], { label: string; tone: Tone }> = {
  clear: { label: 'Clear', tone: 'ok' },
  possible_match: { label: 'Waiting for review', tone: 'warning' },
  confirmed: { label: 'Excluded (confirmed)', tone: 'danger' },
  cleared_by_review: { label: 'Cleared by review', tone: 'ok' },
};

/** Every exclusion screening of one person, newest first: the evidence rules.md 3.1 asks to keep. */
export function ScreeningHistory({ staffId }: { staffId: string }) {
  const { timeZone } = useFacilityScope();
  const screenings = useStaffScreenings(staffId);
  const columns = useMemo<DataColumn<Screening>[]>(
    () => [
      {
        key: 'runAt',
        header: 'Screened at',
        value: (s) => s.runAt,
        render: (s) => formatDateTime(s.runAt, { timeZone }),
      },
      {
        key: 'status',
        header: 'Result',
        value: (s) => statusLabels[s.status].label,
        render: (s) => <StatusBadge tone={statusLabels[s.status].tone}>{statusLabels[s.status].label}</StatusBadge>,
      },
      { key: 'names', header: 'Names searched', value: (s) => s.searched.names.join('; ') },
      {
        key: 'dob',
        header: 'Date of birth searched',
        value: (s) => (s.searched.dateOfBirthSearched ? 'Yes' : 'No'),
        visibleFrom: 'md',
      },
      { key: 'matches', header: 'Matches', value: (s) => s.matches.length },
      {
        key: 'reviewed',
        header: 'Reviewed',
        value: (s) => s.reviewedAt ?? '',
        render: (s) => (s.reviewedAt ? formatDateTime(s.reviewedAt, { timeZone }) : '—'),
        visibleFrom: 'md',
      },
      { key: 'note', header: 'Note', value: (s) => s.note ?? '', visibleFrom: 'lg' },
      { key: 'file', header: 'LEIE file (SHA-256)', value: (s) => s.leieChecksum.slice(0, 12), visibleFrom: 'lg' },
    ],
    [timeZone],
  );
  return (
    <section aria-labelledby="screening-history-heading">
      <Title order={2} size="h4" id="screening-history-heading" mb="xs">
        Exclusion screening history
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        Each search against the OIG exclusion list, with what was searched and what came back.
      </Text>
      <DataTable
        caption="Exclusion screening history"
        rows={screenings.data}
        columns={columns}
        rowKey={(s) => s.id}
        loading={screenings.isPending}
        error={screenings.error}
        onRetry={() => screenings.refetch()}
        searchLabel={false}
        initialSort={{ key: 'runAt', direction: 'desc' }}
        exportFileName="exclusion-screenings.csv"
        emptyTitle="Not screened yet"
        renderExpanded={(s) => (s.matches.length > 0 ? <ScreeningEvidence screening={s} /> : null)}
        minWidth={720}
      />
    </section>
  );
}
