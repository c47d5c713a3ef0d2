import { BreakGlassRequest } from '@clinicops/contracts';
import { Alert, Button, Group, NumberInput, Stack, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertOctagon } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { authApi } from '../../lib/api';
import { useFieldErrors, validate } from '../../lib/form-errors';
import { ProblemAlert } from '../../ui/problem-alert';
import { useSession, useSetMe } from '../auth';
import { useDateFormat } from '../shell';
import { Section } from './section';

/**
 * Break-the-glass: temporary access beyond the user's role for a clinical emergency. It is
 * logged with the reason and reviewed afterwards, which is why the reason is mandatory.
 */
export function BreakGlassForm() {
  const { me } = useSession();
  const setMe = useSetMe();
  const fmt = useDateFormat();
  const [reason, setReason] = useState('');
  const [minutes, setMinutes] = useState<number | string>(60);
  const fields = useFieldErrors(['reason', 'minutes']);
  const start = useMutation({
    mutationFn: authApi.startBreakGlass,
    onSuccess: (fresh) => {
      setMe(fresh);
      setReason('');
      notifications.show({ color: 'red', message: 'Emergency access is active and being recorded' });
    },
    onError: fields.fromError,
  });

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const v = validate(BreakGlassRequest, { reason, minutes: minutes === '' ? undefined : Number(minutes) });
    if (!v.ok) return fields.setErrors(v.errors);
    fields.reset();
    start.mutate(v.data);
  };

  return (
    <Section
      title="Emergency access"
      description="Only for an emergency in which you need patient information your role does not normally show. Everything you open is recorded and reviewed by the compliance officer."
    >
      {me.breakGlass ? (
        <Alert color="red" icon={<IconAlertOctagon aria-hidden />} title="Emergency access is active">
          Until {fmt.dateTime(me.breakGlass.expiresAt)}. Reason: {me.breakGlass.reason}
        </Alert>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack maw={560}>
            <Textarea
              label="Reason"
              description="Who needs care and why normal access is not enough (at least 10 characters). Do not include diagnoses."
              autosize
              minRows={3}
              value={reason}
              onChange={(e) => {
                setReason(e.currentTarget.value);
                fields.clearField('reason');
              }}
              error={fields.errors.reason}
              required
            />
            <NumberInput
              label="Minutes"
              description="How long the access lasts (5 to 240)"
              min={5}
              max={240}
              step={5}
              allowDecimal={false}
              value={minutes}
              onChange={(v) => {
                setMinutes(v);
                fields.clearField('minutes');
              }}
              error={fields.errors.minutes}
              w={200}
            />
            <ProblemAlert error={start.error} title="Emergency access was not started" shownFields={fields.known} />
            <Group>
              <Button
                type="submit"
                color="red"
                loading={start.isPending}
                leftSection={<IconAlertOctagon size={16} aria-hidden />}
              >
                Start emergency access
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Section>
  );
}
