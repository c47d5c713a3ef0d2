import type { Appointment, Resource } from '@clinicops/contracts';
import {
  Button,
  CopyButton,
  Group,
  Modal,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCalendarPlus, IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError } from '../../lib/api';
import { PageHeader } from '../../ui/page-header';
import { ProblemAlert } from '../../ui/problem-alert';
import { useSession } from '../auth';
import { ALL_FACILITIES, useDateFormat, useFacilityScope } from '../shell';
import { AppointmentModal } from './appointment-modal';
import { BookingModal } from './booking-modal';
import { DayCalendar, type Move } from './day-calendar';
import { IndicatorsView } from './indicators-view';
import { statusLabels } from './labels';
import { schedulingApi, useAppointments, useReschedule, useResources } from './scheduling-api';
import { SetupView } from './setup-view';
import { TodayList } from './today-list';
import { WaitlistView } from './waitlist-view';
import { addDaysTo, dateInZone, mondayOf } from './zone';

type View = 'day' | 'week' | 'today' | 'waitlist' | 'indicators' | 'setup';

const longDate = (date: string) =>
  new Intl.DateTimeFormat('en-US', { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${date}T12:00:00Z`),
  );

export function SchedulePage() {
  const { can } = useSession();
  const scope = useFacilityScope();
  const f = useDateFormat();
  const facilityId = scope.facilityId === ALL_FACILITIES ? null : scope.facilityId;
  const [params, setParams] = useSearchParams();
  const view = (
    ['day', 'week', 'today', 'waitlist', 'indicators', 'setup'].includes(params.get('view') ?? '') ? params.get('view') : 'day'
  ) as View;
  const today = dateInZone(Date.now(), scope.timeZone);
  const [date, setDate] = useState(today);
  const [by, setBy] = useState<'provider' | 'room'>('provider');
  const [providerFilter, setProviderFilter] = useState<string | null>(null);
  const [open, setOpen] = useState<Appointment | null>(null);
  const [booking, setBooking] = useState(false);
  const canWrite = can('appointments:write');
  const [feed, setFeed] = useState<{ provider: Resource; url: string } | null>(null);
  const openFeed = async (provider: Resource) => {
    try {
      const link = await schedulingApi.feedLink(provider.id);
      setFeed({ provider, url: new URL(link.url, window.location.origin).toString() });
    } catch (e) {
      notifications.show({
        color: 'red',
        title: 'No feed link',
        message: e instanceof ApiError ? (e.detail ?? e.title) : 'Failed',
      });
    }
  };

  const from = view === 'week' ? mondayOf(date) : view === 'today' ? today : date;
  const to = view === 'week' ? addDaysTo(from, 6) : from;
  const appointments = useAppointments(facilityId, from, to);
  const resources = useResources(facilityId);
  const reschedule = useReschedule();
  const columns = useMemo(() => (resources.data ?? []).filter((r) => r.active && r.kind === by), [resources.data, by]);
  const list = appointments.data ?? [];
  const current = open ? (list.find((a) => a.id === open.id) ?? open) : null;

  const move = ({ appointment, startsAt, providerResourceId, durationMinutes }: Move) => {
    if (startsAt === appointment.startsAt && !providerResourceId && !durationMinutes) return;
    reschedule.mutate(
      {
        id: appointment.id,
        body: {
          startsAt,
          overbook: false,
          ...(providerResourceId ? { providerResourceId } : {}),
          ...(durationMinutes ? { durationMinutes } : {}),
        },
      },
      {
        onSuccess: (a) =>
          notifications.show({
            color: 'green',
            message: durationMinutes
              ? `${a.patientName}: now ${durationMinutes} minutes, until ${f.time(a.endsAt)}`
              : `Moved ${a.patientName} to ${f.dateTime(a.startsAt)} with ${a.providerName}`,
          }),
        onError: (e) =>
          notifications.show({
            color: 'red',
            title: durationMinutes ? 'Not resized' : 'Not moved',
            message: e instanceof ApiError ? (e.detail ?? e.title) : 'The move failed',
          }),
      },
    );
  };
  const step = (days: number) => setDate(addDaysTo(date, view === 'week' ? days * 7 : days));

  return (
    <>
      <PageHeader
        title="Schedule"
        description={`${view === 'today' ? `Today, ${longDate(today)}` : view === 'week' ? `Week of ${longDate(from)}` : longDate(date)}${
          f.zoneDiffers ? ` · times in ${scope.timeZone}` : ''
        }`}
        actions={
          canWrite ? (
            <Button leftSection={<IconCalendarPlus size={16} aria-hidden />} onClick={() => setBooking(true)}>
              Book appointment
            </Button>
          ) : null
        }
      />
      <Group justify="space-between" mb="md" wrap="wrap">
        <SegmentedControl
          aria-label="View"
          value={view}
          onChange={(v) => setParams(v === 'day' ? {} : { view: v })}
          data={[
            { value: 'today', label: 'Front desk today' },
            { value: 'day', label: 'Day' },
            { value: 'week', label: 'Week' },
            { value: 'waitlist', label: 'Waitlist' },
            { value: 'indicators', label: 'Indicators' },
            { value: 'setup', label: 'Setup' },
          ]}
        />
        {view === 'day' || view === 'week' ? (
          <Group gap="xs">
            <Button variant="default" size="sm" onClick={() => step(-1)} aria-label="Previous">
              <IconChevronLeft size={16} aria-hidden />
            </Button>
            <Button variant="default" size="sm" onClick={() => setDate(today)}>
              Today
            </Button>
            <Button variant="default" size="sm" onClick={() => step(1)} aria-label="Next">
              <IconChevronRight size={16} aria-hidden />
            </Button>
            {view === 'day' ? (
              <SegmentedControl
                aria-label="Columns"
                value={by}
                onChange={(v) => setBy(v as 'provider' | 'room')}
                data={[
                  { value: 'provider', label: 'Providers' },
                  { value: 'room', label: 'Rooms' },
                ]}
              />
            ) : (
              <Select
                aria-label="Provider"
                placeholder="All providers"
                clearable
                value={providerFilter}
                onChange={setProviderFilter}
                data={(resources.data ?? []).filter((r) => r.kind === 'provider').map((r) => ({ value: r.id, label: r.name }))}
              />
            )}
          </Group>
        ) : null}
      </Group>
      <ProblemAlert
        error={appointments.error ?? resources.error}
        title="Could not load the schedule"
        onRetry={() => appointments.refetch()}
      />
      {view === 'day' ? (
        <DayCalendar
          date={date}
          timeZone={scope.timeZone}
          columns={columns}
          by={by}
          appointments={list}
          onOpen={setOpen}
          {...(canWrite ? { onMove: move, onFeed: openFeed } : {})}
        />
      ) : null}
      {view === 'today' ? (
        <TodayList appointments={list.filter((a) => a.status !== 'cancelled')} canWrite={canWrite} onOpen={setOpen} />
      ) : null}
      {view === 'week' ? (
        <SimpleGrid cols={{ base: 1, sm: 7 }} spacing={6}>
          {Array.from({ length: 7 }, (_, i) => addDaysTo(from, i)).map((d) => {
            const day = list.filter(
              (a) => dateInZone(a.startsAt, scope.timeZone) === d && (!providerFilter || a.providerResourceId === providerFilter),
            );
            return (
              <Paper key={d} withBorder p={6} role="region" aria-label={longDate(d)}>
                <UnstyledButton
                  onClick={() => {
                    setDate(d);
                    setParams({});
                  }}
                >
                  <Text fw={600} size="sm">
                    {longDate(d).split(',')[0]} {d.slice(5)}
                  </Text>
                </UnstyledButton>
                <Text size="xs" c="dimmed" mb={4}>
                  {day.filter((a) => a.status !== 'cancelled').length} appointments
                </Text>
                <Stack gap={2}>
                  {day.map((a) => (
                    <UnstyledButton key={a.id} onClick={() => setOpen(a)}>
                      <Text
                        size="xs"
                        truncate
                        style={{
                          borderLeft: `3px solid var(--mantine-color-${a.color}-6)`,
                          paddingLeft: 4,
                          textDecoration: a.status === 'cancelled' ? 'line-through' : undefined,
                          color: a.status === 'no_show' ? 'var(--mantine-color-red-7)' : undefined,
                        }}
                        title={`${a.typeName}, ${statusLabels[a.status]}`}
                      >
                        {f.time(a.startsAt, { withZone: false })} {a.patientName}
                      </Text>
                    </UnstyledButton>
                  ))}
                </Stack>
              </Paper>
            );
          })}
        </SimpleGrid>
      ) : null}
      {view === 'waitlist' ? <WaitlistView facilityId={facilityId} /> : null}
      {view === 'indicators' ? <IndicatorsView facilityId={facilityId} date={date} today={today} /> : null}
      {view === 'setup' ? <SetupView facilityId={facilityId} /> : null}
      <Modal opened={feed !== null} onClose={() => setFeed(null)} title={`Calendar feed: ${feed?.provider.name ?? ''}`}>
        <Stack gap="sm">
          <Text size="sm">
            Subscribe to this address in a calendar app. It shows appointment times and types, no patient names. Anyone with the
            address can read it; making a new one stops the old one.
          </Text>
          <TextInput readOnly value={feed?.url ?? ''} aria-label="Feed address" />
          <CopyButton value={feed?.url ?? ''}>
            {({ copied, copy }) => <Button onClick={copy}>{copied ? 'Copied' : 'Copy address'}</Button>}
          </CopyButton>
        </Stack>
      </Modal>
      <AppointmentModal appointment={current} canWrite={canWrite} onClose={() => setOpen(null)} />
      <BookingModal
        opened={booking}
        facilityId={facilityId}
        from={view === 'today' ? today : date}
        onClose={() => setBooking(false)}
      />
    </>
  );
}
