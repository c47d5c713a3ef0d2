import { RetentionSettings } from '@clinicops/contracts';
import { Alert, Button, Group, Modal, NumberInput, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useFieldErrors, validate } from '../../lib/form-errors';
import { ProblemAlert } from '../../ui/problem-alert';
import { useRetentionSettings, useSaveRetentionSettings } from './records-api';

const FIELDS = ['adultYearsAfterLastEncounter', 'ageOfMajority', 'minorYearsAfterMajority', 'sourceNote'] as const;

/** The organization's retention rules (a manager's setting); nothing is purged by them. */
export function RetentionSettingsModal({ onClose }: { onClose: () => void }) {
  const current = useRetentionSettings(true);
  return (
    <Modal opened onClose={onClose} title="Record retention settings" size="lg">
      {current.data ? <Form initial={current.data} onClose={onClose} /> : <ProblemAlert error={current.error} />}
    </Modal>
  );
}

function Form({ initial, onClose }: { initial: RetentionSettings & { customized: boolean }; onClose: () => void }) {
  const [v, setV] = useState({
    adultYearsAfterLastEncounter: initial.adultYearsAfterLastEncounter as number | string,
    ageOfMajority: initial.ageOfMajority as number | string,
    minorYearsAfterMajority: initial.minorYearsAfterMajority as number | string,
    sourceNote: initial.sourceNote ?? '',
  });
  const fields = useFieldErrors(FIELDS);
  const save = useSaveRetentionSettings();
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const r = validate(RetentionSettings, {
      adultYearsAfterLastEncounter: Number(v.adultYearsAfterLastEncounter),
      ageOfMajority: Number(v.ageOfMajority),
      minorYearsAfterMajority: Number(v.minorYearsAfterMajority),
      sourceNote: v.sourceNote.trim() || null,
    });
    if (!r.ok) return fields.setErrors(r.errors);
    fields.reset();
    save.mutate(r.data, {
      onSuccess: () => {
        notifications.show({ color: 'green', message: 'Retention settings saved' });
        onClose();
      },
      onError: fields.fromError,
    });
  };
  const num = (
    key: 'adultYearsAfterLastEncounter' | 'ageOfMajority' | 'minorYearsAfterMajority',
    label: string,
    description: string,
  ) => (
    <NumberInput
      label={label}
      description={description}
      value={v[key]}
      allowDecimal={false}
      error={fields.errors[key]}
      onChange={(x) => setV((s) => ({ ...s, [key]: x }))}
    />
  );
  return (
    <form onSubmit={submit} noValidate aria-label="Retention settings">
      <Stack>
        {!initial.customized ? (
          <Alert color="yellow">
            These are the defaults: 6 years is the HIPAA documentation period (45 CFR 164.316(b)(2)). How long medical records
            must be kept is set by state law and payer rules: enter your state's figures.
          </Alert>
        ) : null}
        {num('adultYearsAfterLastEncounter', 'Years kept after the last visit', 'For patients seen as adults')}
        {num('ageOfMajority', 'Age of majority', 'Usually 18')}
        {num('minorYearsAfterMajority', 'Years kept after a minor comes of age', 'The later of this and the adult rule applies')}
        <Textarea
          label="Source of these figures"
          description="The statute or policy, for the next inspection"
          value={v.sourceNote}
          error={fields.errors.sourceNote}
          onChange={(e) => setV((s) => ({ ...s, sourceNote: e.currentTarget.value }))}
          autosize
          minRows={2}
        />
        <Text size="xs" c="dimmed">
          Records are never deleted automatically: the date shown on each record says from when it may be destroyed under this
          policy.
        </Text>
        <ProblemAlert error={save.error} title="The settings were not saved" shownFields={fields.known} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            Save settings
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
