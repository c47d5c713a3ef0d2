import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { buildCalendar, zonedToUtc } from './ical.js';

describe('zonedToUtc', () => {
  it('follows DST in New York', () => {
    expect(zonedToUtc('2026-07-01', 7 * 60, 'America/New_York').toISOString()).toBe('2026-07-01T11:00:00.000Z');
    expect(zonedToUtc('2026-12-01', 7 * 60, 'America/New_York').toISOString()).toBe('2026-12-01T12:00:00.000Z');
  });
});

describe('buildCalendar', () => {
  it('is parsed by ical.js with the shifts at the right instants, including a night across the DST change', () => {
    const ics = buildCalendar(
      'Shifts of Ana Ruiz',
      [
        {
          uid: 'a@clinicops',
          date: '2026-12-01',
          startTime: '07:00',
          minutes: 480,
          summary: 'Day shift; D, Main unit',
          location: 'Riverside Care Center, Main',
          timeZone: 'America/New_York',
        },
        // 2026-11-01 02:00 the clocks go back: the night 23:00-07:00 lasts 9 real hours
        {
          uid: 'b@clinicops',
          date: '2026-10-31',
          startTime: '23:00',
          minutes: 480,
          summary: 'Night shift (N)',
          location: 'Riverside',
          timeZone: 'America/New_York',
        },
      ],
      new Date('2026-11-27T10:00:00Z'),
    );
    expect(ics).toContain('\r\n');
    const cal = new ICAL.Component(ICAL.parse(ics));
    expect(cal.getFirstPropertyValue('version')).toBe('2.0');
    expect(cal.getFirstPropertyValue('x-wr-calname')).toBe('Shifts of Ana Ruiz');
    const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.map((e) => e.summary)).toEqual(['Day shift; D, Main unit', 'Night shift (N)']);
    expect(events[0]?.startDate.toJSDate().toISOString()).toBe('2026-12-01T12:00:00.000Z');
    expect(events[0]?.endDate.toJSDate().toISOString()).toBe('2026-12-01T20:00:00.000Z');
    expect(events[1]?.startDate.toJSDate().toISOString()).toBe('2026-11-01T03:00:00.000Z');
    expect(events[1]?.endDate.toJSDate().toISOString()).toBe('2026-11-01T12:00:00.000Z');
  });

  it('folds long lines at 75 octets', () => {
    const ics = buildCalendar('x'.repeat(200), [], new Date('2026-11-27T10:00:00Z'));
    for (const line of ics.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    const cal = new ICAL.Component(ICAL.parse(ics));
    expect(cal.getFirstPropertyValue('x-wr-calname')).toBe('x'.repeat(200));
  });
});
