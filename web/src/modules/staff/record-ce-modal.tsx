import { type CeRecord, CreateCeRecordRequest, type StaffDetail } from '@clinicops/contracts';
import { Button, Group, Modal, NativeSelect, NumberInput, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useFieldErrors, validate } from '../../lib/form-errors';
import { isoDateIn } from '../../lib/format';
import { ProblemAlert } from '../../ui/problem-alert';
import { useFacilityScope } from '../shell';
import { useAddCeRecord } from './use-staff';

const FIELDS = ['completedOn', 'provider', 'title', 'units', 'category', 'credentialId'] as const;

export const ceCategoryLabels: Record<CeRecord['category'], string> = {
  approved: 'Approved by the certifying body',
  recognized: 'Recognized (other accredited provider)',
  general: 'General',
};
const categoryOptions = Object.entries(ceCategoryLabels).map(([value, label]) => ({ value, label }));

type Values = {
  completedOn: string;
  provider: string;
  title: string;
  units: number | string;
  category: CeRecord['category'];
  credentialId: string;
};

/** Continuing education counts towards one credential's cycle, or towards all of them when left general. */
export function RecordCeModal({ person, opened, onClose }: { person: StaffDetail; opened: boolean; onClose: () => void }) {
  const { timeZone } = useFacilityScope();
  const fresh = (): Values => ({
    completedOn: isoDateIn(timeZone),
    provider: '',
    title: '',
    units: '',
    category: 'approved',
    credentialId: '',
  });
  const [values, setValues] = useState<Values>(fresh);
  const fields = useFieldErrors(FIELDS);
  const add = useAddCeRecord(person.id);
  // Left general, the units count towards every credential's cycle (as the server's progress does).
  const credentialOptions = [
    { value: '', label: 'Every credential of this person' },
    ...person.credentials.filter((c) => c.status === 'active').map((c) => ({ value: c.id, label: `${c.typeName} ${c.number}` })),
  ];

  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    fields.clearField(key);
  };
  const close = () => {
    setValues(fresh());
    fields.reset();
    add.reset();
    onClose();
  };
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const v = validate(CreateCeRecordRequest, {
      completedOn: values.completedOn || undefined,
      provider: values.provider,
      title: values.title,
      units: values.units === '' ? undefined : Number(values.units),
      category: values.category,
      credentialId: values.credentialId || null,
    });
    if (!v.ok) return fields.setErrors(v.errors);
    if (v.data.completedOn > isoDateIn(timeZone)) return fields.setErrors({ completedOn: 'Must not be in the future' });
    fields.reset();
    add.mutate(v.data, {
      onSuccess: (r) => {
        notifications.show({ color: 'green', message: `${r.units} CE unit${r.units === 1 ? '' : 's'} recorded` });
        close();
      },
      onError: fields.fromError,
    });
  };

  return (
    <Modal opened={opened} onClose={close} title={`Record CE for ${person.firstName} ${person.lastName}`} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label="Course or activity"
            value={values.title}
            onChange={(e) => set('title', e.currentTarget.value)}
            error={fields.errors.title}
            required
            data-autofocus
          />
          <TextInput
            label="Provider"
            description="Who offered it, e.g. the state nurses association"
            value={values.provider}
            onChange={(e) => set('provider', e.currentTarget.value)}
            error={fields.errors.provider}
            required
          />
          <Group grow align="flex-start">
            <TextInput
              type="date"
              label="Completed on"
              value={values.completedOn}
              onChange={(e) => set('completedOn', e.currentTarget.value)}
              error={fields.errors.completedOn}
              required
            />
            <NumberInput
              label="Units"
              description="Contact hours or credits"
              min={0.25}
              max={100}
              step={0.5}
              decimalScale={2}
              value={values.units}
              onChange={(v) => set('units', v)}
              error={fields.errors.units}
              required
            />
          </Group>
          <NativeSelect
            label="Category"
            data={categoryOptions}
            value={values.category}
            onChange={(e) => set('category', e.currentTarget.value as CeRecord['category'])}
            error={fields.errors.category}
            required
          />
          <NativeSelect
            label="Counts towards"
            data={credentialOptions}
            value={values.credentialId}
            onChange={(e) => set('credentialId', e.currentTarget.value)}
            error={fields.errors.credentialId}
          />
          <ProblemAlert error={add.error} title="The CE was not recorded" shownFields={fields.known} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={add.isPending}>
              Record CE
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
