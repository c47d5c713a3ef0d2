import type { Appointment } from '@clinicops/contracts';
import { Button, Group, Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { EmptyState } from '../../ui/empty-state';
import { StatusBadge } from '../../ui/status-badge';
import { useDateFormat } from '../shell';
import { nextSteps, statusLabels, statusTone } from './labels';
import { useStep } from './scheduling-api';

type Props = { appointments: readonly Appointment[]; canWrite: boolean; onOpen: (a: Appointment) => void };

/** Minutes waiting since check-in (IHI: from the later of scheduled time and arrival), while not yet seen. */
export function waitingMinutes(a: Appointment, now: number): number | null {
  if (!a.checkedInAt || a.seenAt || a.status === 'cancelled') return null;
  const from = Math.max(Date.parse(a.checkedInAt), Date.parse(a.startsAt));
  return Math.max(0, Math.floor((now - from) / 60_000));
}

/** The front desk's day: arrivals in time order, who is waiting and for how long, one click per step. */
export function TodayList({ appointments, canWrite, onOpen }: Props) {
  const f = useDateFormat();
  const step = useStep();
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(t);
  }, []);
  if (appointments.length === 0) return <EmptyState title="No appointments today" />;
  return (
    <Table striped highlightOnHover aria-label="Today's appointments">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Time</Table.Th>
          <Table.Th>Patient</Table.Th>
          <Table.Th>Provider</Table.Th>
          <Table.Th>Type</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th>Waiting</Table.Th>
          <Table.Th>Next step</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {appointments.map((a) => {
          const wait = waitingMinutes(a, now);
          // a no-show only once the start time has passed (the server refuses it before)
          const next = nextSteps[a.status].filter(
            (s) => s.step !== 'cancel' && (s.step !== 'no-show' || Date.parse(a.startsAt) <= now),
          );
          return (
            <Table.Tr key={a.id} data-appointment={a.id}>
              <Table.Td>{f.time(a.startsAt)}</Table.Td>
              <Table.Td>
                <Button variant="subtle" size="compact-sm" onClick={() => onOpen(a)}>
                  {a.patientName}
                </Button>
              </Table.Td>
              <Table.Td>{a.providerName}</Table.Td>
              <Table.Td>{a.typeName}</Table.Td>
              <Table.Td>
                <StatusBadge tone={statusTone[a.status]}>{statusLabels[a.status]}</StatusBadge>
              </Table.Td>
              <Table.Td>
                {wait === null ? null : (
                  <Text size="sm" c={wait >= 20 ? 'red' : wait >= 10 ? 'orange' : undefined} fw={wait >= 20 ? 600 : undefined}>
                    {wait} min
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {canWrite ? (
                  <Group gap={4}>
                    {next.map((s) => (
                      <Button
                        key={s.step}
                        size="compact-xs"
                        variant={s.step === 'no-show' ? 'light' : 'filled'}
                        color={s.step === 'no-show' ? 'red' : undefined}
                        onClick={() => step.mutate({ id: a.id, step: s.step })}
                        loading={step.isPending && step.variables?.id === a.id && step.variables.step === s.step}
                      >
                        {s.label}
                      </Button>
                    ))}
                  </Group>
                ) : null}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
