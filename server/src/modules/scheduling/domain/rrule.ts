// The subset of iCalendar RRULE (RFC 5545 3.3.10) that weekly office hours need: FREQ=DAILY or
// WEEKLY, INTERVAL, BYDAY (plain weekdays), UNTIL (a date) and COUNT. Recurrence is over local
// calendar dates, so a DST change cannot move a day; times are applied per date in the zone.
import { addDays, daysBetween, isoWeekday, isValidDate, zonedToInstant } from './zoned.js';

export type Rrule = {
  freq: 'DAILY' | 'WEEKLY';
  interval: number;
  byDay: number[];
  /** UNTIL's date; with a time, the last date that can hold an occurrence. */
  until: string | null;
  /** UNTIL's time of day (HH:MM:SS) when it has one, in UTC when untilUtc, else local. */
  untilTime: string | null;
  untilUtc: boolean;
  count: number | null;
  /** WKST as an ISO weekday (Monday 1); it decides which weeks INTERVAL counts. */
  weekStart: number;
};

const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

export type RruleResult = { ok: true; rule: Rrule } | { ok: false; message: string };

export function parseRrule(text: string): RruleResult {
  const fields = new Map<string, string>();
  for (const part of text.replace(/^RRULE:/i, '').split(';')) {
    if (!part) continue;
    const [key, value] = part.split('=');
    if (!key || value === undefined || value === '') return { ok: false, message: `"${part}" is not NAME=VALUE` };
    if (fields.has(key.toUpperCase())) return { ok: false, message: `${key} appears twice` };
    fields.set(key.toUpperCase(), value.toUpperCase());
  }
  const freq = fields.get('FREQ');
  if (freq !== 'DAILY' && freq !== 'WEEKLY') return { ok: false, message: 'FREQ must be DAILY or WEEKLY' };
  const interval = Number(fields.get('INTERVAL') ?? '1');
  if (!Number.isInteger(interval) || interval < 1 || interval > 52) return { ok: false, message: 'INTERVAL must be 1 to 52' };
  const byDay: number[] = [];
  for (const d of (fields.get('BYDAY') ?? '').split(',').filter(Boolean)) {
    const i = DAYS.indexOf(d);
    if (i < 0) return { ok: false, message: `BYDAY ${d} is not one of ${DAYS.join(',')}` };
    if (!byDay.includes(i + 1)) byDay.push(i + 1);
  }
  let until: string | null = null;
  let untilTime: string | null = null;
  let untilUtc = false;
  const u = fields.get('UNTIL');
  if (u !== undefined) {
    const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(u);
    const date = m ? `${m[1]}-${m[2]}-${m[3]}` : '';
    if (!m || !isValidDate(date)) return { ok: false, message: 'UNTIL must be a date (YYYYMMDD) or a date-time' };
    until = date;
    if (m[4] !== undefined) {
      untilTime = `${m[4]}:${m[5]}:${m[6]}`;
      untilUtc = m[7] === 'Z';
    }
  }
  const wkst = fields.get('WKST');
  const weekStart = wkst === undefined ? 1 : DAYS.indexOf(wkst) + 1;
  if (weekStart === 0) return { ok: false, message: `WKST ${wkst} is not one of ${DAYS.join(',')}` };
  let count: number | null = null;
  const c = fields.get('COUNT');
  if (c !== undefined) {
    count = Number(c);
    if (!Number.isInteger(count) || count < 1 || count > 1000) return { ok: false, message: 'COUNT must be 1 to 1000' };
  }
  if (until !== null && count !== null) return { ok: false, message: 'UNTIL and COUNT cannot both be given' };
  for (const key of fields.keys()) {
    if (!['FREQ', 'INTERVAL', 'BYDAY', 'UNTIL', 'COUNT', 'WKST'].includes(key))
      return { ok: false, message: `${key} is not supported` };
  }
  return { ok: true, rule: { freq, interval, byDay: byDay.sort(), until, untilTime, untilUtc, count, weekStart } };
}

/** The first day (WKST) of the week of `date`. */
const weekOf = (date: string, wkst: number) => addDays(date, -((isoWeekday(date) - wkst + 7) % 7));

/** The last date the rule can reach: UNTIL's date, a day later when it is a UTC time (zones ahead of UTC). */
const lastDate = (rule: Rrule) => (rule.until !== null && rule.untilUtc ? addDays(rule.until, 1) : rule.until);

/** Where an occurrence's start is known (a time of day in a zone), UNTIL compares with it (RFC 5545: inclusive). */
export type At = { time: string; timeZone: string };

function beforeUntil(rule: Rrule, date: string, at: At | undefined): boolean {
  if (rule.until === null) return true;
  if (rule.untilTime === null || at === undefined) return date <= rule.until;
  if (rule.untilUtc) return zonedToInstant(date, at.time, at.timeZone) <= Date.parse(`${rule.until}T${rule.untilTime}Z`);
  return `${date}T${at.time.length === 5 ? `${at.time}:00` : at.time}` <= `${rule.until}T${rule.untilTime}`;
}

/** Whether `date` matches the rule's pattern (ignoring COUNT), counting from `dtstart`. */
function matches(rule: Rrule, dtstart: string, date: string, at?: At): boolean {
  const last = lastDate(rule);
  if (date < dtstart || (last !== null && date > last) || !beforeUntil(rule, date, at)) return false;
  if (rule.freq === 'DAILY') {
    if (daysBetween(dtstart, date) % rule.interval !== 0) return false;
    return rule.byDay.length === 0 || rule.byDay.includes(isoWeekday(date));
  }
  const weeks = daysBetween(weekOf(dtstart, rule.weekStart), weekOf(date, rule.weekStart)) / 7;
  if (weeks % rule.interval !== 0) return false;
  const days = rule.byDay.length > 0 ? rule.byDay : [isoWeekday(dtstart)];
  return days.includes(isoWeekday(date));
}

/** The dates in [from, to] on which the rule occurs; `at` (the start time and zone) makes a timed UNTIL exact. */
export function occurrences(rule: Rrule, dtstart: string, from: string, to: string, at?: At): string[] {
  const out: string[] = [];
  const last = lastDate(rule);
  const end = last !== null && last < to ? last : to;
  if (rule.count === null) {
    for (let d = from < dtstart ? dtstart : from; d <= end; d = addDays(d, 1)) if (matches(rule, dtstart, d, at)) out.push(d);
    return out;
  }
  // COUNT counts from the start, so walk from dtstart
  let n = 0;
  for (let d = dtstart; d <= end && n < rule.count; d = addDays(d, 1)) {
    if (!matches(rule, dtstart, d, at)) continue;
    n++;
    if (d >= from) out.push(d);
  }
  return out;
}
