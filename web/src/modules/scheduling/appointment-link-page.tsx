import type { AppointmentLinkAction, AppointmentLinkView } from '@clinicops/contracts';
import { Alert, Button, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconCalendarCheck, IconCalendarX } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { ApiError } from '../../lib/api';
import { request } from '../../lib/api-client';

// The page behind a reminder's link: the patient confirms or cancels without signing in. The
// signed token in the URL is the credential; the server says when it is changed or expired.

const linkApi = {
  read: (token: string) =>
    request<AppointmentLinkView>('GET', `/api/appointment-links/${encodeURIComponent(token)}`, { expectUnauthenticated: true }),
  act: (token: string, action: AppointmentLinkAction) =>
    request<AppointmentLinkView>('POST', `/api/appointment-links/${encodeURIComponent(token)}/${action}`, {
      expectUnauthenticated: true,
    }),
};

const when = (v: AppointmentLinkView) =>
  new Intl.DateTimeFormat('en-US', {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone: v.timeZone,
    timeZoneName: 'short',
  }).format(new Date(v.startsAt));

const message = (e: unknown) => (e instanceof ApiError ? (e.detail ?? e.title) : 'Something went wrong. Please call the office.');

export function AppointmentLinkPage() {
  const { token = '' } = useParams();
  const qc = useQueryClient();
  const [asking, setAsking] = useState<AppointmentLinkAction | null>(null);
  const view = useQuery({ queryKey: ['appointment-link', token], queryFn: () => linkApi.read(token), retry: false });
  const act = useMutation({
    mutationFn: (action: AppointmentLinkAction) => linkApi.act(token, action),
    onSuccess: (v) => {
      qc.setQueryData(['appointment-link', token], v);
      setAsking(null);
    },
  });
  const v = view.data;
  return (
    <Center mih="100vh" p="md">
      <Paper withBorder p="xl" radius="md" maw={520} w="100%">
        <Stack>
          <Title order={1} size="h2">
            Your appointment
          </Title>
          {view.isPending ? <Text>Loading…</Text> : null}
          {view.isError ? (
            <Alert color="red" title="This link cannot be used">
              {message(view.error)}
            </Alert>
          ) : null}
          {v ? (
            <>
              <Text size="lg" fw={600}>
                {when(v)}
              </Text>
              <Text>
                {v.facilityName} · {v.providerName}
              </Text>
              {v.status === 'confirmed' ? (
                <Alert color="green" icon={<IconCalendarCheck aria-hidden />} title="Confirmed">
                  Thank you: we expect you then. If you cannot come after all, cancel below or call the office.
                </Alert>
              ) : null}
              {v.status === 'cancelled' ? (
                <Alert color="gray" icon={<IconCalendarX aria-hidden />} title="Cancelled">
                  This appointment is cancelled. To book another time, please call the office.
                </Alert>
              ) : null}
              {v.status === 'past' ? <Alert color="gray">This appointment can no longer be changed here.</Alert> : null}
              {act.isError ? <Alert color="red">{message(act.error)}</Alert> : null}
              {v.status === 'booked' || v.status === 'confirmed' ? (
                asking === 'cancel' ? (
                  <Stack gap="xs">
                    <Text>Cancel this appointment? The time will be offered to someone else.</Text>
                    <Group>
                      <Button color="red" loading={act.isPending} onClick={() => act.mutate('cancel')}>
                        Yes, cancel it
                      </Button>
                      <Button variant="default" onClick={() => setAsking(null)}>
                        Keep it
                      </Button>
                    </Group>
                  </Stack>
                ) : (
                  <Group>
                    {v.status === 'booked' ? (
                      <Button loading={act.isPending} onClick={() => act.mutate('confirm')}>
                        Confirm I will come
                      </Button>
                    ) : null}
                    <Button variant="default" color="red" onClick={() => setAsking('cancel')}>
                      Cancel appointment
                    </Button>
                  </Group>
                )
              ) : null}
            </>
          ) : null}
        </Stack>
      </Paper>
    </Center>
  );
}
