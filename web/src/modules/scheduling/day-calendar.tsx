import type { Appointment, Resource } from '@clinicops/contracts';
import { ActionIcon, Box, Group, Paper, ScrollArea, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconCalendarShare } from '@tabler/icons-react';
import { type DragEvent, type PointerEvent, useState } from 'react';
import { statusLabels } from './labels';
import { instantInZone, minutesInZone } from './zone';

// One column per provider (or room) for a day, 07:00-19:00 in the facility's zone. An
// appointment can be dragged to another time or provider, or resized by its bottom edge (or the
// arrow keys on that edge); the server checks the conflict either way.

const START = 7 * 60;
const END = 19 * 60;
const PX_PER_MIN = 1.4;
const SNAP = 15;

export type Move = { appointment: Appointment; startsAt: string; providerResourceId?: string; durationMinutes?: number };
const RESIZE_SNAP = 5;

type Props = {
  date: string;
  timeZone: string;
  columns: readonly Resource[];
  by: 'provider' | 'room';
  appointments: readonly Appointment[];
  onOpen: (a: Appointment) => void;
  onMove?: (m: Move) => void;
  /** Offers a private calendar feed link per provider column. */
  onFeed?: (column: Resource) => void;
};

const hours = Array.from({ length: (END - START) / 60 }, (_, i) => START + i * 60);
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

function inColumn(a: Appointment, column: Resource, by: Props['by']) {
  return by === 'provider' ? a.providerResourceId === column.id : a.resourceIds.includes(column.id);
}

