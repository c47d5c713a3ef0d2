// A person's shifts as an iCalendar feed (RFC 5545). Times are written in UTC (form #2, "Z"),
// converted from the facility's wall clock, so no VTIMEZONE is needed and every client agrees.
import { addDays, minuteOfDay } from '../../../shared/calendar.js';

export type CalendarShift = {
  uid: string;
  date: string;
  startTime: string;
  minutes: number;
  summary: string;
  location: string;
  timeZone: string;
};

/** The UTC instant of a wall-clock time in an IANA zone (DST-aware; a skipped hour moves forward). */
export function zonedToUtc(date: string, minute: number, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d, 0, minute);
  const offset = (at: number) => {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }).formatToParts(new Date(at));
    const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
    return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - at;
  };
  let t = guess - offset(guess);
  t = guess - offset(t);
  return new Date(t);
}

const stamp = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** TEXT escaping of RFC 5545 3.3.11. */
const text = (s: string) => s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

/** Lines longer than 75 octets are folded (3.1); input here is ASCII-safe per character count. */
function fold(line: string): string {
  const bytes = new TextEncoder().encode(line);
  if (bytes.length <= 75) return line;
  const out: string[] = [];
  let current = '';
  let size = 0;
  for (const ch of line) {
    const n = new TextEncoder().encode(ch).length;
    if (size + n > (out.length === 0 ? 75 : 74)) {
      out.push(current);
      current = '';
      size = 0;
    }
    current += ch;
    size += n;
  }
  out.push(current);
  return out.join('\r\n ');
}

export function buildCalendar(name: string, shifts: readonly CalendarShift[], now: Date): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//ClinicOps//Rostering//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH'];
  lines.push(`X-WR-CALNAME:${text(name)}`);
  for (const s of shifts) {
    const start = zonedToUtc(s.date, minuteOfDay(s.startTime), s.timeZone);
    const endMinute = minuteOfDay(s.startTime) + s.minutes;
    const end = zonedToUtc(addDays(s.date, Math.floor(endMinute / 1440)), endMinute % 1440, s.timeZone);
    lines.push(
      'BEGIN:VEVENT',
      `UID:${s.uid}`,
      `DTSTAMP:${stamp(now)}`,
      `DTSTART:${stamp(start)}`,
      `DTEND:${stamp(end)}`,
      `SUMMARY:${text(s.summary)}`,
      `LOCATION:${text(s.location)}`,
      'TRANSP:OPAQUE',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
