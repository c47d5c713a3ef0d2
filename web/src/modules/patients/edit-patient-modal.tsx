import { type Patient, patientStatuses, sexesAtBirth, UpdatePatientRequest } from '@clinicops/contracts';
import { Button, Group, Modal, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useFieldErrors, validate } from '../../lib/form-errors';
import { ProblemAlert } from '../../ui/problem-alert';
import { explainDates } from './date-errors';
import { givenFamily, sexAtBirthLabels } from './labels';
import { useUpdatePatient } from './patients-api';

const FIELDS = [
  'givenName',
  'familyName',
  'preferredName',
  'dateOfBirth',
  'sexAtBirth',
  'status',
  'phone',
  'email',
  'ssn',
] as const;
type Values = Record<(typeof FIELDS)[number], string>;

const valuesOf = (p: Patient): Values => ({
  // Unknown (null, a record received over FHIR) opens blank: the front desk asks and fills it in.
  givenName: p.givenName ?? '',
  familyName: p.familyName ?? '',
  preferredName: p.preferredName ?? '',
  dateOfBirth: p.dateOfBirth ?? '',
  sexAtBirth: p.sexAtBirth,
  status: p.status,
  phone: p.phone ?? '',
  email: p.email ?? '',
  ssn: '',
});

const statusLabels: Record<Patient['status'], string> = {
  active: 'Active',
  inactive: 'Inactive',
  deceased: 'Deceased',
  merged: 'Merged',
};

/** Mounted while editing, so each opening starts from the record as it is now. */
export function EditPatientModal({ patient, onClose }: { patient: Patient; onClose: () => void }) {
  const [values, setValues] = useState<Values>(() => valuesOf(patient));
  const fields = useFieldErrors(FIELDS);
  const update = useUpdatePatient(patient.id);

  const set = (key: keyof Values, value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    fields.clearField(key);
  };

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    // An emptied optional field clears it; the SSN is write-only (its form value starts empty), so
    // empty means "keep".
    const optional = (s: string) => (s.trim() === '' ? null : s.trim());
    // Only what changed goes to the server, so the audit trail names the fields really edited.
    const original = valuesOf(patient);
    const changed = Object.fromEntries(
      (Object.keys(values) as (keyof Values)[])
        .filter((k) => values[k].trim() !== original[k])
        .map((k) => [k, k === 'givenName' || k === 'familyName' || k === 'dateOfBirth' ? values[k].trim() : optional(values[k])]),
    );
    const v = validate(UpdatePatientRequest, changed);
    if (!v.ok) return fields.setErrors(explainDates(v.errors, values, ['dateOfBirth']));
    fields.reset();
    if (Object.keys(v.data).length === 0) return onClose();
    update.mutate(v.data, {
      onSuccess: (saved) => {
        notifications.show({ color: 'green', message: `${givenFamily(saved)}: changes saved` });
        onClose();
      },
      onError: fields.fromError,
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
    <Modal opened onClose={onClose} title={`Edit ${givenFamily(patient)} (MRN ${patient.mrn})`} size="lg">
      <form onSubmit={submit} noValidate aria-label="Edit patient">
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {input('givenName', 'Legal given name', { required: true, 'data-autofocus': true })}
            {input('familyName', 'Legal family name', { required: true })}
            {input('preferredName', 'Preferred name')}
            {input('dateOfBirth', 'Date of birth (YYYY-MM-DD)', { required: true, placeholder: '1984-03-07' })}
            <NativeSelect
              label="Sex at birth"
              data={sexesAtBirth.map((s) => ({ value: s, label: sexAtBirthLabels[s] }))}
              value={values.sexAtBirth}
              error={fields.errors.sexAtBirth}
              onChange={(e) => set('sexAtBirth', e.currentTarget.value)}
              required
            />
            <NativeSelect
              label="Status"
              data={patientStatuses.map((s) => ({ value: s, label: statusLabels[s] }))}
              value={values.status}
              error={fields.errors.status}
              onChange={(e) => set('status', e.currentTarget.value)}
            />
            {input('phone', 'Phone', { type: 'tel' })}
            {input('email', 'Email', { type: 'email' })}
            {input('ssn', 'New SSN', {
              autoComplete: 'off',
              description: patient.ssnLast4
                ? `On file: •••-••-${patient.ssnLast4}. Leave empty to keep it.`
                : 'Optional, stored encrypted.',
            })}
          </SimpleGrid>
          <ProblemAlert error={update.error} title="The changes were not saved" shownFields={fields.known} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={update.isPending}>
              Save changes
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
