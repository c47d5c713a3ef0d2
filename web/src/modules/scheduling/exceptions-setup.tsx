import { exceptionKinds } from '@clinicops/contracts';
import { Button, Group, Modal, Select, Stack, Table, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ProblemAlert } from '../../ui/problem-alert';
import { useDateFormat, useFacilityScope } from '../shell';
import { useTargetFacility } from './resources-setup';
import { useResources } from './scheduling-api';
import { setupApi, useExceptions, useSetupMutation } from './setup-api';
import { addDaysTo, dateInZone, instantInZone } from './zone';

const kindLabel = { holiday: 'Holiday', leave: 'Leave', blocked: 'Blocked', meeting: 'Meeting' } as const;
const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/** Closures of the facility and leave, meetings or blocked time of one resource, the next 90 days. */
export function ExceptionsSetup({ facilityId, canEdit }: { facilityId: string | null; canEdit: boolean }) {
  const scope = useFacilityScope();
  const f = useDateFormat();
  const today = dateInZone(Date.now(), scope.timeZone);
  const list = useExceptions(facilityId, today, addDaysTo(today, 90));
  const resources = useResources(facilityId);
  const names = new Map((resources.data ?? []).map((r) => [r.id, r.name]));
  const [adding, setAdding] = useState(false);
  const remove = useSetupMutation(setupApi.deleteException);
  return (
    <Stack>
      <ProblemAlert error={list.error ?? remove.error} title="Closures and leave" />
      {canEdit ? (
        <Button w="fit-content" onClick={() => setAdding(true)}>
          Add a closure or leave
        </Button>
      ) : null}
      <Table striped aria-label="Closures and leave">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>What</Table.Th>
            <Table.Th>Who</Table.Th>
            <Table.Th>From</Table.Th>
            <Table.Th>Until</Table.Th>
            {canEdit ? <Table.Th>Change</Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(list.data ?? []).map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td>
                {kindLabel[e.kind]}
                {e.reason ? `: ${e.reason}` : ''}
              </Table.Td>
              <Table.Td>{e.resourceId ? (names.get(e.resourceId) ?? '') : 'Whole facility'}</Table.Td>
              <Table.Td>{f.dateTime(e.startsAt)}</Table.Td>
              <Table.Td>{f.dateTime(e.endsAt)}</Table.Td>
              {canEdit ? (
                <Table.Td>
                  <Button size="xs" variant="default" color="red" onClick={() => remove.mutate(e.id)}>
                    Remove
                  </Button>
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {adding ? (
        <ExceptionModal
          facilityId={facilityId}
          today={today}
          timeZone={scope.timeZone}
          resources={resources.data ?? []}
          onClose={() => setAdding(false)}
        />
      ) : null}
    </Stack>
  );
}

function ExceptionModal({
  facilityId,
  today,
  timeZone,
  resources,
  onClose,
}: {
  facilityId: string | null;
  today: string;
  timeZone: string;
  resources: { id: string; name: string; facilityId: string }[];
  onClose: () => void;
}) {
  const { target, picker } = useTargetFacility(facilityId);
  const [kind, setKind] = useState<(typeof exceptionKinds)[number]>('leave');
  const [resourceId, setResourceId] = useState<string | null>(null);
  const [fromDate, setFromDate] = useState(today);
  const [fromTime, setFromTime] = useState('00:00');
  const [toDate, setToDate] = useState(today);
  const [toTime, setToTime] = useState('23:59');
  const [reason, setReason] = useState('');
  const create = useSetupMutation(setupApi.createException);
  return (
    <Modal opened onClose={onClose} title="Add a closure or leave">
      <Stack>
        {picker}
        <Select
          label="Kind"
          value={kind}
          onChange={(v) => setKind((v ?? 'leave') as typeof kind)}
          data={exceptionKinds.map((k) => ({ value: k, label: kindLabel[k] }))}
          allowDeselect={false}
        />
        <Select
          label="Who"
          placeholder="Whole facility"
          clearable
          value={resourceId}
          onChange={setResourceId}
          data={resources.filter((r) => r.facilityId === target).map((r) => ({ value: r.id, label: r.name }))}
        />
        <Group grow>
          <TextInput label="From date" value={fromDate} onChange={(e) => setFromDate(e.currentTarget.value)} />
          <TextInput label="From time" value={fromTime} onChange={(e) => setFromTime(e.currentTarget.value)} />
        </Group>
        <Group grow>
          <TextInput label="Until date" value={toDate} onChange={(e) => setToDate(e.currentTarget.value)} />
          <TextInput label="Until time" value={toTime} onChange={(e) => setToTime(e.currentTarget.value)} />
        </Group>
        <TextInput label="Note (no patient details)" value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
        <ProblemAlert error={create.error} title="Not added" />
        <Button
          w="fit-content"
          loading={create.isPending}
          onClick={() =>
            create.mutate(
              {
                facilityId: target ?? '',
                resourceId,
                kind,
                startsAt: instantInZone(fromDate, minutesOf(fromTime), timeZone).toISOString(),
                endsAt: instantInZone(toDate, minutesOf(toTime), timeZone).toISOString(),
                reason: reason.trim() || null,
              },
              { onSuccess: onClose },
            )
          }
        >
          Add
        </Button>
      </Stack>
    </Modal>
  );
}
