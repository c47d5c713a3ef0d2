import { type Encounter, encounterClasses, encounterStatuses } from '@clinicops/contracts';
import {
  ActionIcon,
  Alert,
  Button,
  Group,
  Modal,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { ProblemAlert } from '../../ui/problem-alert';
import { useSession } from '../auth';
import { useEncounterProviders, useSaveEncounter } from './encounters-api';
import { encounterFieldErrors } from './field-keys';
import { classLabels, statusLabels } from './labels';
import { isoToWallTime, wallTimeToIso } from './zoned-time';

type DxRow = { code: string; description: string };
type PxRow = { code: string; modifiers: string; units: string; pointers: string };
type Values = {
  facilityId: string;
  providerId: string;
  status: Encounter['status'];
  class: Encounter['class'];
  startsAt: string;
  endsAt: string;
  reason: string;
  diagnoses: DxRow[];
  procedures: PxRow[];
};

const list = (s: string) => s.split(/[\s,;]+/).filter(Boolean);

function initial(e: Encounter | undefined, facilityId: string, timeZone: string): Values {
  if (!e) {
    return {
      facilityId,
      providerId: '',
      status: 'finished',
      class: 'ambulatory',
      startsAt: isoToWallTime(new Date().toISOString(), timeZone),
      endsAt: '',
      reason: '',
      diagnoses: [{ code: '', description: '' }],
      procedures: [{ code: '', modifiers: '', units: '1', pointers: '1' }],
    };
  }
  return {
    facilityId: e.facilityId,
    providerId: e.providerId ?? '',
    status: e.status,
    class: e.class,
    startsAt: isoToWallTime(e.startsAt, timeZone),
    endsAt: e.endsAt ? isoToWallTime(e.endsAt, timeZone) : '',
    reason: e.reason ?? '',
    diagnoses: e.diagnoses.map((d) => ({ code: d.display, description: d.description ?? '' })),
    procedures: e.procedures.map((p) => ({
      code: p.code,
      modifiers: p.modifiers.join(', '),
      units: String(p.units),
      pointers: p.diagnosisPointers.join(', '),
    })),
  };
}

/** Create or edit an encounter; every field (and every code row) shows its own message. */
export function EncounterModal(props: { patientId: string; encounter?: Encounter | undefined; onClose: () => void }) {
  const { me } = useSession();
  const firstFacility = me.facilities[0];
  const zoneOf = (facilityId: string) =>
    me.facilities.find((f) => f.id === facilityId)?.timeZone ?? firstFacility?.timeZone ?? 'UTC';
  const [values, setValues] = useState<Values>(() =>
    initial(props.encounter, firstFacility?.id ?? '', zoneOf(props.encounter?.facilityId ?? firstFacility?.id ?? '')),
  );
  const [local, setLocal] = useState<Record<string, string>>({});
  const providers = useEncounterProviders(true);
  const save = useSaveEncounter(props.patientId);
  const errors = { ...encounterFieldErrors(save.error), ...local };
  const timeZone = zoneOf(values.facilityId);

  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));
  const setDx = (i: number, patch: Partial<DxRow>) =>
    set(
      'diagnoses',
      values.diagnoses.map((d, j) => (j === i ? { ...d, ...patch } : d)),
    );
  const setPx = (i: number, patch: Partial<PxRow>) =>
    set(
      'procedures',
      values.procedures.map((p, j) => (j === i ? { ...p, ...patch } : p)),
    );

  const submit = (ev: React.FormEvent) => {
    ev.preventDefault();
    const problems: Record<string, string> = {};
    const startsAt = wallTimeToIso(values.startsAt, timeZone);
    if (!startsAt) problems.startsAt = 'Enter the start as a date and time';
    const endsAt = values.endsAt.trim() ? wallTimeToIso(values.endsAt, timeZone) : null;
    if (values.endsAt.trim() && !endsAt) problems.endsAt = 'Enter the end as a date and time';
    const procedures = values.procedures
      .filter((p) => p.code.trim() !== '')
      .map((p, i) => {
        const pointers = list(p.pointers).map(Number);
        if (pointers.some((n) => !Number.isInteger(n))) {
          problems[`procedures[${i}].diagnosisPointers`] = 'Pointers are diagnosis numbers, e.g. 1, 2';
        }
        const units = Number(p.units || '1');
        if (!Number.isInteger(units)) problems[`procedures[${i}].units`] = 'Units are a whole number from 1 to 999';
        return { code: p.code.trim(), modifiers: list(p.modifiers), units, diagnosisPointers: pointers };
      });
    setLocal(problems);
    if (Object.keys(problems).length > 0 || !startsAt) return;
    const body = {
      providerId: values.providerId || null,
      status: values.status,
      class: values.class,
      startsAt,
      endsAt,
      reason: values.reason.trim() || null,
      diagnoses: values.diagnoses
        .filter((d) => d.code.trim() !== '')
        .map((d) => ({ code: d.code.trim(), description: d.description.trim() || null })),
      procedures,
    };
    const onSuccess = (saved: Encounter) => {
      notifications.show({
        color: saved.warnings.length > 0 ? 'yellow' : 'green',
        message: saved.warnings[0] ?? (props.encounter ? 'Encounter saved' : 'Encounter recorded'),
        autoClose: saved.warnings.length > 0 ? false : 4000,
      });
      props.onClose();
    };
    if (props.encounter) save.mutate({ encounterId: props.encounter.id, body }, { onSuccess });
    else save.mutate({ body: { ...body, facilityId: values.facilityId } }, { onSuccess });
  };

  const providerOptions = [
    { value: '', label: '— not recorded —' },
    ...(providers.data ?? [])
      .filter((p) => p.facilityId === values.facilityId || p.id === values.providerId)
      .map((p) => ({ value: p.id, label: `${p.name} (${p.position.replaceAll('_', ' ')})` })),
  ];
  const shown = Object.keys(errors);

  return (
    <Modal opened onClose={props.onClose} title={props.encounter ? 'Edit encounter' : 'New encounter'} size="xl">
      <form onSubmit={submit} noValidate aria-label={props.encounter ? 'Edit encounter' : 'New encounter'}>
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect
              label="Facility"
              data={me.facilities.map((f) => ({ value: f.id, label: f.name }))}
              value={values.facilityId}
              disabled={props.encounter !== undefined}
              error={errors.facilityId}
              onChange={(e) => set('facilityId', e.currentTarget.value)}
            />
            <NativeSelect
              label="Provider"
              data={providerOptions}
              value={values.providerId}
              error={errors.providerId}
              onChange={(e) => set('providerId', e.currentTarget.value)}
            />
            <NativeSelect
              label="Status"
              data={encounterStatuses.map((s) => ({ value: s, label: statusLabels[s] }))}
              value={values.status}
              error={errors.status}
              onChange={(e) => set('status', e.currentTarget.value as Values['status'])}
            />
            <NativeSelect
              label="Class"
              data={encounterClasses.map((c) => ({ value: c, label: classLabels[c] }))}
              value={values.class}
              error={errors.class}
              onChange={(e) => set('class', e.currentTarget.value as Values['class'])}
            />
            <TextInput
              type="datetime-local"
              label={`Start (${timeZone})`}
              value={values.startsAt}
              error={errors.startsAt}
              onChange={(e) => set('startsAt', e.currentTarget.value)}
              required
            />
            <TextInput
              type="datetime-local"
              label={`End (${timeZone})`}
              value={values.endsAt}
              error={errors.endsAt}
              onChange={(e) => set('endsAt', e.currentTarget.value)}
            />
          </SimpleGrid>
          <Textarea
            label="Reason for visit"
            value={values.reason}
            error={errors.reason}
            onChange={(e) => set('reason', e.currentTarget.value)}
            autosize
            minRows={1}
          />

          <Group justify="space-between">
            <Title order={6}>Diagnoses (ICD-10-CM)</Title>
            <Button
              size="xs"
              variant="light"
              leftSection={<IconPlus size={14} aria-hidden />}
              onClick={() => set('diagnoses', [...values.diagnoses, { code: '', description: '' }])}
              disabled={values.diagnoses.length >= 12}
            >
              Add diagnosis
            </Button>
          </Group>
          {errors.diagnoses ? (
            <Text c="red" size="sm">
              {errors.diagnoses}
            </Text>
          ) : null}
          {values.diagnoses.map((d, i) => (
            <Group key={`dx-${i.toString()}`} align="flex-start" wrap="nowrap">
              <Text w={20} mt={8} fw={600} aria-hidden>
                {i + 1}
              </Text>
              <TextInput
                aria-label={`Diagnosis ${i + 1} code`}
                placeholder="E11.9"
                w={130}
                value={d.code}
                error={errors[`diagnoses[${i}].code`]}
                onChange={(e) => setDx(i, { code: e.currentTarget.value })}
              />
              <TextInput
                aria-label={`Diagnosis ${i + 1} description`}
                placeholder="Description (optional)"
                style={{ flex: 1 }}
                value={d.description}
                error={errors[`diagnoses[${i}].description`]}
                onChange={(e) => setDx(i, { description: e.currentTarget.value })}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                mt={4}
                aria-label={`Remove diagnosis ${i + 1}`}
                onClick={() =>
                  set(
                    'diagnoses',
                    values.diagnoses.filter((_, j) => j !== i),
                  )
                }
              >
                <IconTrash size={16} aria-hidden />
              </ActionIcon>
            </Group>
          ))}

          <Group justify="space-between">
            <Title order={6}>Procedures (CPT / HCPCS)</Title>
            <Button
              size="xs"
              variant="light"
              leftSection={<IconPlus size={14} aria-hidden />}
              onClick={() => set('procedures', [...values.procedures, { code: '', modifiers: '', units: '1', pointers: '1' }])}
            >
              Add procedure
            </Button>
          </Group>
          {errors.procedures ? (
            <Text c="red" size="sm">
              {errors.procedures}
            </Text>
          ) : null}
          {values.procedures.map((p, i) => (
            <Group key={`px-${i.toString()}`} align="flex-start" wrap="nowrap">
              <TextInput
                aria-label={`Procedure ${i + 1} code`}
                placeholder="99213"
                w={110}
                value={p.code}
                error={errors[`procedures[${i}].code`]}
                onChange={(e) => setPx(i, { code: e.currentTarget.value })}
              />
              <TextInput
                aria-label={`Procedure ${i + 1} modifiers`}
                placeholder="Modifiers: 25"
                w={150}
                value={p.modifiers}
                error={errors[`procedures[${i}].modifiers`]}
                onChange={(e) => setPx(i, { modifiers: e.currentTarget.value })}
              />
              <TextInput
                aria-label={`Procedure ${i + 1} units`}
                w={80}
                value={p.units}
                error={errors[`procedures[${i}].units`]}
                onChange={(e) => setPx(i, { units: e.currentTarget.value })}
              />
              <TextInput
                aria-label={`Procedure ${i + 1} diagnosis pointers`}
                placeholder="Dx: 1, 2"
                style={{ flex: 1 }}
                value={p.pointers}
                error={errors[`procedures[${i}].diagnosisPointers`]}
                onChange={(e) => setPx(i, { pointers: e.currentTarget.value })}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                mt={4}
                aria-label={`Remove procedure ${i + 1}`}
                onClick={() =>
                  set(
                    'procedures',
                    values.procedures.filter((_, j) => j !== i),
                  )
                }
              >
                <IconTrash size={16} aria-hidden />
              </ActionIcon>
            </Group>
          ))}
          <Text size="xs" c="dimmed">
            Codes are checked for their format (ICD-10-CM: E11.9; CPT: 99213, 3044F, 0042T; HCPCS: G0439), modifiers are 2
            characters (at most 4), units 1-999, and each procedure points at 1 to 4 of the diagnoses above by number.
          </Text>
          {props.encounter?.warnings.length ? <Alert color="yellow">{props.encounter.warnings.join(' ')}</Alert> : null}
          <ProblemAlert error={save.error} title="The encounter was not saved" shownFields={shown} />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {props.encounter ? 'Save encounter' : 'Record encounter'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
