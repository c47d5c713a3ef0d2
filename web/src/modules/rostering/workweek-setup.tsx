import { type WeekdayName, type Workweek, weekdayNames, workweekLabel } from '@clinicops/contracts';
import { Button, Group, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useFieldErrors } from '../../lib/form-errors';
import { ProblemAlert } from '../../ui/problem-alert';
import { useFacilityScope } from '../shell';
import { rosterSetupApi, useRosterSetupMutation, useWorkweek } from './setup-api';

const FIELDS = ['startDay', 'startHour'] as const;
const DAYS = weekdayNames.map((d) => ({ value: d, label: `${d.charAt(0).toUpperCase()}${d.slice(1)}` }));
const HOURS = Array.from({ length: 24 }, (_, h) => ({ value: String(h), label: `${String(h).padStart(2, '0')}:00` }));

/**
 * When the facility's FLSA workweek begins (29 CFR 778.105: any day, any hour): the overtime
 * projection counts hours over 40 in it. A facility setting, shown with the unit's setup because
 * rosters are where overtime is seen; it applies to every unit of the facility.
 */
export function WorkweekSetup({ facilityId, canEdit }: { facilityId: string; canEdit: boolean }) {
  const workweek = useWorkweek(facilityId);
  const { facilities } = useFacilityScope();
  const name = facilities.find((f) => f.id === facilityId)?.name ?? 'this facility';
  return (
    <Stack gap="sm" maw={640}>
      <Text size="sm">
        Overtime is projected for hours over 40 in {name}’s workweek: seven days from the day and hour it begins. A shift that
        crosses the start counts its hours in each week, and hours already worked on published rosters before a roster count
        toward its first week. A roster may start on any day; weekends are Saturday and Sunday whatever the workweek.
      </Text>
      <ProblemAlert error={workweek.error} title="The workweek could not be loaded" />
      {/* keyed by the facility only: a remount when the saved value comes back would drop the save's notice */}
      {workweek.data ? <WorkweekForm key={facilityId} saved={workweek.data} canEdit={canEdit} /> : null}
    </Stack>
  );
}

function WorkweekForm({ saved, canEdit }: { saved: Workweek; canEdit: boolean }) {
  const [day, setDay] = useState<WeekdayName>(saved.startDay);
  const [hour, setHour] = useState(saved.startHour);
  const fields = useFieldErrors(FIELDS);
  const save = useRosterSetupMutation(() => rosterSetupApi.setWorkweek(saved.facilityId, { startDay: day, startHour: hour }));
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    fields.reset();
    save.mutate(undefined, {
      onSuccess: (w) => notifications.show({ color: 'green', message: `Workweek saved: from ${workweekLabel(w)}` }),
      onError: fields.fromError,
    });
  };
  const unchanged = day === saved.startDay && hour === saved.startHour;
  return (
    <form onSubmit={submit} noValidate aria-label="Workweek">
      <Group align="flex-end">
        <Select
          label="Workweek starts on"
          w={200}
          data={DAYS}
          value={day}
          allowDeselect={false}
          readOnly={!canEdit}
          error={fields.errors.startDay}
          onChange={(v) => {
            if (v) setDay(v as WeekdayName);
            fields.clearField('startDay');
          }}
        />
        <Select
          label="at"
          description="local time"
          w={120}
          data={HOURS}
          value={String(hour)}
          allowDeselect={false}
          readOnly={!canEdit}
          error={fields.errors.startHour}
          onChange={(v) => {
            if (v !== null) setHour(Number(v));
            fields.clearField('startHour');
          }}
        />
        {canEdit ? (
          <Button type="submit" variant="default" loading={save.isPending} disabled={unchanged}>
            Save workweek
          </Button>
        ) : null}
      </Group>
      {canEdit ? null : (
        <Text size="sm" c="dimmed" mt="xs">
          Only an office manager changes the workweek.
        </Text>
      )}
      <ProblemAlert error={save.error} title="The workweek was not saved" shownFields={fields.known} />
    </form>
  );
}
