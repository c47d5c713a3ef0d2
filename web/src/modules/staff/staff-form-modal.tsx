import {
  CreateStaffRequest,
  type EmploymentType,
  type Shift,
  type StaffDetail,
  StaffPosition,
  UpdateStaffRequest,
} from '@clinicops/contracts';
import { Button, Checkbox, Group, Modal, NativeSelect, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useFieldErrors, validate } from '../../lib/form-errors';
import { isoDateIn } from '../../lib/format';
import { ProblemAlert } from '../../ui/problem-alert';
import { ALL_FACILITIES, useFacilityScope } from '../shell';
import { employmentLabels, positionLabels, shiftLabels } from './credential-state';
import { npiMessage } from './npi';
import { useCreateStaff, useUpdateStaff } from './use-staff';

const FIELDS = [
  'firstName',
  'lastName',
  'position',
  'employmentType',
  'flsaExempt',
  'facilityId',
  'department',
  'shift',
  'hireDate',
  'terminationDate',
  'npi',
  'dateOfBirth',
  'formerLastNames',
] as const;

type Values = {
  firstName: string;
  lastName: string;
  position: StaffPosition | '';
  employmentType: EmploymentType;
  flsaExempt: boolean;
  facilityId: string;
  department: string;
  shift: Shift | '';
  hireDate: string;
  terminationDate: string;
  npi: string;
  dateOfBirth: string;
  /** comma-separated in the form */
  formerLastNames: string;
};

const positionOptions = [
  { value: '', label: 'Choose a position', disabled: true },
  ...StaffPosition.options.map((p) => ({ value: p, label: positionLabels[p] })),
];
const employmentOptions = Object.entries(employmentLabels).map(([value, label]) => ({ value, label }));
const shiftOptions = [
  { value: '', label: 'No fixed shift' },
  ...Object.entries(shiftLabels).map(([value, label]) => ({ value, label })),
];

function initialValues(person: StaffDetail | undefined, facilityId: string, today: string): Values {
  if (person) {
    return {
      firstName: person.firstName,
      lastName: person.lastName,
      position: person.position,
      employmentType: person.employmentType,
      flsaExempt: person.flsaExempt,
      facilityId: person.facilityId,
      department: person.department ?? '',
      shift: person.shift ?? '',
      hireDate: person.hireDate,
      terminationDate: person.terminationDate ?? '',
      npi: person.npi ?? '',
      dateOfBirth: person.screeningIdentity?.dateOfBirth ?? '',
      formerLastNames: person.screeningIdentity?.formerLastNames.join(', ') ?? '',
    };
  }
  return {
    firstName: '',
    lastName: '',
    position: '',
    employmentType: 'full_time',
    flsaExempt: false,
    facilityId,
    department: '',
    shift: '',
    hireDate: today,
    terminationDate: '',
    npi: '',
    dateOfBirth: '',
    formerLastNames: '',
  };
}

/**
 * Adds a staff member, or edits one when `person` is given. The contract's schema checks the form
 * in the browser and the NPI check digit is checked as the server does; whatever the server still
 * refuses comes back under the field it names.
 */
