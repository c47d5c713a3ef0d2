import type { AccessRequest } from '@clinicops/contracts';
import { Button, Group, NativeSelect, Popover, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { apiFieldErrors } from '../../lib/form-errors';
import { isoDateIn } from '../../lib/format';
import { ProblemAlert } from '../../ui/problem-alert';
import { StatusBadge } from '../../ui/status-badge';
import type { Tone } from '../../ui/tone';
import { useDateFormat } from '../shell';
import { useAccessRequests, useSaveAccessRequest } from './records-api';

const statusText: Record<AccessRequest['status'], [string, Tone]> = {
  open: ['Open', 'info'],
  due_soon: ['Due within 7 days', 'warning'],
  overdue: ['Overdue', 'danger'],
  fulfilled: ['Fulfilled', 'ok'],
  fulfilled_late: ['Fulfilled late', 'warning'],
};

/** Right-of-access requests of the record: 30 days to act, one 30-day extension (45 CFR 164.524). */
export function AccessRequestsPanel({ patientId, canWrite }: { patientId: string; canWrite: boolean }) {
  const list = useAccessRequests(patientId);
  const save = useSaveAccessRequest(patientId);
  const { timeZone } = useDateFormat();
  const today = isoDateIn(timeZone);
  const [requestedOn, setRequestedOn] = useState(today);
  const errors = apiFieldErrors(save.error, ['requestedOn', 'extensionReason', 'fulfilledOn', 'fulfilledFormat']);
  const [reason, setReason] = useState('');
  const [format, setFormat] = useState<'pdf' | 'fhir' | 'paper' | 'other'>('pdf');
  const done = (message: string) => () => notifications.show({ color: 'green', message });

  return (
    <Stack gap="xs" mt="md">
      <Title order={6}>Right-of-access requests</Title>
      <ProblemAlert error={list.error} />
      {list.data && list.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          None recorded.
        </Text>
      ) : null}
      {list.data && list.data.length > 0 ? (
        <Table verticalSpacing={4} aria-label="Right-of-access requests">
          <Table.Tbody>
            {list.data.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>
                  <Text size="sm">Received {r.requestedOn}</Text>
                  <Text size="xs" c="dimmed">
                    Due {r.extendedTo ? `${r.extendedTo} (extended: ${r.extensionReason})` : r.dueBy}
                    {r.fulfilledOn ? ` · fulfilled ${r.fulfilledOn} (${r.fulfilledFormat})` : ''}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <StatusBadge tone={statusText[r.status][1]}>{statusText[r.status][0]}</StatusBadge>
                </Table.Td>
                <Table.Td>
                  {canWrite && !r.fulfilledOn ? (
                    <Group gap={4} wrap="nowrap">
                      <Popover width={280} withArrow trapFocus>
                        <Popover.Target>
                          <Button size="compact-xs" variant="subtle">
                            Fulfil
                          </Button>
                        </Popover.Target>
                        <Popover.Dropdown>
                          <NativeSelect
                            label="Given as"
                            data={[
                              { value: 'pdf', label: 'PDF summary' },
                              { value: 'fhir', label: 'FHIR file' },
                              { value: 'paper', label: 'Paper copy' },
                              { value: 'other', label: 'Other' },
                            ]}
                            value={format}
                            onChange={(e) => setFormat(e.currentTarget.value as typeof format)}
                            error={errors.fulfilledFormat}
                          />
                          <Button
                            size="xs"
                            mt="xs"
                            onClick={() =>
                              save.mutate(
                                { requestId: r.id, body: { fulfilledOn: today, fulfilledFormat: format } },
                                { onSuccess: done('Request marked fulfilled today') },
                              )
                            }
                          >
                            Fulfilled today
                          </Button>
                          {errors.fulfilledOn ? (
                            <Text size="xs" c="red">
                              {errors.fulfilledOn}
                            </Text>
                          ) : null}
                        </Popover.Dropdown>
                      </Popover>
                      {!r.extendedTo ? (
                        <Popover width={300} withArrow trapFocus>
                          <Popover.Target>
                            <Button size="compact-xs" variant="subtle">
                              Extend
                            </Button>
                          </Popover.Target>
                          <Popover.Dropdown>
                            <TextInput
                              label="Reason told to the patient"
                              value={reason}
                              onChange={(e) => setReason(e.currentTarget.value)}
                              error={errors.extensionReason}
                            />
                            <Button
                              size="xs"
                              mt="xs"
                              onClick={() =>
                                save.mutate(
                                  { requestId: r.id, body: { extensionReason: reason } },
                                  { onSuccess: done('Extended by 30 days: send the patient the written notice') },
                                )
                              }
                            >
                              Extend by 30 days
                            </Button>
                          </Popover.Dropdown>
                        </Popover>
                      ) : null}
                    </Group>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      {canWrite ? (
        <Group align="flex-end" gap="xs">
          <TextInput
            label="Request received on (YYYY-MM-DD)"
            size="xs"
            value={requestedOn}
            onChange={(e) => setRequestedOn(e.currentTarget.value)}
            error={errors.requestedOn}
          />
          <Button
            size="xs"
            variant="default"
            onClick={() =>
              save.mutate({ body: { requestedOn: requestedOn.trim() } }, { onSuccess: done('Request recorded: due in 30 days') })
            }
          >
            Record a request
          </Button>
        </Group>
      ) : null}
      <ProblemAlert
        error={save.error}
        title="Not saved"
        shownFields={['requestedOn', 'extensionReason', 'fulfilledOn', 'fulfilledFormat']}
      />
    </Stack>
  );
}
