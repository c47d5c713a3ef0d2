import type { CoverageDemand, ShiftType } from '@clinicops/contracts';
import { Button, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ProblemAlert } from '../../ui/problem-alert';
import { cellOf, WEEKDAYS, weekdayOf } from './demand-matrix';
import { positionLabel } from './labels';
import { rosterSetupApi, useRosterSetupMutation } from './setup-api';

/**
 * Every date with its own figure, so that an exception can be found without paging through dates
 * and removed: the date is then required its weekday's figure again.
 */
export function DemandExceptions({
  demand,
  shiftTypes,
  canEdit,
}: {
  demand: readonly CoverageDemand[];
  shiftTypes: readonly ShiftType[];
  canEdit: boolean;
}) {
  const remove = useRosterSetupMutation((d: CoverageDemand) => rosterSetupApi.removeDemand(d.id));
  const exceptions = demand
    .filter((d): d is CoverageDemand & { onDate: string } => d.onDate !== null)
    .sort((a, b) => a.onDate.localeCompare(b.onDate));
  if (exceptions.length === 0) return null;
  const shiftOf = new Map(shiftTypes.map((s) => [s.id, s]));
  const weekly = new Map(
    demand
      .filter((d) => d.weekday !== null)
      .map((d) => [cellOf(d.shiftTypeId, d.position, { weekday: d.weekday ?? 0 }), d.required]),
  );
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        Date exceptions
      </Text>
      <Table withTableBorder aria-label="Date exceptions" verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Date</Table.Th>
            <Table.Th>Shift and position</Table.Th>
            <Table.Th ta="right">Figure</Table.Th>
            <Table.Th ta="right">Weekday figure</Table.Th>
            {canEdit ? <Table.Th /> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {exceptions.map((d) => {
            const shift = shiftOf.get(d.shiftTypeId);
            const name = `${shift?.code ?? '?'} ${positionLabel(d.position)} ${d.onDate}`;
            const fallback = weekly.get(cellOf(d.shiftTypeId, d.position, { weekday: weekdayOf(d.onDate) }));
            return (
              <Table.Tr key={d.id}>
                <Table.Td>
                  {WEEKDAYS[weekdayOf(d.onDate)]} {d.onDate}
                </Table.Td>
                <Table.Td>
                  {shift ? `${shift.code} ${shift.name}` : ''} · {positionLabel(d.position)}
                </Table.Td>
                <Table.Td ta="right">{d.required}</Table.Td>
                <Table.Td ta="right">{fallback ?? '–'}</Table.Td>
                {canEdit ? (
                  <Table.Td ta="right">
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="red"
                      aria-label={`Remove the exception ${name}`}
                      loading={remove.isPending && remove.variables?.id === d.id}
                      onClick={() =>
                        remove.mutate(d, {
                          onSuccess: () =>
                            notifications.show({
                              color: 'green',
                              message: `Exception removed: ${name} needs the weekday figure (${fallback ?? 'none'}) again`,
                            }),
                        })
                      }
                    >
                      Remove
                    </Button>
                  </Table.Td>
                ) : null}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <ProblemAlert error={remove.error} title="The exception was not removed" />
    </Stack>
  );
}
