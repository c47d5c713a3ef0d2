import type { PatientSummary, SeriesResult, Slot } from '@clinicops/contracts';
import {
  Alert,
  Button,
  Group,
  List,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ProblemAlert } from '../../ui/problem-alert';
import { useDateFormat } from '../shell';
import { schedulingApi, useAddToWaitlist, useAppointmentTypes, useBook, useResources, useSlots } from './scheduling-api';
import { dateInZone } from './zone';

const slotLabel = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));

type Props = { opened: boolean; facilityId: string | null; from: string; onClose: () => void };

/** Find a patient, pick a type (and a provider, or anyone), take one of the next open slots. */
export function BookingModal({ opened, facilityId, from, onClose }: Props) {
  const f = useDateFormat();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 150);
  const patients = useQuery({
    queryKey: ['scheduling', 'patient-search', q],
    queryFn: () => schedulingApi.searchPatients(q),
    enabled: opened && q.length > 1,
    staleTime: 60_000,
  });
  const [patient, setPatient] = useState<PatientSummary | null>(null);
  const types = useAppointmentTypes(facilityId);
  const providers = (useResources(facilityId).data ?? []).filter((r) => r.kind === 'provider');
  const [typeId, setTypeId] = useState<string | null>(null);
  const [providerId, setProviderId] = useState<string | null>(null);
  const [day, setDay] = useState(from);
  const slots = useSlots({ appointmentTypeId: opened ? typeId : null, from: day, days: 14, providerResourceId: providerId });
  const book = useBook();
  const wait = useAddToWaitlist();
  const qc = useQueryClient();
  const [everyWeeks, setEveryWeeks] = useState<string>('0');
  const [count, setCount] = useState<number>(8);
  const [series, setSeries] = useState<SeriesResult | null>(null);
  const bookSeries = useMutation({
    mutationFn: schedulingApi.bookSeries,
    onSuccess: (r) => {
      setSeries(r);
      qc.invalidateQueries({ queryKey: ['scheduling'] });
    },
  });
  const addToWaitlist = () => {
    if (!patient || !typeId) return;
    // wants anything earlier than the first slot offered, from today
    const first = slots.data?.slots[0];
    const latest = first ? dateInZone(first.startsAt, f.timeZone) : day;
    wait.mutate(
      {
        patientId: patient.id,
        appointmentTypeId: typeId,
        providerResourceId: providerId,
        earliestDate: from,
        latestDate: latest < from ? from : latest,
      },
      {
        onSuccess: () =>
          notifications.show({ color: 'green', message: `${patient.familyName ?? 'The patient'} is on the waitlist` }),
      },
    );
  };

  const close = () => {
    setPatient(null);
    setSearch('');
    setSeries(null);
    setEveryWeeks('0');
    book.reset();
    bookSeries.reset();
    wait.reset();
    onClose();
  };
  const take = (s: Slot) => {
    if (!patient || !typeId) return;
    if (everyWeeks !== '0') {
      // a series: each occurrence books on its own (rooms chosen per date) and reports its conflict
      bookSeries.mutate({
        patientId: patient.id,
        appointmentTypeId: typeId,
        providerResourceId: s.providerResourceId,
        startsAt: s.startsAt,
        everyWeeks: Number(everyWeeks),
        count,
        notes: null,
      });
      return;
    }
    book.mutate(
      {
        patientId: patient.id,
        appointmentTypeId: typeId,
        providerResourceId: s.providerResourceId,
        startsAt: s.startsAt,
        resourceIds: s.resourceIds,
        overbook: false,
        notes: null,
      },
      {
        onSuccess: (a) => {
          notifications.show({
            color: 'green',
            message: `Booked ${a.patientName} with ${a.providerName}, ${f.dateTime(a.startsAt)}`,
          });
          close();
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={close} title="Book an appointment" size="lg">
      <Stack gap="sm">
        {patient ? (
          <Group justify="space-between">
            <Text fw={600}>
              {patient.familyName ?? 'unknown'}, {patient.givenName ?? 'unknown'} · born {patient.dateOfBirth ?? 'unknown'} · MRN{' '}
              {patient.mrn}
            </Text>
            <Button variant="subtle" size="xs" onClick={() => setPatient(null)}>
              Change
            </Button>
          </Group>
        ) : (
          <>
            <TextInput
              label="Patient"
              placeholder="Name, date of birth, MRN or phone"
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
              data-autofocus
            />
            <Stack gap={2} aria-label="Matching patients">
              {(patients.data ?? []).map((p) => (
                <UnstyledButton key={p.id} onClick={() => setPatient(p)} p={4}>
                  <Text size="sm">
                    {p.familyName ?? 'unknown'}, {p.givenName ?? 'unknown'} · {p.dateOfBirth ?? 'unknown'} · MRN {p.mrn}
                  </Text>
                </UnstyledButton>
              ))}
            </Stack>
          </>
        )}
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select
            label="Appointment type"
            data={(types.data ?? [])
              .filter((t) => t.active)
              .map((t) => ({ value: t.id, label: `${t.name} (${t.durationMinutes} min)` }))}
            value={typeId}
            onChange={setTypeId}
            allowDeselect={false}
          />
          <Select
            label="Provider"
            placeholder="Anyone"
            clearable
            data={providers.map((p) => ({ value: p.id, label: p.name }))}
            value={providerId}
            onChange={setProviderId}
          />
          <TextInput label="From" type="date" value={day} onChange={(e) => setDay(e.currentTarget.value || from)} />
        </SimpleGrid>
        <Group align="end">
          <Select
            label="Repeat"
            w={200}
            value={everyWeeks}
            onChange={(v) => setEveryWeeks(v ?? '0')}
            allowDeselect={false}
            data={[
              { value: '0', label: 'Once' },
              { value: '1', label: 'Every week' },
              { value: '2', label: 'Every 2 weeks' },
              { value: '4', label: 'Every 4 weeks' },
            ]}
          />
          {everyWeeks !== '0' ? (
            <NumberInput label="Times" w={120} min={2} max={52} value={count} onChange={(v) => setCount(Number(v) || 2)} />
          ) : null}
        </Group>
        {series ? (
          <Alert
            color={series.occurrences.some((o) => o.status === 'conflict') ? 'yellow' : 'green'}
            title={`Series: ${series.occurrences.filter((o) => o.status === 'booked').length} of ${series.occurrences.length} booked`}
            aria-label="Series result"
          >
            <List size="sm">
              {series.occurrences.map((o) => (
                <List.Item key={o.startsAt}>
                  {slotLabel(o.startsAt, f.timeZone)}:{' '}
                  {o.status === 'booked' ? 'booked' : `not booked (${o.reason ?? 'conflict'})`}
                </List.Item>
              ))}
            </List>
            <Button mt="sm" size="xs" onClick={close}>
              Done
            </Button>
          </Alert>
        ) : null}
        <ProblemAlert error={bookSeries.error} title="Could not book the series" />
        <ProblemAlert error={slots.error} title="Could not search for slots" />
        <ProblemAlert error={book.error} title="Could not book" />
        {typeId ? (
          <Stack gap={4} aria-label="Open slots">
            {slots.data?.slots.length === 0 ? <Text c="dimmed">No open slot in the next 14 days.</Text> : null}
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={6}>
              {(slots.data?.slots ?? []).map((s) => (
                <Button
                  key={`${s.startsAt}-${s.providerResourceId}`}
                  variant="light"
                  justify="flex-start"
                  disabled={!patient}
                  loading={
                    (book.isPending && book.variables?.startsAt === s.startsAt) ||
                    (bookSeries.isPending && bookSeries.variables?.startsAt === s.startsAt)
                  }
                  onClick={() => take(s)}
                >
                  {slotLabel(s.startsAt, f.timeZone)} · {s.providerName}
                  {s.resourceNames.length > 0 ? ` · ${s.resourceNames.join(', ')}` : ''}
                </Button>
              ))}
            </SimpleGrid>
            {!patient ? (
              <Text size="xs" c="dimmed">
                Choose the patient first, then a slot.
              </Text>
            ) : (
              <Group>
                <Button variant="subtle" size="xs" onClick={addToWaitlist} loading={wait.isPending}>
                  Put on the waitlist for an earlier slot
                </Button>
              </Group>
            )}
            <ProblemAlert error={wait.error} title="Could not add to the waitlist" />
          </Stack>
        ) : null}
      </Stack>
    </Modal>
  );
}
