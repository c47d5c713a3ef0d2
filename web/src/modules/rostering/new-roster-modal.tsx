import type { RosterSummary, RosterUnit } from '@clinicops/contracts';
import { Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ProblemAlert } from '../../ui/problem-alert';
import { weeksLabel } from './labels';
import { addDaysTo, overlapping, startDateError, suggestedStart, weekdayName } from './new-roster';
import { rosteringApi, rosteringKey } from './use-rostering';

const WEEKS = Array.from({ length: 8 }, (_, i) => ({ value: String(i + 1), label: i === 0 ? '1 week' : `${i + 1} weeks` }));

/**
 * A new roster for a unit: any start day (a Sunday-to-Saturday schedule, or the first day of a pay
 * period), whole weeks. The start defaults to the day after the unit's latest roster.
 */
export function NewRosterModal({
  units,
  rosters,
  onCreated,
  onClose,
}: {
  units: readonly RosterUnit[];
  rosters: readonly RosterSummary[];
  onCreated: (rosterId: string) => void;
  onClose: () => void;
}) {
  const qc = useQueryClient();
  const today = new Date().toLocaleDateString('en-CA');
  const [unitId, setUnit] = useState<string | null>(units[0]?.id ?? null);
  const [startDate, setStart] = useState(() => suggestedStart(rosters, units[0]?.id ?? null, today));
  const [weeks, setWeeks] = useState<string | null>('4');
  const dateError = startDateError(startDate);
  const days = Number(weeks ?? 4) * 7;
  const create = useMutation({
    mutationFn: () => rosteringApi.create({ unitId: unitId ?? '', startDate, days }),
    onSuccess: async (r) => {
      await qc.invalidateQueries({ queryKey: [...rosteringKey, 'list'] });
      onCreated(r.id);
    },
  });
  return (
    <Modal opened onClose={onClose} title="New roster">
      <Stack gap="sm">
        <Select
          label="Unit"
          data={units.map((u) => ({ value: u.id, label: u.name }))}
          value={unitId}
          onChange={(id) => {
            setUnit(id);
            setStart(suggestedStart(rosters, id, today));
          }}
          allowDeselect={false}
        />
        <Group grow align="flex-start">
          <TextInput
            type="date"
            label="Starts on"
            value={startDate}
            onChange={(e) => setStart(e.currentTarget.value)}
            error={dateError}
          />
          <Select label="Length" data={WEEKS} value={weeks} onChange={setWeeks} allowDeselect={false} />
        </Group>
        {dateError ? null : (
          <Text size="sm" c="dimmed">
            {weekdayName(startDate)} {startDate} to {weekdayName(addDaysTo(startDate, days - 1))} {addDaysTo(startDate, days - 1)}
          </Text>
        )}
        {dateError
          ? null
          : overlapping(rosters, unitId, startDate, days).map((r) => (
              <Text key={r.id} size="sm" c="orange.8">
                Shares days with the {r.status} roster from {r.startDate} ({weeksLabel(r.days)}). Once published, the newer roster
                is what people see on those days.
              </Text>
            ))}
        <ProblemAlert error={create.error} title="Could not create the roster" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button disabled={!unitId || !!dateError} loading={create.isPending} onClick={() => create.mutate()}>
            Create roster
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
