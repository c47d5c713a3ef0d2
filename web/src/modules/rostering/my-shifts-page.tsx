import { Button, Code, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { EmptyState } from '../../ui/empty-state';
import { PageHeader } from '../../ui/page-header';
import { ProblemAlert } from '../../ui/problem-alert';
import { OpenShiftsView, SwapsView } from './open-shifts';
import { SwapButton } from './swap-button';
import { rosteringApi, rosteringKey } from './use-rostering';

const end = (start: string, minutes: number) => {
  const [h = 0, m = 0] = start.split(':').map(Number);
  const t = (h * 60 + m + minutes) % 1440;
  return `${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`;
};

/** Everyone's own published shifts, and a private calendar feed to subscribe to. */
export function MyShiftsPage() {
  const mine = useQuery({ queryKey: [...rosteringKey, 'mine'], queryFn: rosteringApi.myShifts });
  const feed = useMutation({ mutationFn: rosteringApi.feed });
  return (
    <>
      <PageHeader
        title="My shifts"
        description="Your shifts on published rosters. Subscribe in your calendar app to see them there."
        actions={
          <Button onClick={() => feed.mutate()} loading={feed.isPending} disabled={!mine.data?.staffMemberId}>
            Calendar feed link
          </Button>
        }
      />
      <Stack gap="sm">
        <ProblemAlert error={mine.error ?? feed.error} />
        {feed.data ? (
          <Text size="sm">
            Subscribe to <Code>{`${window.location.origin}${feed.data.path}`}</Code> (keep it private; asking for a new link ends
            the old one).
          </Text>
        ) : null}
        {mine.data && mine.data.shifts.length === 0 ? (
          <EmptyState title={mine.data.staffMemberId ? 'No published shifts' : 'Your account has no staff record'} />
        ) : null}
        {mine.data?.shifts.length ? (
          <Table aria-label="My shifts">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Date</Table.Th>
                <Table.Th>Shift</Table.Th>
                <Table.Th>Time</Table.Th>
                <Table.Th>Where</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {mine.data.shifts.map((s) => (
                <Table.Tr key={`${s.date}-${s.shiftTypeId}`}>
                  <Table.Td>{s.date}</Table.Td>
                  <Table.Td>
                    {s.name} ({s.code})
                  </Table.Td>
                  <Table.Td>
                    {s.startTime}–{end(s.startTime, s.minutes)}
                  </Table.Td>
                  <Table.Td>
                    {s.facilityName}, {s.unitName}
                  </Table.Td>
                  <Table.Td>
                    <SwapButton shift={s} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : null}
        <Text fw={600} mt="md">
          Open shifts you could take
        </Text>
        <OpenShiftsView />
        <Text fw={600} mt="md">
          My swap requests
        </Text>
        <SwapsView />
      </Stack>
    </>
  );
}
