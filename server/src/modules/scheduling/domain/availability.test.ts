import { describe, expect, it } from 'vitest';
import { expandAvailability, type Template } from './availability.js';
import { parseRrule } from './rrule.js';

const NY = 'America/New_York';
const weekly = (byDay: string) => {
  const r = parseRrule(`FREQ=WEEKLY;BYDAY=${byDay}`);
  if (!r.ok) throw new Error(r.message);
  return r.rule;
};
const hours = (list: { start: number; end: number }[] | undefined) =>
  (list ?? []).map((i) => `${new Date(i.start).toISOString()}/${new Date(i.end).toISOString()}`);

const template = (over: Partial<Template> = {}): Template => ({
  resourceId: 'p1',
  rule: weekly('MO,TU,WE,TH,FR,SA,SU'),
  startTime: '08:00',
  endTime: '12:00',
  effectiveFrom: '2026-01-01',
  effectiveUntil: null,
  ...over,
});

describe('expandAvailability', () => {
  it('keeps 08:00-12:00 local across the spring-forward change (2026-03-08)', () => {
    const a = expandAvailability([template()], [], NY, '2026-03-07', '2026-03-09');
    expect(hours(a.get('p1'))).toEqual([
      '2026-03-07T13:00:00.000Z/2026-03-07T17:00:00.000Z',
      '2026-03-08T12:00:00.000Z/2026-03-08T16:00:00.000Z',
      '2026-03-09T12:00:00.000Z/2026-03-09T16:00:00.000Z',
    ]);
  });

  it('keeps 08:00-12:00 local across the fall-back change (2026-11-01)', () => {
    const a = expandAvailability([template()], [], NY, '2026-10-31', '2026-11-01');
    expect(hours(a.get('p1'))).toEqual([
      '2026-10-31T12:00:00.000Z/2026-10-31T16:00:00.000Z',
      '2026-11-01T13:00:00.000Z/2026-11-01T17:00:00.000Z',
    ]);
  });

  it('an evening session that spans the night of the change is one hour shorter or longer', () => {
    const a = expandAvailability([template({ startTime: '00:00', endTime: '04:00' })], [], NY, '2026-03-08', '2026-03-08');
    const [spring] = a.get('p1') ?? [];
    expect(((spring?.end ?? 0) - (spring?.start ?? 0)) / 3_600_000).toBe(3);
    const b = expandAvailability([template({ startTime: '00:00', endTime: '04:00' })], [], NY, '2026-11-01', '2026-11-01');
    const [fall] = b.get('p1') ?? [];
    expect(((fall?.end ?? 0) - (fall?.start ?? 0)) / 3_600_000).toBe(5);
  });

  it('honours effective ranges, merges adjoining templates and removes exceptions', () => {
    const templates = [
      template({ rule: weekly('MO'), effectiveUntil: '2026-03-09' }),
      template({ rule: weekly('MO'), startTime: '12:00', endTime: '16:00', effectiveFrom: '2026-03-09' }),
    ];
    const holiday = { resourceId: null, start: Date.parse('2026-03-16T04:00:00Z'), end: Date.parse('2026-03-17T04:00:00Z') };
    const meeting = { resourceId: 'p1', start: Date.parse('2026-03-09T14:00:00Z'), end: Date.parse('2026-03-09T15:00:00Z') };
    const other = { resourceId: 'p2', start: Date.parse('2026-03-09T12:00:00Z'), end: Date.parse('2026-03-09T20:00:00Z') };
    const a = expandAvailability(templates, [holiday, meeting, other], NY, '2026-03-02', '2026-03-23');
    expect(hours(a.get('p1'))).toEqual([
      '2026-03-02T13:00:00.000Z/2026-03-02T17:00:00.000Z',
      // 08:00-16:00 from two templates, less the 10:00-11:00 meeting
      '2026-03-09T12:00:00.000Z/2026-03-09T14:00:00.000Z',
      '2026-03-09T15:00:00.000Z/2026-03-09T20:00:00.000Z',
      // 2026-03-16 is a holiday
      '2026-03-23T16:00:00.000Z/2026-03-23T20:00:00.000Z',
    ]);
  });
});
