import { CreateCredentialRequest } from '@clinicops/contracts';
import { Button, Checkbox, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useFieldErrors, validate } from '../../lib/form-errors';
import { ProblemAlert } from '../../ui/problem-alert';
import { useAddCredential, useCredentialTypes } from './use-staff';

const FIELDS = ['credentialTypeId', 'number', 'issuingState', 'issuingBody', 'issuedOn', 'expiresOn'] as const;
const empty = {
  credentialTypeId: '',
  number: '',
  issuingState: '',
  issuingBody: '',
  issuedOn: '',
  expiresOn: '',
  multistate: false,
};
type Values = typeof empty;

// Dates are typed as YYYY-MM-DD (a native date input), so a licence's dates are never shifted by
// the browser's time zone.
export function AddCredentialModal({ staffId, opened, onClose }: { staffId: string; opened: boolean; onClose: () => void }) {
  const [values, setValues] = useState(empty);
  const fields = useFieldErrors(FIELDS);
  const add = useAddCredential(staffId);
  const types = useCredentialTypes();
  const options = (types.data ?? []).filter((t) => t.category !== 'facility').map((t) => ({ value: t.id, label: t.name }));

  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    fields.clearField(key);
  };
  const close = () => {
    setValues(empty);
    fields.reset();
    add.reset();
    onClose();
  };
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const v = validate(CreateCredentialRequest, {
      credentialTypeId: values.credentialTypeId || undefined,
      number: values.number,
      issuingState: values.issuingState.trim().toUpperCase() || undefined,
      issuingBody: values.issuingBody.trim() || undefined,
      multistate: values.multistate,
      issuedOn: values.issuedOn || undefined,
      // Empty: the server fills it in where the catalogue knows the rule (AHA cards, CLIA).
      expiresOn: values.expiresOn || undefined,
    });
    if (!v.ok) return fields.setErrors(v.errors);
    fields.reset();
    add.mutate(v.data, {
      onSuccess: (c) => {
        notifications.show({ color: 'green', message: `${c.typeName} recorded` });
        close();
      },
      onError: fields.fromError,
    });
  };

  return (
    <Modal opened={opened} onClose={close} title="Add credential" size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Select
            label="Credential"
            data={options}
            value={values.credentialTypeId || null}
            onChange={(v) => set('credentialTypeId', v ?? '')}
            error={fields.errors.credentialTypeId}
            searchable
            required
            data-autofocus
          />
          <TextInput
            label="Number"
            value={values.number}
            onChange={(e) => set('number', e.currentTarget.value)}
            error={fields.errors.number}
            required
          />
          <Group grow>
            <TextInput
              label="Issuing state"
              description="Two letters, e.g. OH"
              maxLength={2}
              value={values.issuingState}
              onChange={(e) => set('issuingState', e.currentTarget.value)}
              error={fields.errors.issuingState}
            />
            <TextInput
              label="Issuing body"
              value={values.issuingBody}
              onChange={(e) => set('issuingBody', e.currentTarget.value)}
              error={fields.errors.issuingBody}
            />
          </Group>
          <Checkbox
            label="Multistate (Nurse Licensure Compact) licence"
            checked={values.multistate}
            onChange={(e) => set('multistate', e.currentTarget.checked)}
          />
          <Group grow>
            <TextInput
              type="date"
              label="Issued on"
              value={values.issuedOn}
              onChange={(e) => set('issuedOn', e.currentTarget.value)}
              error={fields.errors.issuedOn}
              required
            />
            <TextInput
              type="date"
              label="Expires on"
              value={values.expiresOn}
              onChange={(e) => set('expiresOn', e.currentTarget.value)}
              error={fields.errors.expiresOn}
            />
          </Group>
          <ProblemAlert error={add.error} title="The credential was not recorded" shownFields={fields.known} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={add.isPending}>
              Add credential
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
