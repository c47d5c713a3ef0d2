// The subset of iCalendar RRULE (RFC 5545 3.3.10) that weekly office hours need: FREQ=DAILY or
// WEEKLY, INTERVAL, BYDAY (plain weekdays), UNTIL (a date) and COUNT. Recurrence is over local
// calendar dates, so a DST change cannot move a day; times are applied per date in the zone.
import { addDays, daysBetween, isoWeekday, isValidDate } from './zoned.js';

export type Rrule = { freq: 'DAILY' | 'WEEKLY'; interval: number; byDay: number[]; until: string | null; count: number | null };

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
  const u = fields.get('UNTIL');
  if (u !== undefined) {
    const m = /^(\d{4})(\d{2})(\d{2})(T\d{6}Z?)?$/.exec(u);
    const date = m ? `${m[1]}-${m[2]}-${m[3]}` : '';
    if (!isValidDate(date)) return { ok: false, message: 'UNTIL must be a date (YYYYMMDD)' };
    until = date;
  }
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
  return { ok: true, rule: { freq, interval, byDay: byDay.sort(), until, count } };
}

/** Monday of the week of `date`. */
const weekStart = (date: string) => addDays(date, 1 - isoWeekday(date));

/** Whether `date` matches the rule's pattern (ignoring COUNT), counting from `dtstart`. */
function matches(rule: Rrule, dtstart: string, date: string): boolean {
  if (date < dtstart || (rule.until !== null && date > rule.until)) return false;
  if (rule.freq === 'DAILY') {
    if (daysBetween(dtstart, date) % rule.interval !== 0) return false;
    return rule.byDay.length === 0 || rule.byDay.includes(isoWeekday(date));
  }
  const weeks = daysBetween(weekStart(dtstart), weekStart(date)) / 7;
  if (weeks % rule.interval !== 0) return false;
  const days = rule.byDay.length > 0 ? rule.byDay : [isoWeekday(dtstart)];
  return days.includes(isoWeekday(date));
}

/** The dates in [from, to] on which the rule occurs. */
export function occurrences(rule: Rrule, dtstart: string, from: string, to: string): string[] {
  const out: string[] = [];
  if (rule.count === null) {
    for (let d = from < dtstart ? dtstart : from; d <= to; d = addDays(d, 1)) if (matches(rule, dtstart, d)) out.push(d);
    return out;
  }
  // COUNT counts from the start, so walk from dtstart
  let n = 0;
  for (let d = dtstart; d <= to && n < rule.count; d = addDays(d, 1)) {
    if (!matches(rule, dtstart, d)) continue;
    n++;
    if (d >= from) out.push(d);
  }
  return out;
}
