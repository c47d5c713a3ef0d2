import type { ReminderRun, ReminderSettings } from '@clinicops/contracts';
import { Button, Checkbox, Group, NumberInput, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { request } from '../../lib/api-client';
import { ProblemAlert } from '../../ui/problem-alert';

const settingsKey = ['scheduling', 'reminder-settings'];

/** When reminders go out (hours before the start) and over which channels. Editing is the manager's. */
export function ReminderSettingsPanel({ canEdit, canRun }: { canEdit: boolean; canRun: boolean }) {
  const qc = useQueryClient();
  const settings = useQuery({
    queryKey: settingsKey,
    queryFn: () => request<ReminderSettings>('GET', '/api/scheduling/reminder-settings'),
  });
  const [hours, setHours] = useState<{ key: number; h: number | string }[]>([]);
  const [nextKey, setNextKey] = useState(100);
  const [email, setEmail] = useState(true);
  const [sms, setSms] = useState(true);
  useEffect(() => {
    if (!settings.data) return;
    setHours(settings.data.offsetsMinutes.map((m, key) => ({ key, h: m / 60 })));
    setEmail(settings.data.emailEnabled);
    setSms(settings.data.smsEnabled);
  }, [settings.data]);
  const save = useMutation({
    mutationFn: (body: ReminderSettings) => request<ReminderSettings>('PUT', '/api/scheduling/reminder-settings', { body }),
    onSuccess: (v) => {
      qc.setQueryData(settingsKey, v);
      notifications.show({ color: 'green', message: 'Reminder settings saved' });
    },
  });
  // what the five-minute job does, now: nothing already queued is queued again
  const run = useMutation({
    mutationFn: () => request<ReminderRun>('POST', '/api/scheduling/reminders/run'),
    onSuccess: (r) =>
      notifications.show({
        color: 'green',
        message: `${r.emails} reminder email${r.emails === 1 ? '' : 's'} and ${r.sms} text${r.sms === 1 ? '' : 's'} queued; ${r.skippedNoConsent} patient${r.skippedNoConsent === 1 ? '' : 's'} without consent skipped`,
      }),
  });
  const offsets = hours.filter((r) => r.h !== '').map((r) => Math.round(Number(r.h) * 60));
  return (
    <Paper withBorder p="md" maw={560}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          Appointment reminders
        </Title>
        <Text size="sm" c="dimmed">
          Patients who agreed to email or text messages get a reminder this many hours before each appointment, with a link to
          confirm or cancel. Reminders say the date, the time and the clinic, never the reason for the visit.
        </Text>
        <ProblemAlert error={settings.error ?? save.error ?? run.error} title="Reminder settings" />
        {hours.map((row, i) => (
          <Group key={row.key} gap="xs" align="end">
            <NumberInput
              label={`Reminder ${i + 1}: hours before`}
              min={0.25}
              max={336}
              step={1}
              decimalScale={2}
              value={row.h}
              disabled={!canEdit}
              onChange={(v) => setHours(hours.map((x) => (x.key === row.key ? { key: x.key, h: v } : x)))}
              w={200}
            />
            {canEdit ? (
              <Button variant="subtle" color="red" onClick={() => setHours(hours.filter((x) => x.key !== row.key))}>
                Remove
              </Button>
            ) : null}
          </Group>
        ))}
        {canEdit && hours.length < 5 ? (
          <Button
            variant="default"
            w="fit-content"
            onClick={() => {
              setHours([...hours, { key: nextKey, h: 24 }]);
              setNextKey(nextKey + 1);
            }}
          >
            Add a reminder
          </Button>
        ) : null}
        <Checkbox label="Send by email" checked={email} disabled={!canEdit} onChange={(e) => setEmail(e.currentTarget.checked)} />
        <Checkbox
          label="Send by text message (development outbox: no SMS provider is connected)"
          checked={sms}
          disabled={!canEdit}
          onChange={(e) => setSms(e.currentTarget.checked)}
        />
        {canEdit ? (
          <Button
            w="fit-content"
            loading={save.isPending}
            onClick={() => save.mutate({ offsetsMinutes: offsets, emailEnabled: email, smsEnabled: sms })}
          >
            Save reminders
          </Button>
        ) : (
          <Text size="sm" c="dimmed">
            Only an office manager changes these.
          </Text>
        )}
        {canRun ? (
          <Button variant="default" w="fit-content" loading={run.isPending} onClick={() => run.mutate()}>
            Send due reminders now
          </Button>
        ) : null}
      </Stack>
    </Paper>
  );
}
