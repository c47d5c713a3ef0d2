import { Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { EmptyState } from '../../ui/empty-state';
import { ProblemAlert } from '../../ui/problem-alert';
import { schedulingApi, useAppointmentTypes, useResources } from './scheduling-api';

/** Patients waiting for an earlier appointment, longest waiting first. */
export function WaitlistView({ facilityId }: { facilityId: string | null }) {
  const entries = useQuery({
    queryKey: ['scheduling', 'waitlist', facilityId],
    queryFn: () => schedulingApi.waitlist(facilityId),
    refetchOnWindowFocus: false,
  });
  const types = new Map((useAppointmentTypes(facilityId).data ?? []).map((t) => [t.id, t.name]));
  const providers = new Map((useResources(facilityId).data ?? []).map((r) => [r.id, r.name]));
  if (entries.error) return <ProblemAlert error={entries.error} title="Could not load the waitlist" />;
  if (entries.data?.length === 0)
    return <EmptyState title="Nobody is waiting" description="Add patients from the booking dialog." />;
  return (
    <Table striped aria-label="Waitlist">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Patient</Table.Th>
          <Table.Th>Type</Table.Th>
          <Table.Th>Provider</Table.Th>
          <Table.Th>Wants a date between</Table.Th>
          <Table.Th>Waiting since</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {(entries.data ?? []).map((w) => (
          <Table.Tr key={w.id}>
            <Table.Td>{w.patientName}</Table.Td>
            <Table.Td>{types.get(w.appointmentTypeId) ?? ''}</Table.Td>
            <Table.Td>
              {w.providerResourceId ? (providers.get(w.providerResourceId) ?? '') : <Text c="dimmed">anyone</Text>}
            </Table.Td>
            <Table.Td>
              {w.earliestDate} and {w.latestDate}
            </Table.Td>
            <Table.Td>{w.createdAt.slice(0, 10)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
