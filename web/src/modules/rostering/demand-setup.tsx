import type { ShiftType } from '@clinicops/contracts';
import { Button, Group, NumberInput, SegmentedControl, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo, useState } from 'react';
import { apiFieldErrors } from '../../lib/form-errors';
import { ProblemAlert } from '../../ui/problem-alert';
import { DemandExceptions } from './demand-exceptions';
import {
  cellOf,
  type DemandColumn,
  demandChanges,
  demandRows,
  effectiveDemand,
  storedDemand,
  WEEKDAYS,
  weekdayOf,
} from './demand-matrix';
import { positionLabel } from './labels';
import { rosterSetupApi, useDemand, useRosterSetupMutation } from './setup-api';

// the browser's calendar date (en-CA writes YYYY-MM-DD), a starting point for picking a date
const todayIso = () => new Date().toLocaleDateString('en-CA');

/**
 * How many of each position every shift needs: the weekly pattern, or one date's exception (a
 * holiday, an inspection day). Figures are typed in place and saved together.
 */
export function DemandSetup({ unitId, shiftTypes, canEdit }: { unitId: string; shiftTypes: ShiftType[]; canEdit: boolean }) {
  const demand = useDemand(unitId);
  const [mode, setMode] = useState<'week' | 'date'>('week');
  const [date, setDate] = useState(todayIso);
  const [edits, setEdits] = useState<Map<string, number | null>>(new Map());
  const [failed, setFailed] = useState<{ cell: string; message: string } | null>(null);
  const stored = useMemo(() => storedDemand(demand.data ?? []), [demand.data]);
  const changes = demandChanges(stored, edits);
  const columns: { column: DemandColumn; label: string }[] =
    mode === 'week'
      ? WEEKDAYS.map((label, weekday) => ({ column: { weekday }, label }))
      : /^\d{4}-\d\d-\d\d$/.test(date)
        ? [{ column: { date }, label: `${WEEKDAYS[weekdayOf(date)]} ${date}` }]
        : [];
  const save = useRosterSetupMutation(async () => {
    setFailed(null);
    // one figure at a time, so a refused one is shown on its own cell and the rest are kept
    for (const change of changes) {
      const cell = cellOf(
        change.shiftTypeId,
        change.position,
        change.onDate ? { date: change.onDate } : { weekday: change.weekday ?? 0 },
      );
      try {
        await rosterSetupApi.setDemand(change);
      } catch (error) {
        const fields = apiFieldErrors(error);
        setFailed({ cell, message: Object.values(fields)[0] ?? 'Not saved' });
        throw error;
      }
      setEdits((prev) => {
        const next = new Map(prev);
        next.delete(cell);
        return next;
      });
    }
    return changes.length;
  });
  const submit = () =>
    save.mutate(undefined, {
      onSuccess: (n) => notifications.show({ color: 'green', message: `Demand saved: ${n} figure${n === 1 ? '' : 's'}` }),
    });

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        How many of each position a shift needs. The roster’s coverage rows and the solver use these figures; a date’s own figure
        replaces its weekday’s.
      </Text>
      <Group align="flex-end">
        <SegmentedControl
          value={mode}
          onChange={(v) => setMode(v as 'week' | 'date')}
          data={[
            { value: 'week', label: 'Every week' },
            { value: 'date', label: 'One date' },
          ]}
        />
        {mode === 'date' ? (
          <TextInput type="date" label="Date" value={date} onChange={(e) => setDate(e.currentTarget.value)} />
        ) : null}
      </Group>
      <ProblemAlert error={demand.error} title="Could not load the demand" />
      {/* figures typed before the stored ones arrive would be compared with nothing */}
      {demand.data ? (
        <Table.ScrollContainer minWidth={600}>
          <Table withTableBorder withColumnBorders aria-label="Coverage demand" verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Shift and position</Table.Th>
                {columns.map((c) => (
                  <Table.Th key={c.label} ta="center">
                    {c.label}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {demandRows(shiftTypes).map(({ shift, position }) => (
                <Table.Tr key={`${shift.id}-${position}`}>
                  <Table.Td>
                    <Text size="sm" fw={500} span>
                      {shift.code} {shift.name}
                    </Text>{' '}
                    <Text size="sm" c="dimmed" span>
                      {positionLabel(position)}
                    </Text>
                  </Table.Td>
                  {columns.map(({ column, label }) => {
                    const cell = cellOf(shift.id, position, column);
                    const saved = stored.get(cell);
                    const edited = edits.has(cell) ? edits.get(cell) : undefined;
                    const value = edited !== undefined ? edited : (saved ?? null);
                    // a date without its own figure shows the weekday's as a hint
                    const inherited = effectiveDemand(stored, shift.id, position, column);
                    const name = `${shift.code} ${positionLabel(position)} ${label}`;
                    if (!canEdit)
                      return (
                        <Table.Td key={cell} ta="center" aria-label={name}>
                          {value ?? inherited ?? '–'}
                        </Table.Td>
                      );
                    const changed = edited !== undefined && edited !== null && edited !== saved;
                    return (
                      <Table.Td key={cell} p={4} bg={changed ? 'yellow.1' : undefined}>
                        <NumberInput
                          size="xs"
                          w={mode === 'week' ? 70 : 120}
                          mx="auto"
                          aria-label={name}
                          value={value ?? ''}
                          placeholder={inherited === null ? '–' : `${inherited} weekly`}
                          allowDecimal={false}
                          allowNegative={false}
                          hideControls
                          error={failed?.cell === cell ? failed.message : undefined}
                          onChange={(v) => {
                            setEdits((prev) => new Map(prev).set(cell, v === '' ? null : Number(v)));
                            if (failed?.cell === cell) setFailed(null);
                          }}
                        />
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      <ProblemAlert error={save.error} title="Not all figures were saved" shownFields={['required']} />
      {canEdit ? (
        <Group>
          <Button disabled={changes.length === 0} loading={save.isPending} onClick={submit}>
            {changes.length ? `Save ${changes.length} figure${changes.length === 1 ? '' : 's'}` : 'Save figures'}
          </Button>
          <Button variant="default" disabled={edits.size === 0} onClick={() => setEdits(new Map())}>
            Discard
          </Button>
        </Group>
      ) : null}
      {demand.data ? <DemandExceptions demand={demand.data} shiftTypes={shiftTypes} canEdit={canEdit} /> : null}
    </Stack>
  );
}
