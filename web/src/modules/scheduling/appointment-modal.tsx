import type { Appointment } from '@clinicops/contracts';
import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ProblemAlert } from '../../ui/problem-alert';
import { StatusBadge } from '../../ui/status-badge';
import { useDateFormat } from '../shell';
import { nextSteps, statusLabels, statusTone } from './labels';
import { useBook, useProposals, useStep } from './scheduling-api';

type Props = { appointment: Appointment | null; canWrite: boolean; onClose: () => void };

/** One appointment: when, who, its timeline, and the next front-desk steps. */
export function AppointmentModal({ appointment: a, canWrite, onClose }: Props) {
  const f = useDateFormat();
  const step = useStep();
  const [reason, setReason] = useState('');
  const [cancelling, setCancelling] = useState(false);
  const freed = a !== null && (a.status === 'cancelled' || a.status === 'no_show') && Date.parse(a.startsAt) > Date.now();
  const proposals = useProposals(freed && a ? a.id : null);
  const book = useBook();
  const close = () => {
    step.reset();
    book.reset();
    setCancelling(false);
    setReason('');
    onClose();
  };
  if (!a) return null;
  const timeline = [
    ['Booked', a.bookedAt],
    ['Confirmed by the patient', a.confirmedAt],
    ['Checked in', a.checkedInAt],
    ['Roomed', a.roomedAt],
    ['Seen', a.seenAt],
    ['Checked out', a.checkedOutAt],
    ['Cancelled', a.cancelledAt],
    ['No-show', a.noShowAt],
  ].filter((x): x is [string, string] => x[1] !== null);
  const run = (s: (typeof nextSteps)['booked'][number]['step']) => {
    if (s === 'cancel' && !cancelling) return setCancelling(true);
    // a cancellation keeps the dialog open: it shows who on the waitlist could take the time
    step.mutate({ id: a.id, step: s, reason }, { onSuccess: s === 'cancel' ? () => setCancelling(false) : close });
  };
  return (
    <Modal opened onClose={close} title={`${a.patientName}: ${a.typeName}`}>
      <Stack gap="sm">
        <Group gap="xs">
          <StatusBadge tone={statusTone[a.status]}>{statusLabels[a.status]}</StatusBadge>
          {a.overbooked ? <StatusBadge tone="warning">Overbooked</StatusBadge> : null}
        </Group>
        <Text size="sm">
          {f.dateTime(a.startsAt)} – {f.time(a.endsAt)} with {a.providerName}
        </Text>
        {a.cancelReason ? <Text size="sm">Reason: {a.cancelReason}</Text> : null}
        <Stack gap={2}>
          {timeline.map(([label, at]) => (
            <Text key={label} size="xs" c="dimmed">
              {label}: {f.time(at)}
            </Text>
          ))}
        </Stack>
        {cancelling ? (
          <TextInput
            label="Reason for cancelling"
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            data-autofocus
          />
        ) : null}
        <ProblemAlert error={step.error} title="Could not record that" />
        {freed && canWrite ? (
          <Stack gap={4} aria-label="Waitlist proposals">
            <Text size="sm" fw={600}>
              Waitlist: who could take this time
            </Text>
            {proposals.data?.length === 0 ? (
              <Text size="xs" c="dimmed">
                Nobody on the waitlist fits this slot.
              </Text>
            ) : null}
            {(proposals.data ?? []).map((w) => (
              <Group key={w.id} justify="space-between">
                <Text size="sm">
                  {w.patientName} · wants {w.earliestDate} to {w.latestDate}
                </Text>
                <Button
                  size="compact-xs"
                  loading={book.isPending && book.variables?.patientId === w.patientId}
                  onClick={() =>
                    book.mutate(
                      {
                        patientId: w.patientId,
                        appointmentTypeId: w.appointmentTypeId,
                        providerResourceId: a.providerResourceId,
                        startsAt: a.startsAt,
                        overbook: false,
                        notes: null,
                      },
                      { onSuccess: close },
                    )
                  }
                >
                  Book
                </Button>
              </Group>
            ))}
            <ProblemAlert error={book.error} title="Could not book" />
          </Stack>
        ) : null}
        {canWrite ? (
          <Group gap="xs">
            {nextSteps[a.status].map((s) => (
              <Button
                key={s.step}
                size="xs"
                variant={s.step === 'cancel' || s.step === 'no-show' ? 'light' : 'filled'}
                color={s.step === 'cancel' || s.step === 'no-show' ? 'red' : undefined}
                loading={step.isPending && step.variables?.step === s.step}
                disabled={s.step === 'cancel' && cancelling && reason.trim() === ''}
                onClick={() => run(s.step)}
              >
                {s.step === 'cancel' && cancelling ? 'Confirm cancellation' : s.label}
              </Button>
            ))}
          </Group>
        ) : null}
      </Stack>
    </Modal>
  );
}
