import { CreatePatientRequest, sexesAtBirth } from '@clinicops/contracts';
import { Alert, Button, Group, Modal, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ApiError } from '../../lib/api-client';
import { useFieldErrors, validate } from '../../lib/form-errors';
import { ProblemAlert } from '../../ui/problem-alert';
import { useSession } from '../auth';
import { explainDates } from './date-errors';
import { sexAtBirthLabels } from './labels';
import { useCreatePatient } from './patients-api';

const FIELDS = ['facilityId', 'givenName', 'familyName', 'dateOfBirth', 'sexAtBirth', 'phone', 'email', 'ssn'] as const;
type Values = Record<(typeof FIELDS)[number], string>;
const empty: Values = {
  facilityId: '',
  givenName: '',
  familyName: '',
  dateOfBirth: '',
  sexAtBirth: '',
  phone: '',
  email: '',
  ssn: '',
};

export function RegisterPatientModal(props: { opened: boolean; onClose: () => void; onCreated: (id: string) => void }) {
  const { me } = useSession();
  const [values, setValues] = useState<Values>({ ...empty, facilityId: me.facilities[0]?.id ?? '' });
  // Set when the server answered "possible duplicates": the next submit confirms.
  const [duplicateWarning, setDuplicateWarning] = useState(false);
  const fields = useFieldErrors(FIELDS);
  const create = useCreatePatient();

  const set = (key: keyof Values, value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    fields.clearField(key);
    setDuplicateWarning(false);
  };
  const close = () => {
    setValues({ ...empty, facilityId: me.facilities[0]?.id ?? '' });
    setDuplicateWarning(false);
    fields.reset();
    create.reset();
    props.onClose();
  };

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const optional = (s: string) => (s.trim() === '' ? undefined : s.trim());
    const v = validate(CreatePatientRequest, {
      facilityId: values.facilityId,
      givenName: values.givenName,
      familyName: values.familyName,
      dateOfBirth: values.dateOfBirth,
      sexAtBirth: values.sexAtBirth || undefined,
      phone: optional(values.phone),
      email: optional(values.email),
      ssn: optional(values.ssn),
      confirmNotDuplicate: duplicateWarning || undefined,
    });
    if (!v.ok) return fields.setErrors(explainDates(v.errors, values, ['dateOfBirth']));
    create.mutate(v.data, {
      onSuccess: (patient) => {
        close();
        props.onCreated(patient.id);
      },
      onError: (err) => {
        if (err instanceof ApiError && err.code === 'possible_duplicates') setDuplicateWarning(true);
        else fields.fromError(err);
      },
    });
  };

  const input = (key: keyof Values, label: string, extra: object = {}) => (
    <TextInput
      label={label}
      value={values[key]}
      error={fields.errors[key]}
      onChange={(e) => set(key, e.currentTarget.value)}
      {...extra}
    />
  );

  return (
    <Modal opened={props.opened} onClose={close} title="Register patient" size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Select
            label="Facility"
            data={me.facilities.map((f) => ({ value: f.id, label: f.name }))}
            value={values.facilityId}
            error={fields.errors.facilityId}
            onChange={(v) => set('facilityId', v ?? '')}
            required
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {input('givenName', 'Legal given name', { required: true })}
            {input('familyName', 'Legal family name', { required: true })}
            {input('dateOfBirth', 'Date of birth (YYYY-MM-DD)', { required: true, placeholder: '1984-03-07' })}
            <Select
              label="Sex at birth"
              data={sexesAtBirth.map((s) => ({ value: s, label: sexAtBirthLabels[s] }))}
              value={values.sexAtBirth || null}
              error={fields.errors.sexAtBirth}
              onChange={(v) => set('sexAtBirth', v ?? '')}
              required
            />
            {input('phone', 'Phone', { type: 'tel' })}
            {input('email', 'Email', { type: 'email' })}
            {input('ssn', 'SSN (optional, stored encrypted)', { autoComplete: 'off' })}
          </SimpleGrid>
          {duplicateWarning ? (
            <Alert color="yellow" title="This patient may already be registered">
              Patients with a similar name, the same date of birth, phone or SSN exist. Search for them first; if this is a
              different person, choose "Register anyway". A record registered twice by mistake can be joined later: open the
              record to keep and choose "Merge a duplicate…".
            </Alert>
          ) : null}
          <ProblemAlert
            error={duplicateWarning ? null : create.error}
            title="Could not register the patient"
            shownFields={FIELDS}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending} color={duplicateWarning ? 'yellow' : undefined}>
              {duplicateWarning ? 'Register anyway' : 'Register'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
