import type { Appointment } from '@clinicops/contracts';
import { Badge, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { request } from '../../lib/api-client';
import { ProblemAlert } from '../../ui/problem-alert';
import { useDateFormat } from '../shell';
import { statusLabels, statusTone } from './labels';

const toneColor = { neutral: 'gray', info: 'blue', ok: 'green', warning: 'yellow', danger: 'red' } as const;

/** The patient page's Appointments tab: past and coming visits, newest first (an audited read). */
export function PatientAppointments({ patientId }: { patientId: string }) {
  const f = useDateFormat();
  const list = useQuery({
    queryKey: ['scheduling', 'patient-appointments', patientId],
    queryFn: () => request<Appointment[]>('GET', `/api/patients/${encodeURIComponent(patientId)}/appointments`),
    refetchOnWindowFocus: false,
  });
  if (list.error) return <ProblemAlert error={list.error} title="Could not load the appointments" />;
  if (list.data?.length === 0) return <Text c="dimmed">No appointments.</Text>;
  return (
    <Table striped aria-label="Appointments">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>When</Table.Th>
          <Table.Th>Type</Table.Th>
          <Table.Th>Provider</Table.Th>
          <Table.Th>Status</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {(list.data ?? []).map((a) => (
          <Table.Tr key={a.id}>
            <Table.Td>{f.dateTime(a.startsAt)}</Table.Td>
            <Table.Td>{a.typeName}</Table.Td>
            <Table.Td>{a.providerName}</Table.Td>
            <Table.Td>
              <Badge variant="light" color={toneColor[statusTone[a.status] as keyof typeof toneColor] ?? 'gray'}>
                {statusLabels[a.status]}
              </Badge>
              {a.confirmedAt && a.status === 'booked' ? (
                <Badge variant="outline" color="green" ml={4}>
                  Confirmed
                </Badge>
              ) : null}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
