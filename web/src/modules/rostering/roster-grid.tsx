import type { RosterDetail, RosterEvaluation } from '@clinicops/contracts';
import { Menu, Table, Text, UnstyledButton } from '@mantine/core';
import { type DragEvent, useMemo, useState } from 'react';
import { weekdayOf } from './demand-matrix';
import { cellKey, type Draft } from './draft';
import { beforeLabel, beforeTitle } from './labels';

// People x days, a shift code per cell; drag a shift onto another cell (same person another day,
// or a colleague) or click a cell to choose. Cells the credential gate closes are hatched with the
// reason as a tooltip; leave is marked. Next to each name, the run of work or rest the person is
// in when the roster starts (from the published rosters before it), which the first days'
// violations may come from. Coverage rows per shift and position sit under the grid.

const SHIFT_COLOURS: Record<string, string> = { D: 'yellow.2', E: 'orange.2', N: 'indigo.2' };
const weekday = (date: string) =>
  new Date(`${date}T12:00:00Z`).toLocaleDateString('en-US', { weekday: 'narrow', timeZone: 'UTC' });
/** Saturday or Sunday: their columns are shaded, as a roster may start on any day. */
const isWeekend = (date: string) => weekdayOf(date) >= 5;

export type RosterGridProps = {
  roster: RosterDetail;
  draft: Draft;
  evaluation: RosterEvaluation;
  editable: boolean;
  onMove: (from: string, to: string) => void;
  onSet: (key: string, shiftTypeId: string | null) => void;
  /** A person who works that day calls in sick: the server repairs the roster (absent while the draft has unsaved changes). */
  onSickCall?: ((staffMemberId: string, date: string) => void) | undefined;
};

