import type { Appointment, Resource } from '@clinicops/contracts';
import { ActionIcon, Box, Group, Paper, ScrollArea, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconCalendarShare } from '@tabler/icons-react';
import { type DragEvent, useState } from 'react';
import { statusLabels } from './labels';
import { instantInZone, minutesInZone } from './zone';

// One column per provider (or room) for a day, 07:00-19:00 in the facility's zone. An
// appointment can be dragged to another time or provider; the server checks the conflict.

const START = 7 * 60;
const END = 19 * 60;
const PX_PER_MIN = 1.4;
const SNAP = 15;

export type Move = { appointment: Appointment; startsAt: string; providerResourceId?: string };

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
  const height = (END - START) * PX_PER_MIN;

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
                  const len = (Date.parse(a.endsAt) - Date.parse(a.startsAt)) / 60_000;
                  const gone = a.status === 'cancelled' || a.status === 'no_show';
                  const label = `${hhmm(minutesInZone(a.startsAt, timeZone))} ${a.patientName}, ${a.typeName} with ${a.providerName} (${statusLabels[a.status]})`;
                  return (
                    <Tooltip key={a.id} label={label} openDelay={400}>
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
                  );
                })}
            </Box>
          </Box>
        ))}
      </Box>
    </ScrollArea>
  );
}
