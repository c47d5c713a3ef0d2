import type { ShiftType, StaffContract } from '@clinicops/contracts';
import { Alert, Badge, Button, Group, NumberInput, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useFieldErrors } from '../../lib/form-errors';
import { ProblemAlert } from '../../ui/problem-alert';
import { positionLabel } from './labels';
import { rosterSetupApi, useContract, useFacilityStaff, useRosterSetupMutation } from './setup-api';

const FIELDS = [
  'minMinutesPerWeek',
  'maxMinutesPerWeek',
  'maxConsecutiveShifts',
  'minConsecutiveShifts',
  'minConsecutiveDaysOff',
  'maxWeekendsPer4Weeks',
  'maxNightsPer4Weeks',
  'maxShiftsPer4Weeks',
] as const;
type Field = Exclude<(typeof FIELDS)[number], 'maxShiftsPer4Weeks'>;
type Values = Record<Field, number | string>;

const EMPLOYMENT: Record<StaffContract['employmentType'], string> = {
  full_time: 'full time',
  part_time: 'part time',
  per_diem: 'per diem',
};

/** A person's limits for the roster: their own, or their employment type's until set. */
export function ContractSetup({
  facilityId,
  shiftTypes,
  canEdit,
}: {
  facilityId: string;
  shiftTypes: readonly ShiftType[];
  canEdit: boolean;
}) {
  const positions = new Set(shiftTypes.flatMap((s) => s.positions));
  const staff = useFacilityStaff(facilityId);
  const [staffMemberId, setStaffMemberId] = useState<string | null>(null);
  const contract = useContract(staffMemberId);
  const people = (staff.data ?? [])
    .filter((s) => positions.has(s.position))
    .sort((a, b) => a.lastName.localeCompare(b.lastName) || a.firstName.localeCompare(b.firstName));
  return (
    <Stack gap="sm">
      <Select
        label="Person"
        description="Staff in the positions this unit rosters"
        placeholder="Choose a person"
        searchable
        w={360}
        data={people.map((p) => ({ value: p.id, label: `${p.firstName} ${p.lastName} (${positionLabel(p.position)})` }))}
        value={staffMemberId}
        onChange={setStaffMemberId}
      />
      <ProblemAlert error={staff.error ?? contract.error} title="Could not load" />
      {contract.data ? (
        <ContractForm key={contract.data.staffMemberId} contract={contract.data} shiftTypes={shiftTypes} canEdit={canEdit} />
      ) : null}
    </Stack>
  );
}

const hours = (minutes: number) => minutes / 60;

/** The stored per-type limits with this unit's codes replaced: a blank figure removes the limit. */
function withUnitLimits(stored: Readonly<Record<string, number>>, edited: Record<string, number | string>) {
  const out: Record<string, number> = { ...stored };
  for (const [code, n] of Object.entries(edited)) {
    if (n === '') delete out[code];
    else out[code] = Number(n);
  }
  return out;
}

