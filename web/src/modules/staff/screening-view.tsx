import type { Screening, ScreeningMatch } from '@clinicops/contracts';
import { Anchor, Button, Group, List, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconShieldSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { formatDateTime } from '../../lib/format';
import { type DataColumn, DataTable } from '../../ui/data-table';
import { ProblemAlert } from '../../ui/problem-alert';
import { StatusBadge } from '../../ui/status-badge';
import { useSession } from '../auth';
import { useFacilityScope } from '../shell';
import { ReviewScreeningModal, type ScreeningDecision } from './review-screening-modal';
import { useLeieStatus, useReviewQueue, useRunScreening } from './use-staff';

const basisLabels: Record<ScreeningMatch['basis'][number], string> = {
  npi: 'NPI',
  name_and_dob: 'Name and date of birth',
  name: 'Name',
  last_name_and_initial: 'Last name and first initial',
  business_name: 'Business name',
};

/** The match a reviewer looks at first: a strong one when there is one. */
function topMatch(s: Screening): ScreeningMatch | undefined {
  return s.matches.find((m) => m.strength === 'strong') ?? s.matches[0];
}

function leieName(m: ScreeningMatch | undefined): string {
  if (!m) return '';
  const r = m.row;
  const person = [r.lastName, [r.firstName, r.midName].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return person || r.busName || '';
}

function MatchBadge({ match }: { match: ScreeningMatch | undefined }) {
  if (!match) return null;
  return match.strength === 'strong' ? (
    <StatusBadge tone="danger">Strong match</StatusBadge>
  ) : (
    <StatusBadge tone="warning">Possible match</StatusBadge>
  );
}

/** OIG LEIE exclusion screening: run it, and decide the possible matches it left for review. */
export function ScreeningView({ onOpen }: { onOpen: (id: string) => void }) {
  const { can } = useSession();
  const { timeZone } = useFacilityScope();
  const canWrite = can('staff:write');
  const queue = useReviewQueue();
  const leie = useLeieStatus();
  const run = useRunScreening();
  const [deciding, setDeciding] = useState<{ screening: Screening; decision: ScreeningDecision } | null>(null);
  const latest = leie.data?.latest ?? null;

  const screenAll = () =>
    run.mutate(
      {},
      {
        onSuccess: (r) =>
          notifications.show({
            color: r.possibleMatches > 0 ? 'yellow' : 'green',
            message: `Screened ${r.screened} ${r.screened === 1 ? 'person' : 'people'}: ${r.clear} clear, ${r.possibleMatches} possible ${
              r.possibleMatches === 1 ? 'match' : 'matches'
            } to review`,
          }),
      },
    );

  const columns = useMemo<DataColumn<Screening>[]>(
    () => [
      {
        key: 'person',
        header: 'Person',
        value: (s) => s.staffName,
        render: (s) => (
          <Anchor component="button" type="button" fw={500} ta="left" onClick={() => onOpen(s.staffMemberId)}>
            {s.staffName}
          </Anchor>
        ),
      },
      {
        key: 'strength',
        header: 'Match',
        value: (s) => (topMatch(s)?.strength === 'strong' ? 'Strong match' : 'Possible match'),
        render: (s) => <MatchBadge match={topMatch(s)} />,
      },
      {
        key: 'leieName',
        header: 'LEIE record',
        value: (s) => leieName(topMatch(s)),
        render: (s) => {
          const more = s.matches.length - 1;
          return (
            <Stack gap={0}>
              <Text size="sm">{leieName(topMatch(s)) || '—'}</Text>
              {more > 0 ? (
                <Text size="xs" c="dimmed">
                  and {more} more {more === 1 ? 'record' : 'records'}
                </Text>
              ) : null}
            </Stack>
          );
        },
      },
      { key: 'npi', header: 'NPI', value: (s) => topMatch(s)?.row.npi, visibleFrom: 'md' },
      { key: 'dob', header: 'DOB', value: (s) => topMatch(s)?.row.dob, visibleFrom: 'md' },
      { key: 'exclType', header: 'Exclusion type', value: (s) => topMatch(s)?.row.exclType },
      { key: 'exclDate', header: 'Excluded on', value: (s) => topMatch(s)?.row.exclDate },
      {
        key: 'runAt',
        header: 'Screened at',
        value: (s) => s.runAt,
        render: (s) => formatDateTime(s.runAt, { timeZone }),
        visibleFrom: 'sm',
      },
    ],
    [onOpen, timeZone],
  );

  const lastImport = latest
    ? `The OIG exclusion list was last imported ${formatDateTime(latest.importedAt, { timeZone })} (${latest.fileName}, ${latest.rows.toLocaleString('en-US')} records).`
    : leie.isSuccess
      ? 'No OIG exclusion list has been imported yet: screening needs one (clinicops import leie FILE).'
      : null;

  return (
    <>
      <Group justify="space-between" align="flex-start" mb="sm" gap="sm">
        <Stack gap={2} style={{ flex: 1 }}>
          <Text size="sm" c="dimmed">
            Possible matches against the OIG List of Excluded Individuals/Entities, oldest first. Compare the evidence, then clear
            or confirm each with a note on how it was verified.
          </Text>
          {lastImport ? (
            <Text size="sm" c="dimmed">
              {lastImport}
            </Text>
          ) : null}
        </Stack>
        {canWrite ? (
          <Button
            leftSection={<IconShieldSearch size={16} aria-hidden />}
            onClick={screenAll}
            loading={run.isPending}
            disabled={leie.isSuccess && !latest}
          >
            Screen all staff now
          </Button>
        ) : null}
      </Group>
      <ProblemAlert error={run.error} title="Staff were not screened" />
      <DataTable
        caption="Possible exclusion matches waiting for review"
        rows={queue.data}
        columns={columns}
        rowKey={(s) => s.id}
        loading={queue.isPending}
        error={queue.error}
        onRetry={() => queue.refetch()}
        exportFileName="exclusion-review-queue.csv"
        emptyTitle="No possible matches waiting for review"
        emptyDescription={lastImport ?? undefined}
        minWidth={960}
        renderExpanded={(s) => <ScreeningEvidence screening={s} />}
        rowActions={
          canWrite
            ? (s) => (
                <>
                  <Button size="xs" variant="default" onClick={() => setDeciding({ screening: s, decision: 'clear' })}>
                    Clear
                  </Button>
                  <Button
                    size="xs"
                    color="red"
                    variant="light"
                    onClick={() => setDeciding({ screening: s, decision: 'confirm' })}
                  >
                    Confirm exclusion
                  </Button>
                </>
              )
            : undefined
        }
      />
      {deciding ? (
        <ReviewScreeningModal screening={deciding.screening} decision={deciding.decision} onClose={() => setDeciding(null)} />
      ) : null}
    </>
  );
}

/** Every matched LEIE row as it read on the day, and what was searched for the person. */
export function ScreeningEvidence({ screening }: { screening: Screening }) {
  const { searched } = screening;
  return (
    <Stack gap="sm">
      <Text size="sm">
        Searched: {searched.names.join('; ') || '—'}
        {searched.dateOfBirthSearched && searched.dateOfBirth ? `, born ${searched.dateOfBirth}` : ', no date of birth on file'}
        {searched.npi ? `, NPI ${searched.npi}` : ''}.
      </Text>
      {screening.matches.map((m, i) => {
        const r = m.row;
        const place = [r.address, r.city, r.state, r.zip].filter(Boolean).join(', ');
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: the matches are a fixed list kept as evidence
          <Stack key={i} gap={2}>
            <Group gap="xs">
              <MatchBadge match={m} />
              <Text size="sm" fw={500}>
                {leieName(m) || '—'}
              </Text>
            </Group>
            <Text size="sm">
              Matched on {m.basis.map((b) => basisLabels[b]).join(', ')}.
              {[r.general, r.specialty].filter(Boolean).length ? ` ${[r.general, r.specialty].filter(Boolean).join(', ')}.` : ''}
              {place ? ` ${place}.` : ''} Exclusion {r.exclType}
              {r.exclDate ? ` from ${r.exclDate}` : ''}
              {r.waiverDate ? `; waiver ${r.waiverDate}${r.waiverState ? ` (${r.waiverState})` : ''}` : ''}.
            </Text>
            {m.notes.length ? (
              <List size="sm">
                {m.notes.map((n) => (
                  <List.Item key={n}>{n}</List.Item>
                ))}
              </List>
            ) : null}
          </Stack>
        );
      })}
    </Stack>
  );
}
