import { type RosterUnit, type ShiftType, type StaffPosition, staffPositions } from '@clinicops/contracts';
import { Badge, Button, Group, Modal, MultiSelect, NumberInput, Stack, Table, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useFieldErrors } from '../../lib/form-errors';
import { ProblemAlert } from '../../ui/problem-alert';
import { endLabel, hoursLabel, positionLabel } from './labels';
import { rosterSetupApi, useRosterSetupMutation } from './setup-api';

const FIELDS = ['code', 'name', 'startTime', 'minutes', 'positions'] as const;
const POSITIONS = staffPositions.map((p) => ({ value: p, label: positionLabel(p) }));

/** The unit's shifts: code, name, start and length, who works them, and the rest between them. */
export function ShiftTypesSetup({ unit, shiftTypes, canEdit }: { unit: RosterUnit; shiftTypes: ShiftType[]; canEdit: boolean }) {
  const [editing, setEditing] = useState<ShiftType | 'new' | null>(null);
  return (
    <Stack gap="sm">
      <RestSetting key={`${unit.id}-${unit.minRestMinutes}`} unit={unit} canEdit={canEdit} />
      {canEdit ? (
        <Button w="fit-content" onClick={() => setEditing('new')}>
          Add a shift type
        </Button>
      ) : null}
      <Table striped aria-label="Shift types">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Code</Table.Th>
            <Table.Th>Name</Table.Th>
            <Table.Th>Starts</Table.Th>
            <Table.Th>Length</Table.Th>
            <Table.Th>Ends</Table.Th>
            <Table.Th>Worked by</Table.Th>
            <Table.Th>Not followed next day by</Table.Th>
            {canEdit ? <Table.Th>Change</Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shiftTypes.map((s) => (
            <Table.Tr key={s.id}>
              <Table.Td fw={600}>{s.code}</Table.Td>
              <Table.Td>{s.name}</Table.Td>
              <Table.Td>{s.startTime}</Table.Td>
              <Table.Td>{hoursLabel(s.minutes)}</Table.Td>
              <Table.Td>{endLabel(s.startTime, s.minutes)}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {s.positions.map((p) => (
                    <Badge key={p} variant="light" size="sm">
                      {positionLabel(p)}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>{s.notFollowedBy?.length ? s.notFollowedBy.join(', ') : '–'}</Table.Td>
              {canEdit ? (
                <Table.Td>
                  <Button size="xs" variant="default" onClick={() => setEditing(s)} aria-label={`Edit shift ${s.code}`}>
                    Edit
                  </Button>
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {editing ? (
        <ShiftTypeModal unitId={unit.id} shiftType={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      ) : null}
    </Stack>
  );
}

/**
 * The unit's minimum rest between the end of one shift and the start of the next. Which shift may
 * not follow which (the table's last column) is derived from it on the server.
 */
function RestSetting({ unit, canEdit }: { unit: RosterUnit; canEdit: boolean }) {
  const [hours, setHours] = useState<number | string>(unit.minRestMinutes / 60);
  const fields = useFieldErrors(['minRestMinutes']);
  const save = useRosterSetupMutation(() =>
    rosterSetupApi.updateUnit(unit.id, { minRestMinutes: Math.round(Number(hours) * 60) }),
  );
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    fields.reset();
    save.mutate(undefined, {
      onSuccess: () => notifications.show({ color: 'green', message: 'Minimum rest saved' }),
      onError: fields.fromError,
    });
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Minimum rest">
      <Group align="flex-end">
        <NumberInput
          label="Minimum rest between shifts (hours)"
          description="A shift that leaves less rest before the next day's shift is never rostered right before it"
          w={420}
          value={hours}
          step={0.5}
          allowNegative={false}
          readOnly={!canEdit}
          error={fields.errors.minRestMinutes}
          onChange={(v) => {
            setHours(v);
            fields.clearField('minRestMinutes');
          }}
        />
        {canEdit ? (
          <Button type="submit" variant="default" loading={save.isPending} disabled={Number(hours) * 60 === unit.minRestMinutes}>
            Save rest
          </Button>
        ) : null}
      </Group>
      <ProblemAlert error={save.error} title="The rest was not saved" shownFields={fields.known} />
    </form>
  );
}

type Draft = { code: string; name: string; startTime: string; minutes: number | string; positions: string[] };

function ShiftTypeModal({ unitId, shiftType, onClose }: { unitId: string; shiftType: ShiftType | null; onClose: () => void }) {
  const [d, setD] = useState<Draft>(
    shiftType
      ? { ...shiftType, positions: [...shiftType.positions] }
      : { code: '', name: '', startTime: '07:00', minutes: 480, positions: [] },
  );
  const fields = useFieldErrors(FIELDS);
  // The server's contract checks every field; its 400 names them and they are shown in place.
  const save = useRosterSetupMutation(() => {
    const body = {
      name: d.name,
      startTime: d.startTime,
      minutes: Number(d.minutes),
      positions: d.positions as StaffPosition[],
    };
    return shiftType
      ? rosterSetupApi.updateShiftType(shiftType.id, body)
      : rosterSetupApi.createShiftType({ ...body, unitId, code: d.code.trim().toUpperCase() });
  });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    fields.reset();
    save.mutate(undefined, {
      onSuccess: (s) => {
        notifications.show({ color: 'green', message: `Shift ${s.code} saved` });
        onClose();
      },
      onError: fields.fromError,
    });
  };
  const set = (patch: Partial<Draft>, field: (typeof FIELDS)[number]) => {
    setD((prev) => ({ ...prev, ...patch }));
    fields.clearField(field);
  };
  return (
    <Modal opened onClose={onClose} title={shiftType ? `Edit shift ${shiftType.code}` : 'Add a shift type'}>
      <form onSubmit={submit} noValidate aria-label="Shift type">
        <Stack gap="sm">
          <Group grow align="flex-start">
            <TextInput
              label="Code"
              description="1 to 4 capital letters or digits"
              value={d.code}
              disabled={!!shiftType}
              error={fields.errors.code}
              onChange={(e) => set({ code: e.currentTarget.value }, 'code')}
            />
            <TextInput
              label="Name"
              description="As staff say it"
              value={d.name}
              error={fields.errors.name}
              onChange={(e) => set({ name: e.currentTarget.value }, 'name')}
            />
          </Group>
          <Group grow align="flex-start">
            <TextInput
              type="time"
              label="Starts at"
              value={d.startTime}
              error={fields.errors.startTime}
              onChange={(e) => set({ startTime: e.currentTarget.value }, 'startTime')}
            />
            <NumberInput
              label="Length (minutes)"
              description={typeof d.minutes === 'number' && d.minutes > 0 ? hoursLabel(d.minutes) : '60 to 1440'}
              value={d.minutes}
              allowDecimal={false}
              error={fields.errors.minutes}
              onChange={(v) => set({ minutes: v }, 'minutes')}
            />
          </Group>
          <MultiSelect
            label="Worked by"
            description="The positions that may be rostered on it"
            data={POSITIONS}
            value={d.positions}
            searchable
            error={fields.errors.positions}
            onChange={(v) => set({ positions: v }, 'positions')}
          />
          <ProblemAlert error={save.error} title="The shift type was not saved" shownFields={fields.known} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save shift type
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
