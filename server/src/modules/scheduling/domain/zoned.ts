// Wall-clock times in an IANA zone and the instants they name, with Intl only (no library, no
// host time zone). Calendar dates are 'YYYY-MM-DD' strings, times of day 'HH:MM' (or 'HH:MM:SS').

import { minuteOfDay, weekdayOf } from '../../../shared/calendar.js';

const DAY_MS = 86_400_000;
/** Milliseconds of a plain date's UTC midnight: the wall clock of that date read as if in UTC. */
const toUtcMidnight = (date: string) => Date.parse(`${date}T00:00:00Z`);

const MINUTE_MS = 60_000;

// Plain-date arithmetic is the shared one; re-exported so the scheduling rules import one file.
export { addDays, daysBetween, isValidDate, minuteOfDay as minutesOfDay } from '../../../shared/calendar.js';

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export const isoWeekday = (date: string) => weekdayOf(date) + 1;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall clock at `ms` in the zone, as if it were UTC (for offset arithmetic). */
function wallAsUtc(ms: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return Date.UTC(parts.year ?? 0, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
}

// Offsets change only at instants on a quarter hour (true of every zone in the tz database), so
// one lookup per zone and quarter hour serves every instant inside it. Intl is the slow part of
// the slot finder; this cache makes it a map lookup.
const QUARTER_MS = 15 * MINUTE_MS;
const offsets = new Map<string, Map<number, number>>();

/** The zone's offset from UTC at an instant, in minutes (New York in winter: -300). */
export function offsetMinutes(ms: number, timeZone: string): number {
  let zone = offsets.get(timeZone);
  if (!zone) {
    zone = new Map();
    offsets.set(timeZone, zone);
  }
  const bucket = Math.floor(ms / QUARTER_MS);
  let offset = zone.get(bucket);
  if (offset === undefined) {
    const at = bucket * QUARTER_MS;
    offset = Math.round((wallAsUtc(at, timeZone) - at) / MINUTE_MS);
    if (zone.size > 200_000) zone.clear();
    zone.set(bucket, offset);
  }
  return offset;
}

/**
 * The instant a wall-clock time names in the zone. Like Temporal's 'compatible' disambiguation:
 * a time skipped by a spring-forward gap moves forward by the gap (02:30 -> 03:30), and a time
 * that occurs twice when clocks fall back is the earlier of the two.
 */
export function zonedToInstant(date: string, time: string, timeZone: string): number {
  const wall = toUtcMidnight(date) + minuteOfDay(time) * MINUTE_MS;
  const before = offsetMinutes(wall - DAY_MS / 2, timeZone);
  const after = offsetMinutes(wall + DAY_MS / 2, timeZone);
  const a = wall - before * MINUTE_MS;
  const b = wall - after * MINUTE_MS;
  const fitsA = offsetMinutes(a, timeZone) === before;
  const fitsB = offsetMinutes(b, timeZone) === after;
  if (fitsA && fitsB) return Math.min(a, b);
  if (fitsA) return a;
  if (fitsB) return b;
  // in the gap: the offset before the change, which lands after it
  return a;
}

const wall = (ms: number, timeZone: string) => ms + offsetMinutes(ms, timeZone) * MINUTE_MS;

/** The calendar date at an instant in the zone. */
export const dateIn = (ms: number, timeZone: string) => new Date(wall(ms, timeZone)).toISOString().slice(0, 10);

/** 'HH:MM' at an instant in the zone. */
export const timeIn = (ms: number, timeZone: string) => new Date(wall(ms, timeZone)).toISOString().slice(11, 16);
