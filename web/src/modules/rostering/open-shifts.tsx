import { Button, Group, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { EmptyState } from '../../ui/empty-state';
import { ProblemAlert } from '../../ui/problem-alert';
import { useSession } from '../auth';
import { rosteringApi, rosteringKey } from './use-rostering';

// Gaps left after a sick call that qualified colleagues can take, and swap requests waiting for
// the manager; both are re-checked on the server by the evaluator and the credential gate.

export function OpenShiftsView() {
  const qc = useQueryClient();
  const { can } = useSession();
  const list = useQuery({ queryKey: [...rosteringKey, 'open'], queryFn: rosteringApi.openShifts });
  const claim = useMutation({
    mutationFn: rosteringApi.claim,
    onSuccess: () => qc.invalidateQueries({ queryKey: [...rosteringKey] }),
  });
  if (list.data?.length === 0) return <EmptyState title="No open shifts" />;
  return (
    <>
      <ProblemAlert error={list.error ?? claim.error} title={claim.error ? 'Could not take the shift' : undefined} />
      <Table aria-label="Open shifts">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Date</Table.Th>
            <Table.Th>Shift</Table.Th>
            <Table.Th>Needs</Table.Th>
            <Table.Th>Why</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(list.data ?? []).map((o) => (
            <Table.Tr key={o.id}>
              <Table.Td>{o.date}</Table.Td>
              <Table.Td>{o.shiftCode}</Table.Td>
              <Table.Td>{o.position.toUpperCase()}</Table.Td>
              <Table.Td>{o.reason}</Table.Td>
              <Table.Td>{o.status}</Table.Td>
              <Table.Td>
                {o.status === 'open' && can('self:write') ? (
                  <Button size="xs" onClick={() => claim.mutate(o.id)} loading={claim.isPending}>
                    Take this shift
                  </Button>
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}

export function SwapsView() {
  const qc = useQueryClient();
  const { can } = useSession();
  const list = useQuery({ queryKey: [...rosteringKey, 'swaps'], queryFn: rosteringApi.swaps });
  const decide = useMutation({
    mutationFn: ({ id, approve }: { id: string; approve: boolean }) => rosteringApi.decide(id, { approve }),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...rosteringKey] }),
  });
  if (list.data?.length === 0) return <EmptyState title="No swap requests" />;
  return (
    <>
      <ProblemAlert error={list.error ?? decide.error} title={decide.error ? 'Could not decide' : undefined} />
      <Table aria-label="Swap requests">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Date</Table.Th>
            <Table.Th>From</Table.Th>
            <Table.Th>To</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(list.data ?? []).map((s) => (
            <Table.Tr key={s.id}>
              <Table.Td>{s.date}</Table.Td>
              <Table.Td>{s.requesterName}</Table.Td>
              <Table.Td>{s.takerName}</Table.Td>
              <Table.Td>
                <Text size="sm">{s.status}</Text>
                {s.decisionNote ? (
                  <Text size="xs" c="dimmed">
                    {s.decisionNote}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>
                {s.status === 'pending' && can('rostering:write') ? (
                  <Group gap="xs">
                    <Button size="xs" onClick={() => decide.mutate({ id: s.id, approve: true })}>
                      Approve
                    </Button>
                    <Button size="xs" variant="default" onClick={() => decide.mutate({ id: s.id, approve: false })}>
                      Reject
                    </Button>
                  </Group>
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}
