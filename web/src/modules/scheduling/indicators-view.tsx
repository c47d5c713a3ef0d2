import type { SchedulingIndicators, ThirdNextAvailable } from '@clinicops/contracts';
import { Group, Paper, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { request } from '../../lib/api-client';
import { ProblemAlert } from '../../ui/problem-alert';
import { useAppointmentTypes } from './scheduling-api';
import { addDaysTo, mondayOf } from './zone';

// The appointment indicators of rules.md section 10 per provider, for a day, a week or the last
// 30 days: no-show rate, utilization, wait and cycle times; and third-next-available per type.

type Range = 'day' | 'week' | 'month';
const pct = (v: number | null) => (v === null ? '–' : `${v.toFixed(1)} %`);
const min = (v: number | null) => (v === null ? '–' : `${Math.round(v)} min`);

export function IndicatorsView({ facilityId, date, today }: { facilityId: string | null; date: string; today: string }) {
  const [range, setRange] = useState<Range>('week');
  const from = range === 'day' ? date : range === 'week' ? mondayOf(date) : addDaysTo(today, -30);
  const to = range === 'day' ? date : range === 'week' ? addDaysTo(mondayOf(date), 6) : addDaysTo(today, -1);
  const indicators = useQuery({
    queryKey: ['scheduling', 'indicators', facilityId, from, to],
    queryFn: () =>
      request<SchedulingIndicators>('GET', '/api/scheduling/indicators', {
        query: { ...(facilityId ? { facilityId } : {}), from, to },
      }),
  });
  const types = useAppointmentTypes(facilityId);
  const [typeId, setTypeId] = useState<string | null>(null);
  const chosenType = typeId ?? types.data?.find((t) => t.active)?.id ?? null;
  const tnaa = useQuery({
    queryKey: ['scheduling', 'tnaa', chosenType],
    enabled: chosenType !== null,
    queryFn: () =>
      request<ThirdNextAvailable>('GET', '/api/scheduling/third-next-available', {
        query: { appointmentTypeId: chosenType ?? '' },
      }),
  });
  const t = indicators.data?.totals;
  return (
    <Stack>
      <Group>
        <SegmentedControl
          aria-label="Period"
          value={range}
          onChange={(v) => setRange(v as Range)}
          data={[
            { value: 'day', label: 'Day' },
            { value: 'week', label: 'Week' },
            { value: 'month', label: 'Last 30 days' },
          ]}
        />
        <Text size="sm" c="dimmed">
          {from === to ? from : `${from} to ${to}`}
        </Text>
      </Group>
      <ProblemAlert error={indicators.error ?? tnaa.error} title="Could not load the indicators" />
      <SimpleGrid cols={{ base: 2, sm: 4 }} aria-label="Indicator totals">
        <Stat label="Scheduled" value={String(t?.scheduled ?? '–')} />
        <Stat label="No-shows" value={String(t?.noShows ?? '–')} />
        <Stat label="No-show rate" value={pct(t?.noShowRate ?? null)} />
        <Stat label="Utilization" value={pct(t?.utilization ?? null)} />
      </SimpleGrid>
      <Table striped aria-label="Indicators per provider">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Provider</Table.Th>
            <Table.Th>Scheduled</Table.Th>
            <Table.Th>No-show rate</Table.Th>
            <Table.Th>Utilization</Table.Th>
            <Table.Th>Wait to provider</Table.Th>
            <Table.Th>Lobby</Table.Th>
            <Table.Th>Exam room</Table.Th>
            <Table.Th>Cycle time</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(indicators.data?.providers ?? []).map((p) => (
            <Table.Tr key={p.providerResourceId}>
              <Table.Td>{p.providerName}</Table.Td>
              <Table.Td>{p.scheduled}</Table.Td>
              <Table.Td>{pct(p.noShowRate)}</Table.Td>
              <Table.Td>{pct(p.utilization)}</Table.Td>
              <Table.Td>{min(p.meanWaitMinutes)}</Table.Td>
              <Table.Td>{min(p.meanLobbyMinutes)}</Table.Td>
              <Table.Td>{min(p.meanExamRoomMinutes)}</Table.Td>
              <Table.Td>{min(p.meanCycleMinutes)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Title order={2} size="h4">
        Third next available appointment
      </Title>
      <Select
        label="Appointment type"
        w={320}
        value={chosenType}
        onChange={setTypeId}
        data={(types.data ?? []).filter((x) => x.active).map((x) => ({ value: x.id, label: x.name }))}
        allowDeselect={false}
      />
      <Table striped aria-label="Third next available">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Provider</Table.Th>
            <Table.Th>Days until the third open slot</Table.Th>
            <Table.Th>Date</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(tnaa.data?.providers ?? []).map((p) => (
            <Table.Tr key={p.providerResourceId}>
              <Table.Td>{p.providerName}</Table.Td>
              <Table.Td>{p.days ?? 'none within 62 days'}</Table.Td>
              <Table.Td>{p.date ?? '–'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {tnaa.data?.averageDays != null ? (
        <Text size="sm">Average across providers: {tnaa.data.averageDays} days (calendar days).</Text>
      ) : null}
    </Stack>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700}>
        {value}
      </Text>
    </Paper>
  );
}