export function DayCalendar({ date, timeZone, columns, by, appointments, onOpen, onMove, onFeed }: Props) {
  const [dragging, setDragging] = useState<Appointment | null>(null);
  // a resize in progress: the appointment, where the pointer went down, and the length shown
  const [resizing, setResizing] = useState<{ a: Appointment; y: number; from: number; minutes: number } | null>(null);
  const height = (END - START) * PX_PER_MIN;
  const lengthOf = (a: Appointment) => Math.round((Date.parse(a.endsAt) - Date.parse(a.startsAt)) / 60_000);
  const resize = (a: Appointment, minutes: number) => {
    const m = Math.max(RESIZE_SNAP, Math.min(480, minutes));
    if (m !== lengthOf(a) && onMove) onMove({ appointment: a, startsAt: a.startsAt, durationMinutes: m });
  };
  const resizeStart = (e: PointerEvent<HTMLDivElement>, a: Appointment) => {
    e.preventDefault();
    e.stopPropagation();
    e.currentTarget.setPointerCapture(e.pointerId);
    setResizing({ a, y: e.clientY, from: lengthOf(a), minutes: lengthOf(a) });
  };
  const resizeMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!resizing) return;
    const delta = Math.round((e.clientY - resizing.y) / PX_PER_MIN / RESIZE_SNAP) * RESIZE_SNAP;
    setResizing({ ...resizing, minutes: Math.max(RESIZE_SNAP, resizing.from + delta) });
  };
  const resizeEnd = () => {
    if (!resizing) return;
    resize(resizing.a, resizing.minutes);
    setResizing(null);
  };

  const drop = (e: DragEvent<HTMLDivElement>, column: Resource) => {
    e.preventDefault();
    if (!dragging || !onMove) return;
    const rect = e.currentTarget.getBoundingClientRect();
    const minutes = START + Math.round((e.clientY - rect.top) / PX_PER_MIN / SNAP) * SNAP;
    const startsAt = instantInZone(date, minutes, timeZone).toISOString();
    onMove({
      appointment: dragging,
      startsAt,
      ...(by === 'provider' && column.id !== dragging.providerResourceId ? { providerResourceId: column.id } : {}),
    });
    setDragging(null);
  };

  return (
    <ScrollArea type="auto">
      <Box style={{ display: 'flex', minWidth: 120 + columns.length * 160 }}>
        <Box w={56} pt={32} aria-hidden>
          {hours.map((h) => (
            <Text key={h} size="xs" c="dimmed" h={60 * PX_PER_MIN}>
              {hhmm(h)}
            </Text>
          ))}
        </Box>
        {columns.map((column) => (
          <Box key={column.id} style={{ flex: 1, minWidth: 160 }} role="region" aria-label={`${column.name}, ${date}`}>
            <Group h={32} gap={4} justify="center" wrap="nowrap">
              <Text fw={600} size="sm" truncate>
                {column.name}
              </Text>
              {onFeed && column.kind === 'provider' ? (
                <ActionIcon
                  variant="subtle"
                  size="sm"
                  aria-label={`Calendar feed for ${column.name}`}
                  onClick={() => onFeed(column)}
                >
                  <IconCalendarShare size={14} aria-hidden />
                </ActionIcon>
              ) : null}
            </Group>
            <Box
              pos="relative"
              h={height}
              data-column={column.id}
              onDragOver={(e) => onMove && e.preventDefault()}
              onDrop={(e) => drop(e, column)}
              style={{
                borderLeft: '1px solid var(--mantine-color-gray-3)',
                backgroundImage: `repeating-linear-gradient(to bottom, var(--mantine-color-gray-2) 0 1px, transparent 1px ${60 * PX_PER_MIN}px)`,
              }}
            >
              {appointments
                .filter((a) => inColumn(a, column, by))
                .map((a) => {
                  const top = (minutesInZone(a.startsAt, timeZone) - START) * PX_PER_MIN;
                  const len = resizing?.a.id === a.id ? resizing.minutes : lengthOf(a);
                  const canResize = a.status === 'booked' && !!onMove;
                  const gone = a.status === 'cancelled' || a.status === 'no_show';
                  const label = `${hhmm(minutesInZone(a.startsAt, timeZone))} ${a.patientName}, ${a.typeName} with ${a.providerName} (${statusLabels[a.status]})`;
                  return (
                    <Box key={a.id}>
                      <Tooltip label={label} openDelay={400}>
                        <UnstyledButton
                          aria-label={label}
                          draggable={a.status === 'booked' && !!onMove}
                          onDragStart={() => setDragging(a)}
                          onDragEnd={() => setDragging(null)}
                          onClick={() => onOpen(a)}
                          data-appointment={a.id}
                          data-status={a.status}
                          pos="absolute"
                          style={{
                            top: Math.max(0, top),
                            left: gone ? '55%' : 3,
                            right: 3,
                            height: Math.max(18, len * PX_PER_MIN - 2),
                            zIndex: gone ? 0 : 1,
                          }}
                        >
                          <Paper
                            h="100%"
                            px={6}
                            py={2}
                            radius="sm"
                            style={{
                              overflow: 'hidden',
                              background: gone ? 'var(--mantine-color-gray-1)' : `var(--mantine-color-${a.color}-1)`,
                              borderLeft: `4px solid var(--mantine-color-${a.status === 'no_show' ? 'red-7' : `${a.color}-6`})`,
                              opacity: gone ? 0.75 : 1,
                              textDecoration: a.status === 'cancelled' ? 'line-through' : undefined,
                            }}
                          >
                            <Text size="xs" fw={600} truncate>
                              {a.patientName}
                              {len * PX_PER_MIN < 36 ? (
                                <Text span size="xs" fw={400} c="dimmed">
                                  {' '}
                                  · {statusLabels[a.status]}
                                </Text>
                              ) : null}
                            </Text>
                            {len * PX_PER_MIN >= 36 ? (
                              <Text size="xs" c="dimmed" truncate>
                                {a.typeName} · {statusLabels[a.status]}
                              </Text>
                            ) : null}
                          </Paper>
                        </UnstyledButton>
                      </Tooltip>
                      {canResize ? (
                        <Box
                          role="slider"
                          tabIndex={0}
                          aria-label={`Length of ${a.patientName}'s appointment, minutes`}
                          aria-valuenow={len}
                          aria-valuemin={RESIZE_SNAP}
                          aria-valuemax={480}
                          data-resize={a.id}
                          onPointerDown={(e) => resizeStart(e, a)}
                          onPointerMove={resizeMove}
                          onPointerUp={resizeEnd}
                          onPointerCancel={() => setResizing(null)}
                          onKeyDown={(e) => {
                            if (e.key === 'ArrowDown') resize(a, len + RESIZE_SNAP);
                            else if (e.key === 'ArrowUp') resize(a, len - RESIZE_SNAP);
                            else return;
                            e.preventDefault();
                          }}
                          pos="absolute"
                          style={{
                            top: Math.max(0, top) + Math.max(18, len * PX_PER_MIN - 2) - 6,
                            left: '20%',
                            right: '20%',
                            height: 8,
                            zIndex: 2,
                            cursor: 'ns-resize',
                            borderBottom:
                              resizing?.a.id === a.id ? '2px dashed var(--mantine-color-blue-6)' : '2px solid transparent',
                            touchAction: 'none',
                          }}
                        />
                      ) : null}
                    </Box>
                  );
                })}
            </Box>
          </Box>
        ))}
      </Box>
    </ScrollArea>
  );
}