export function RosterGrid({ roster, draft, evaluation, editable, onMove, onSet, onSickCall }: RosterGridProps) {
  const dates = useMemo(
    () =>
      Array.from({ length: roster.days }, (_, d) => {
        const t = new Date(`${roster.startDate}T12:00:00Z`);
        t.setUTCDate(t.getUTCDate() + d);
        return t.toISOString().slice(0, 10);
      }),
    [roster.startDate, roster.days],
  );
  const codeOf = useMemo(() => new Map(roster.shiftTypes.map((s) => [s.id, s.code])), [roster.shiftTypes]);
  const blocked = useMemo(() => {
    const m = new Map<string, string>();
    for (const b of roster.blocked) m.set(`${cellKey(b.staffMemberId, b.date)}|${b.shiftTypeId}`, b.reason);
    return m;
  }, [roster.blocked]);
  const onLeave = useMemo(() => new Set(roster.leave.map((l) => cellKey(l.staffMemberId, l.date))), [roster.leave]);
  const flagged = useMemo(() => {
    const s = new Set<string>();
    for (const v of evaluation.violations) if (v.staffMemberId) for (const d of v.dates) s.add(cellKey(v.staffMemberId, d));
    return s;
  }, [evaluation.violations]);
  const [dragging, setDragging] = useState<string | null>(null);
  const coverage = useMemo(() => {
    const m = new Map<string, { required: number; assigned: number }>();
    for (const c of evaluation.coverage) m.set(`${c.shiftTypeId}|${c.position}|${c.date}`, c);
    return m;
  }, [evaluation.coverage]);
  const coverageRows = roster.shiftTypes.flatMap((s) => s.positions.map((p) => ({ shift: s, position: p })));

  const drop = (to: string) => (e: DragEvent) => {
    e.preventDefault();
    const from = e.dataTransfer.getData('text/plain') || dragging;
    setDragging(null);
    if (from) onMove(from, to);
  };

  return (
    <Table.ScrollContainer minWidth={900} maxHeight={640}>
      <Table withTableBorder withColumnBorders stickyHeader fz="xs" aria-label="Roster" verticalSpacing={2} horizontalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th miw={160}>Person</Table.Th>
            {dates.map((d) => (
              <Table.Th
                key={d}
                ta="center"
                title={d}
                bg={isWeekend(d) ? 'gray.1' : undefined}
                data-weekend={isWeekend(d) || undefined}
              >
                <div>{weekday(d)}</div>
                <div>{d.slice(8)}</div>
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {roster.people.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>
                <Text size="xs" fw={500} span>
                  {p.name}
                </Text>{' '}
                <Text size="xs" c="dimmed" span>
                  {p.position.toUpperCase()}
                </Text>
                {p.before ? (
                  <Text
                    size="xs"
                    c={p.before.worked ? 'orange.8' : 'dimmed'}
                    span
                    title={beforeTitle(p.before)}
                    data-testid="run-before"
                  >
                    {' · '}
                    {beforeLabel(p.before)}
                  </Text>
                ) : null}
              </Table.Td>
              {dates.map((d) => {
                const key = cellKey(p.id, d);
                const shiftTypeId = draft.get(key);
                const code = shiftTypeId ? codeOf.get(shiftTypeId) : undefined;
                const reason = shiftTypeId ? blocked.get(`${key}|${shiftTypeId}`) : undefined;
                const closedAll = roster.shiftTypes.every((s) => blocked.has(`${key}|${s.id}`));
                const leave = onLeave.has(key);
                const bad = flagged.has(key);
                const label = `${p.name} ${d}: ${code ?? (leave ? 'leave' : 'off')}${bad ? ' (violation)' : ''}`;
                const tip =
                  reason ??
                  (closedAll ? roster.blocked.find((b) => b.staffMemberId === p.id && b.date === d)?.reason : undefined);
                const cell = (
                  <UnstyledButton
                    w="100%"
                    h={22}
                    ta="center"
                    aria-label={label}
                    title={tip}
                    data-cell={key}
                    data-violation={bad ? 'true' : undefined}
                    draggable={editable && !!code}
                    onDragStart={(e) => {
                      e.dataTransfer.setData('text/plain', key);
                      setDragging(key);
                    }}
                    onDragOver={(e) => editable && e.preventDefault()}
                    onDrop={drop(key)}
                    bg={code ? (SHIFT_COLOURS[code] ?? 'gray.2') : leave ? 'gray.1' : undefined}
                    style={{
                      outline: bad ? '2px solid var(--mantine-color-red-6)' : undefined,
                      backgroundImage:
                        closedAll && !code
                          ? 'repeating-linear-gradient(45deg, transparent 0 4px, var(--mantine-color-gray-3) 4px 6px)'
                          : undefined,
                      fontWeight: 600,
                      color: reason ? 'var(--mantine-color-red-8)' : undefined,
                    }}
                  >
                    {code ?? (leave ? 'L' : '')}
                  </UnstyledButton>
                );
                return (
                  <Table.Td key={d} p={0} bg={isWeekend(d) ? 'gray.0' : undefined}>
                    {editable ? (
                      <Menu withinPortal position="bottom" shadow="sm">
                        <Menu.Target>{cell}</Menu.Target>
                        <Menu.Dropdown>
                          {roster.shiftTypes.map((s) => (
                            <Menu.Item key={s.id} onClick={() => onSet(key, s.id)}>
                              {s.code} · {s.name} {s.startTime}
                            </Menu.Item>
                          ))}
                          <Menu.Item onClick={() => onSet(key, null)}>Off</Menu.Item>
                          {onSickCall && code ? (
                            <Menu.Item color="red" onClick={() => onSickCall(p.id, d)}>
                              Called in sick: repair the roster
                            </Menu.Item>
                          ) : null}
                        </Menu.Dropdown>
                      </Menu>
                    ) : (
                      cell
                    )}
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
          {coverageRows.map(({ shift, position }) => (
            <Table.Tr key={`${shift.id}-${position}`} bg="gray.0">
              <Table.Td>
                <Text size="xs" fw={600}>
                  {shift.code} {position.toUpperCase()} cover
                </Text>
              </Table.Td>
              {dates.map((d) => {
                const c = coverage.get(`${shift.id}|${position}|${d}`);
                if (!c) return <Table.Td key={d} />;
                const short = c.assigned < c.required;
                return (
                  <Table.Td
                    key={d}
                    ta="center"
                    c={short ? 'red.8' : 'dimmed'}
                    fw={short ? 700 : 400}
                    bg={short ? 'red.1' : undefined}
                    aria-label={`${shift.code} ${position} ${d}: ${c.assigned} of ${c.required}${short ? ' short' : ''}`}
                    data-short={short ? 'true' : undefined}
                  >
                    {c.assigned}/{c.required}
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
