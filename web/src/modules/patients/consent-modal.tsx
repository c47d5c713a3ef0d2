import { CreateConsentRequest, consentKinds } from '@clinicops/contracts';
import { Button, Group, Modal, NativeSelect, Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useFieldErrors, validate } from '../../lib/form-errors';
import { isoDateIn } from '../../lib/format';
import { ProblemAlert } from '../../ui/problem-alert';
import { useDateFormat } from '../shell';
import { explainDates } from './date-errors';
import { consentKindLabels } from './labels';
import { useAddConsent } from './patients-api';

const FIELDS = ['kind', 'signedOn', 'note'] as const;

/** Mounted while open. Defaults to what the desk records most: the NPP acknowledgment, signed today. */
export function ConsentModal({ patientId, onClose }: { patientId: string; onClose: () => void }) {
  const { timeZone } = useDateFormat();
  const [values, setValues] = useState({ kind: 'npp', signedOn: isoDateIn(timeZone), note: '' });
  const fields = useFieldErrors(FIELDS);
  const add = useAddConsent(patientId);

  const set = (key: keyof typeof values, value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    fields.clearField(key);
  };

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const v = validate(CreateConsentRequest, {
      kind: values.kind,
      signedOn: values.signedOn.trim(),
      note: values.note.trim() === '' ? null : values.note.trim(),
    });
    if (!v.ok) return fields.setErrors(explainDates(v.errors, values, ['signedOn']));
    fields.reset();
    add.mutate(v.data, {
      onSuccess: (c) => {
        notifications.show({ color: 'green', message: `${consentKindLabels[c.kind]} recorded` });
        onClose();
      },
      onError: fields.fromError,
    });
  };

  return (
    <Modal opened onClose={onClose} title="Record a consent or acknowledgment">
      <form onSubmit={submit} noValidate aria-label="Add consent">
        <Stack>
          <NativeSelect
            label="Kind"
            data={consentKinds.map((k) => ({ value: k, label: consentKindLabels[k] }))}
            value={values.kind}
            error={fields.errors.kind}
            onChange={(e) => set('kind', e.currentTarget.value)}
            data-autofocus
            required
          />
          <TextInput
            label="Signed on (YYYY-MM-DD)"
            value={values.signedOn}
            error={fields.errors.signedOn}
            onChange={(e) => set('signedOn', e.currentTarget.value)}
            required
          />
          <Textarea
            label="Note"
            description="Optional, e.g. signed by a guardian"
            value={values.note}
            error={fields.errors.note}
            onChange={(e) => set('note', e.currentTarget.value)}
            autosize
            minRows={2}
          />
          <ProblemAlert error={add.error} title="The consent was not recorded" shownFields={fields.known} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={add.isPending}>
              Record consent
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
