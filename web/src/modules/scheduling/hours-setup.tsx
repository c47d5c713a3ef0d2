import type { AvailabilityTemplate } from '@clinicops/contracts';
import { Button, Chip, Group, Modal, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ProblemAlert } from '../../ui/problem-alert';
import { useFacilityScope } from '../shell';
import { useResources } from './scheduling-api';
import { setupApi, useSetupMutation, useTemplates } from './setup-api';
import { dateInZone } from './zone';

const DAYS = [
  ['MO', 'Mon'],
  ['TU', 'Tue'],
  ['WE', 'Wed'],
  ['TH', 'Thu'],
  ['FR', 'Fri'],
  ['SA', 'Sat'],
  ['SU', 'Sun'],
] as const;

/** "FREQ=WEEKLY;BYDAY=MO,TU" → "Mon, Tue"; other rules as written. */
function describeRule(rrule: string): string {
  const byday = /BYDAY=([A-Z,]+)/.exec(rrule)?.[1];
  const interval = /INTERVAL=(\d+)/.exec(rrule)?.[1];
  if (!byday) return rrule;
  const days = byday.split(',').map((d) => DAYS.find(([c]) => c === d)?.[1] ?? d);
  return `${days.join(', ')}${interval && interval !== '1' ? `, every ${interval} weeks` : ''}`;
}

/** Weekly hours per provider, in the facility's time zone: add, change the times, end on a date. */
export function HoursSetup({ facilityId, canEdit }: { facilityId: string | null; canEdit: boolean }) {
  const scope = useFacilityScope();
  const templates = useTemplates(facilityId);
  const resources = useResources(facilityId);
  const names = new Map((resources.data ?? []).map((r) => [r.id, r.name]));
  const [editing, setEditing] = useState<AvailabilityTemplate | 'new' | null>(null);
  const today = dateInZone(Date.now(), scope.timeZone);
  // ends after today (today's hours stay), or on its first day when it has not begun
  const end = useSetupMutation((t: AvailabilityTemplate) =>
    setupApi.updateTemplate(t.id, { effectiveUntil: [today, t.effectiveFrom].sort().at(-1) ?? today }),
  );
  const current = (templates.data ?? []).filter((t) => t.effectiveUntil === null || t.effectiveUntil >= today);
  return (
    <Stack>
      <ProblemAlert error={templates.error ?? end.error} title="Weekly hours" />
      {canEdit ? (
        <Button w="fit-content" onClick={() => setEditing('new')}>
          Add weekly hours
        </Button>
      ) : null}
      <Table striped aria-label="Weekly hours">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Provider</Table.Th>
            <Table.Th>Days</Table.Th>
            <Table.Th>Hours</Table.Th>
            <Table.Th>From</Table.Th>
            <Table.Th>Until</Table.Th>
            {canEdit ? <Table.Th>Change</Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {current.map((t) => (
            <Table.Tr key={t.id}>
              <Table.Td>{names.get(t.resourceId) ?? ''}</Table.Td>
              <Table.Td>{describeRule(t.rrule)}</Table.Td>
              <Table.Td>
                {t.startTime}–{t.endTime}
              </Table.Td>
              <Table.Td>{t.effectiveFrom}</Table.Td>
              <Table.Td>{t.effectiveUntil ?? <Text c="dimmed">open</Text>}</Table.Td>
              {canEdit ? (
                <Table.Td>
                  <Group gap="xs">
                    <Button size="xs" variant="default" onClick={() => setEditing(t)}>
                      Edit
                    </Button>
                    <Button size="xs" variant="default" color="red" onClick={() => end.mutate(t)}>
                      End after today
                    </Button>
                  </Group>
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {editing ? (
        <HoursModal
          template={editing === 'new' ? null : editing}
          providers={(resources.data ?? []).filter((r) => r.kind === 'provider' && r.active)}
          today={today}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </Stack>
  );
}

function HoursModal({
  template,
  providers,
  today,
  onClose,
}: {
  template: AvailabilityTemplate | null;
  providers: { id: string; name: string }[];
  today: string;
  onClose: () => void;
}) {
  const [resourceId, setResourceId] = useState<string | null>(template?.resourceId ?? providers[0]?.id ?? null);
  const [days, setDays] = useState<string[]>(
    template ? (/BYDAY=([A-Z,]+)/.exec(template.rrule)?.[1]?.split(',') ?? []) : ['MO', 'TU', 'WE', 'TH', 'FR'],
  );
  const [startTime, setStart] = useState(template?.startTime ?? '09:00');
  const [endTime, setEnd] = useState(template?.endTime ?? '17:00');
  const [from, setFrom] = useState(template?.effectiveFrom ?? today);
  const rrule = `FREQ=WEEKLY;BYDAY=${DAYS.map(([c]) => c)
    .filter((c) => days.includes(c))
    .join(',')}`;
  const save = useSetupMutation(async () =>
    template
      ? setupApi.updateTemplate(template.id, { rrule, startTime, endTime })
      : setupApi.createTemplate({
          resourceId: resourceId ?? '',
          rrule,
          startTime,
          endTime,
          effectiveFrom: from,
          effectiveUntil: null,
        }),
  );
  return (
    <Modal opened onClose={onClose} title={template ? 'Change weekly hours' : 'Add weekly hours'}>
      <Stack>
        {template ? null : (
          <Select
            label="Provider"
            value={resourceId}
            onChange={setResourceId}
            data={providers.map((p) => ({ value: p.id, label: p.name }))}
            allowDeselect={false}
          />
        )}
        <Chip.Group multiple value={days} onChange={setDays}>
          <Group gap={4} role="group" aria-label="Days">
            {DAYS.map(([code, label]) => (
              <Chip key={code} value={code} size="xs">
                {label}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
        <Group grow>
          <TextInput label="Starts (HH:MM)" value={startTime} onChange={(e) => setStart(e.currentTarget.value)} />
          <TextInput label="Ends (HH:MM)" value={endTime} onChange={(e) => setEnd(e.currentTarget.value)} />
        </Group>
        {template ? null : <TextInput label="From (YYYY-MM-DD)" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />}
        <ProblemAlert error={save.error} title="Not saved" />
        <Button w="fit-content" loading={save.isPending} onClick={() => save.mutate(undefined, { onSuccess: onClose })}>
          Save
        </Button>
      </Stack>
    </Modal>
  );
}