export function StaffFormModal({
  person,
  opened,
  onClose,
  onCreated,
}: {
  person?: StaffDetail;
  opened: boolean;
  onClose: () => void;
  onCreated?: (id: string) => void;
}) {
  const { facilityId, facilities, timeZone } = useFacilityScope();
  const defaultFacility = facilityId !== ALL_FACILITIES ? facilityId : facilities.length === 1 ? (facilities[0]?.id ?? '') : '';
  const fresh = () => initialValues(person, defaultFacility, isoDateIn(timeZone));
  const [values, setValues] = useState<Values>(fresh);
  const fields = useFieldErrors(FIELDS);
  const create = useCreateStaff();
  const update = useUpdateStaff(person?.id ?? '');
  const mutation = person ? update : create;
  const facilityOptions = [
    { value: '', label: 'Choose a facility', disabled: true },
    ...facilities.map((f) => ({ value: f.id, label: f.name })),
  ];

  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    fields.clearField(key);
  };
  const close = () => {
    setValues(fresh());
    fields.reset();
    create.reset();
    update.reset();
    onClose();
  };

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const npi = values.npi.replace(/\s+/g, '');
    const body = {
      firstName: values.firstName,
      lastName: values.lastName,
      position: values.position || undefined,
      employmentType: values.employmentType,
      flsaExempt: values.flsaExempt,
      facilityId: values.facilityId || undefined,
      department: values.department.trim() || null,
      shift: values.shift || null,
      hireDate: values.hireDate || undefined,
      npi: npi || null,
      dateOfBirth: values.dateOfBirth || null,
      formerLastNames: values.formerLastNames
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean),
      ...(person ? { terminationDate: values.terminationDate || null } : {}),
    };
    const v = person ? validate(UpdateStaffRequest, body) : validate(CreateStaffRequest, body);
    const errors = v.ok ? {} : { ...v.errors };
    // Required on both forms even though a change may leave them out of the request.
    if (!values.position) errors.position ??= 'Choose a position';
    if (!values.facilityId) errors.facilityId ??= 'Choose a facility';
    if (!values.hireDate) errors.hireDate ??= 'Required';
    const npiError = npi ? npiMessage(npi) : null;
    if (npiError) errors.npi = npiError;
    if (values.terminationDate && values.hireDate && values.terminationDate < values.hireDate) {
      errors.terminationDate = 'Must not be before the hire date';
    }
    if (values.dateOfBirth && values.dateOfBirth >= isoDateIn(timeZone)) errors.dateOfBirth = 'Must be in the past';
    // "formerLastNames.0" and the like: shown under the one input they share
    for (const key of Object.keys(errors)) {
      if (key.startsWith('formerLastNames.')) errors.formerLastNames ??= errors[key] ?? '';
    }
    if (!v.ok || Object.keys(errors).length > 0) return fields.setErrors(errors);
    fields.reset();
    const onError = fields.fromError;
    if (person) {
      update.mutate(v.data as UpdateStaffRequest, {
        onSuccess: (p) => {
          notifications.show({ color: 'green', message: `${p.firstName} ${p.lastName} was updated` });
          close();
        },
        onError,
      });
    } else {
      create.mutate(v.data as CreateStaffRequest, {
        onSuccess: (p) => {
          notifications.show({ color: 'green', message: `${p.firstName} ${p.lastName} was added` });
          close();
          onCreated?.(p.id);
        },
        onError,
      });
    }
  };

  return (
    <Modal opened={opened} onClose={close} title={person ? 'Edit staff member' : 'Add staff member'} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Group grow align="flex-start">
            <TextInput
              label="First name"
              value={values.firstName}
              onChange={(e) => set('firstName', e.currentTarget.value)}
              error={fields.errors.firstName}
              required
              data-autofocus
            />
            <TextInput
              label="Last name"
              value={values.lastName}
              onChange={(e) => set('lastName', e.currentTarget.value)}
              error={fields.errors.lastName}
              required
            />
          </Group>
          <Group grow align="flex-start">
            <NativeSelect
              label="Position"
              data={positionOptions}
              value={values.position}
              onChange={(e) => set('position', e.currentTarget.value as StaffPosition)}
              error={fields.errors.position}
              required
            />
            <NativeSelect
              label="Facility"
              data={facilityOptions}
              value={values.facilityId}
              onChange={(e) => set('facilityId', e.currentTarget.value)}
              error={fields.errors.facilityId}
              required
            />
          </Group>
          <Group grow align="flex-start">
            <NativeSelect
              label="Employment type"
              data={employmentOptions}
              value={values.employmentType}
              onChange={(e) => set('employmentType', e.currentTarget.value as EmploymentType)}
              error={fields.errors.employmentType}
              required
            />
            <NativeSelect
              label="Shift"
              data={shiftOptions}
              value={values.shift}
              onChange={(e) => set('shift', e.currentTarget.value as Shift | '')}
              error={fields.errors.shift}
            />
          </Group>
          <Checkbox
            label="Exempt from overtime (FLSA exempt)"
            description="Salaried managers and professionals; leave unchecked for hourly staff."
            checked={values.flsaExempt}
            onChange={(e) => set('flsaExempt', e.currentTarget.checked)}
            error={fields.errors.flsaExempt}
          />
          <Group grow align="flex-start">
            <TextInput
              type="date"
              label="Hire date"
              value={values.hireDate}
              onChange={(e) => set('hireDate', e.currentTarget.value)}
              error={fields.errors.hireDate}
              required
            />
            {person ? (
              <TextInput
                type="date"
                label="Termination date"
                description="Leave empty while employed"
                value={values.terminationDate}
                onChange={(e) => set('terminationDate', e.currentTarget.value)}
                error={fields.errors.terminationDate}
              />
            ) : (
              <TextInput
                label="Department"
                value={values.department}
                onChange={(e) => set('department', e.currentTarget.value)}
                error={fields.errors.department}
              />
            )}
          </Group>
          {person ? (
            <TextInput
              label="Department"
              value={values.department}
              onChange={(e) => set('department', e.currentTarget.value)}
              error={fields.errors.department}
            />
          ) : null}
          <TextInput
            label="NPI"
            description="National Provider Identifier, 10 digits; for providers who bill"
            inputMode="numeric"
            autoComplete="off"
            maxLength={12}
            value={values.npi}
            onChange={(e) => set('npi', e.currentTarget.value)}
            onBlur={() => {
              const npi = values.npi.replace(/\s+/g, '');
              const message = npi ? npiMessage(npi) : null;
              if (message) fields.setErrors((prev) => ({ ...prev, npi: message }));
            }}
            error={fields.errors.npi}
          />
          <Group grow align="flex-start">
            <TextInput
              type="date"
              label="Date of birth"
              description="Searched in exclusion screening (OIG LEIE)"
              autoComplete="off"
              value={values.dateOfBirth}
              onChange={(e) => set('dateOfBirth', e.currentTarget.value)}
              error={fields.errors.dateOfBirth}
            />
            <TextInput
              label="Former names"
              description="Maiden or other earlier last names, separated by commas"
              autoComplete="off"
              value={values.formerLastNames}
              onChange={(e) => set('formerLastNames', e.currentTarget.value)}
              error={fields.errors.formerLastNames}
            />
          </Group>
          <ProblemAlert
            error={mutation.error}
            title={person ? 'The changes were not saved' : 'The staff member was not added'}
            shownFields={fields.known}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {person ? 'Save changes' : 'Add staff member'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