function ContractForm({
  contract,
  shiftTypes,
  canEdit,
}: {
  contract: StaffContract;
  shiftTypes: readonly ShiftType[];
  canEdit: boolean;
}) {
  const [v, setV] = useState<Values>({
    minMinutesPerWeek: hours(contract.minMinutesPerWeek),
    maxMinutesPerWeek: hours(contract.maxMinutesPerWeek),
    maxConsecutiveShifts: contract.maxConsecutiveShifts,
    minConsecutiveShifts: contract.minConsecutiveShifts,
    minConsecutiveDaysOff: contract.minConsecutiveDaysOff,
    maxWeekendsPer4Weeks: contract.maxWeekendsPer4Weeks,
    maxNightsPer4Weeks: contract.maxNightsPer4Weeks ?? '',
  });
  // per shift type of this unit; limits on other units' codes are kept as they are
  const [perType, setPerType] = useState<Record<string, number | string>>(() =>
    Object.fromEntries(shiftTypes.map((s) => [s.code, contract.maxShiftsPer4Weeks[s.code] ?? ''])),
  );
  const fields = useFieldErrors(FIELDS);
  // hours on screen, minutes on the wire; the server checks ranges and names the field it refuses
  const save = useRosterSetupMutation(() =>
    rosterSetupApi.setContract(contract.staffMemberId, {
      minMinutesPerWeek: Math.round(Number(v.minMinutesPerWeek) * 60),
      maxMinutesPerWeek: Math.round(Number(v.maxMinutesPerWeek) * 60),
      maxConsecutiveShifts: Number(v.maxConsecutiveShifts),
      minConsecutiveShifts: Number(v.minConsecutiveShifts),
      minConsecutiveDaysOff: Number(v.minConsecutiveDaysOff),
      maxWeekendsPer4Weeks: Number(v.maxWeekendsPer4Weeks),
      maxNightsPer4Weeks: v.maxNightsPer4Weeks === '' ? null : Number(v.maxNightsPer4Weeks),
      maxShiftsPer4Weeks: withUnitLimits(contract.maxShiftsPer4Weeks, perType),
    }),
  );
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    fields.reset();
    save.mutate(undefined, {
      onSuccess: () => notifications.show({ color: 'green', message: 'Contract limits saved' }),
      onError: fields.fromError,
    });
  };
  const num = (field: Field, label: string, description: string, decimal = false) => (
    <NumberInput
      label={label}
      description={description}
      value={v[field]}
      allowDecimal={decimal}
      step={decimal ? 0.5 : 1}
      allowNegative={false}
      readOnly={!canEdit}
      error={fields.errors[field]}
      onChange={(x) => {
        setV((s) => ({ ...s, [field]: x }));
        fields.clearField(field);
      }}
    />
  );
  return (
    <form onSubmit={submit} noValidate aria-label="Contract limits">
      <Stack gap="sm" maw={720}>
        <Group gap="xs">
          <Text size="sm">Employment: {EMPLOYMENT[contract.employmentType]}</Text>
          {contract.isDefault ? (
            <Badge color="gray" variant="light">
              {EMPLOYMENT[contract.employmentType]} defaults
            </Badge>
          ) : (
            <Badge color="blue" variant="light">
              own limits
            </Badge>
          )}
        </Group>
        {contract.isDefault && canEdit ? (
          <Alert color="blue" variant="light">
            These are the defaults for {EMPLOYMENT[contract.employmentType]} staff. Saving stores limits of this person’s own.
          </Alert>
        ) : null}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {num('minMinutesPerWeek', 'Minimum hours a week', 'Leave and lapsed credentials lower it pro rata', true)}
          {num('maxMinutesPerWeek', 'Maximum hours a week', 'Averaged over the roster', true)}
          {num('maxConsecutiveShifts', 'Most shifts in a row', 'Then at least the days off below')}
          {num('minConsecutiveShifts', 'Fewest shifts in a row', '1: a single shift between days off is fine')}
          {num('minConsecutiveDaysOff', 'Fewest days off in a row', 'A single day off between shifts is 1')}
          {num('maxWeekendsPer4Weeks', 'Most weekends worked per 4 weeks', 'Saturday, Sunday or both count as one')}
          {num('maxNightsPer4Weeks', 'Most night shifts per 4 weeks', 'Blank: no limit')}
        </SimpleGrid>
        <Text size="sm" fw={500}>
          Most shifts of each type per 4 weeks
        </Text>
        <Group align="flex-start">
          {shiftTypes.map((s) => (
            <NumberInput
              key={s.id}
              w={160}
              label={`${s.code} ${s.name}`}
              placeholder="no limit"
              value={perType[s.code] ?? ''}
              allowDecimal={false}
              allowNegative={false}
              readOnly={!canEdit}
              onChange={(x) => {
                setPerType((p) => ({ ...p, [s.code]: x }));
                fields.clearField('maxShiftsPer4Weeks');
              }}
            />
          ))}
        </Group>
        {fields.errors.maxShiftsPer4Weeks ? (
          <Text size="sm" c="red">
            {fields.errors.maxShiftsPer4Weeks}
          </Text>
        ) : null}
        <ProblemAlert error={save.error} title="The limits were not saved" shownFields={fields.known} />
        {canEdit ? (
          <Button type="submit" w="fit-content" loading={save.isPending}>
            Save limits
          </Button>
        ) : null}
      </Stack>
    </form>
  );
}
