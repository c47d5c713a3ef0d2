import type { RosterDetail } from '@clinicops/contracts';
import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ProblemAlert } from '../../ui/problem-alert';
import { rosteringApi, rosteringKey } from './use-rostering';

const KINDS = [
  { value: 'vacation', label: 'Vacation' },
  { value: 'day_off', label: 'Day off' },
  { value: 'training', label: 'Training' },
  { value: 'sick', label: 'Sick' },
  { value: 'other', label: 'Other' },
];

/** Approved leave is hard for the roster: the grid marks it and the evaluator flags any shift on it. */
export function LeaveModal({ roster, onClose }: { roster: RosterDetail; onClose: () => void }) {
  const qc = useQueryClient();
  const [staffMemberId, setStaff] = useState<string | null>(null);
  const [startsOn, setStart] = useState(roster.startDate);
  const [endsOn, setEnd] = useState(roster.startDate);
  const [kind, setKind] = useState<string | null>('vacation');
  const save = useMutation({
    mutationFn: () =>
      rosteringApi.addLeave({
        staffMemberId: staffMemberId ?? '',
        startsOn,
        endsOn,
        kind: (kind ?? 'other') as 'vacation' | 'sick' | 'day_off' | 'training' | 'other',
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: [...rosteringKey, 'roster', roster.id] });
      notifications.show({ color: 'green', message: 'Leave recorded' });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title="Record approved leave">
      <Stack gap="sm">
        <Select
          label="Person"
          searchable
          data={roster.people.map((p) => ({ value: p.id, label: `${p.name} (${p.position.toUpperCase()})` }))}
          value={staffMemberId}
          onChange={setStaff}
        />
        <Group grow>
          <TextInput type="date" label="From" value={startsOn} onChange={(e) => setStart(e.currentTarget.value)} />
          <TextInput type="date" label="To" value={endsOn} onChange={(e) => setEnd(e.currentTarget.value)} />
        </Group>
        <Select label="Kind" data={KINDS} value={kind} onChange={setKind} />
        <ProblemAlert error={save.error} title="Could not record the leave" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button disabled={!staffMemberId} loading={save.isPending} onClick={() => save.mutate()}>
            Record leave
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
