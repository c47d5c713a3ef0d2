import { describe, expect, it } from 'vitest';
import { occurrences, parseRrule, type Rrule } from './rrule.js';

const rule = (text: string): Rrule => {
  const r = parseRrule(text);
  if (!r.ok) throw new Error(r.message);
  return r.rule;
};

describe('parseRrule', () => {
  it('reads weekly office hours', () => {
    expect(rule('FREQ=WEEKLY;BYDAY=MO,WE,FR')).toEqual({
      freq: 'WEEKLY',
      interval: 1,
      byDay: [1, 3, 5],
      until: null,
      untilTime: null,
      untilUtc: false,
      count: null,
      weekStart: 1,
    });
    expect(rule('RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20261231').until).toBe('2026-12-31');
  });

  it('refuses what it does not support, saying why', () => {
    expect(parseRrule('FREQ=MONTHLY')).toEqual({ ok: false, message: 'FREQ must be DAILY or WEEKLY' });
    expect(parseRrule('FREQ=WEEKLY;BYDAY=XX')).toMatchObject({ ok: false });
    expect(parseRrule('FREQ=WEEKLY;COUNT=3;UNTIL=20260101')).toMatchObject({ ok: false });
    expect(parseRrule('FREQ=WEEKLY;BYSETPOS=1')).toMatchObject({ ok: false, message: 'BYSETPOS is not supported' });
  });
});

describe('occurrences', () => {
  it('weekly on Monday, Wednesday and Friday', () => {
    expect(occurrences(rule('FREQ=WEEKLY;BYDAY=MO,WE,FR'), '2026-03-02', '2026-03-02', '2026-03-09')).toEqual([
      '2026-03-02',
      '2026-03-04',
      '2026-03-06',
      '2026-03-09',
    ]);
  });

  it('every other week counts weeks from the start, not from the window', () => {
    const r = rule('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU');
    expect(occurrences(r, '2026-03-02', '2026-03-09', '2026-04-01')).toEqual(['2026-03-17', '2026-03-31']);
  });

  it('COUNT counts from the start even when the window begins later', () => {
    const r = rule('FREQ=WEEKLY;BYDAY=MO;COUNT=3');
    expect(occurrences(r, '2026-03-02', '2026-03-10', '2026-12-31')).toEqual(['2026-03-16']);
  });

  it('without BYDAY a weekly rule repeats the start weekday; UNTIL is inclusive', () => {
    expect(occurrences(rule('FREQ=WEEKLY;UNTIL=20260317'), '2026-03-03', '2026-03-01', '2026-04-01')).toEqual([
      '2026-03-03',
      '2026-03-10',
      '2026-03-17',
    ]);
  });
});

describe('UNTIL with a time and WKST', () => {
  it('a UTC UNTIL is compared with the start instant in the zone (RFC 5545: inclusive)', () => {
    // 11:00 in Los Angeles is 18:00Z: a Monday 2012-07-30 occurrence is after UNTIL 06:59:59Z that day
    const r = rule('FREQ=WEEKLY;UNTIL=20120730T065959Z');
    const at = { time: '11:00', timeZone: 'America/Los_Angeles' };
    expect(occurrences(r, '2012-07-16', '2012-07-01', '2012-08-31', at)).toEqual(['2012-07-16', '2012-07-23']);
    expect(occurrences(rule('FREQ=WEEKLY;UNTIL=20120730T180000Z'), '2012-07-16', '2012-07-01', '2012-08-31', at)).toEqual([
      '2012-07-16',
      '2012-07-23',
      '2012-07-30',
    ]);
  });

  it('WKST decides which weeks an every-other-week rule counts', () => {
    // from Tuesday 2026-03-03, every other week on Tuesday and Sunday: with WKST=SU the Sunday
    // 2026-03-08 starts a new (skipped) week; with WKST=MO it belongs to the first week
    expect(occurrences(rule('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SU;WKST=SU'), '2026-03-03', '2026-03-01', '2026-03-16')).toEqual([
      '2026-03-03',
      '2026-03-15',
    ]);
    expect(occurrences(rule('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SU'), '2026-03-03', '2026-03-01', '2026-03-16')).toEqual([
      '2026-03-03',
      '2026-03-08',
    ]);
  });
});
