import { describe, expect, it } from 'vitest';
import { checkVisitTimes, dateInZone, judgeProvider } from './visit-rules.js';

const now = new Date('2026-11-27T15:00:00Z');

describe('checkVisitTimes', () => {
  it('lets a planned visit lie in the future, but not a finished one', () => {
    const later = new Date('2026-11-28T14:00:00Z');
    const base = { startsAt: later, endsAt: null, providerId: 'p', now };
    expect(checkVisitTimes({ ...base, status: 'planned' })).toEqual([]);
    expect(checkVisitTimes({ ...base, status: 'finished' }).map((v) => v.field)).toEqual(['startsAt']);
    expect(checkVisitTimes({ ...base, status: 'in_progress' }).map((v) => v.field)).toEqual(['startsAt']);
  });

  it('refuses an end before the start and a finished visit without a provider', () => {
    const v = checkVisitTimes({
      status: 'finished',
      startsAt: new Date('2026-11-27T14:00:00Z'),
      endsAt: new Date('2026-11-27T13:59:00Z'),
      providerId: null,
      now,
    });
    expect(v.map((x) => x.field)).toEqual(['endsAt', 'providerId']);
  });
});

describe('judgeProvider', () => {
  const ok = {
    name: 'Priya Raman',
    hireDate: '2020-01-01',
    terminationDate: null,
    qualification: { qualified: true, reasons: [] },
  };
  const lapsed = { ...ok, qualification: { qualified: false, reasons: ['APRN licence (OH) expired 2026-11-02'] } };

  it('has nothing to say of a qualified provider', () => {
    expect(judgeProvider('finished', '2026-11-20', ok)).toEqual({ violation: null, warning: null });
  });

  it('refuses an unqualified provider for a finished visit, naming why', () => {
    const r = judgeProvider('finished', '2026-11-20', lapsed);
    expect(r.violation).toEqual({
      field: 'providerId',
      message: 'Priya Raman is not qualified to render a visit on 2026-11-20: APRN licence (OH) expired 2026-11-02',
    });
  });

  it('only warns for a planned or in-progress visit, and says nothing for a cancelled one', () => {
    expect(judgeProvider('planned', '2026-12-01', lapsed).violation).toBeNull();
    expect(judgeProvider('planned', '2026-12-01', lapsed).warning).toMatch(/cannot be finished/);
    expect(judgeProvider('in_progress', '2026-12-01', lapsed).warning).not.toBeNull();
    expect(judgeProvider('cancelled', '2026-12-01', lapsed)).toEqual({ violation: null, warning: null });
  });

  it('counts employment dates: before hire or after termination is refused', () => {
    expect(judgeProvider('finished', '2019-12-31', ok).violation?.message).toMatch(/not yet employed \(hired 2020-01-01\)/);
    const left = { ...ok, terminationDate: '2026-06-30' };
    expect(judgeProvider('finished', '2026-06-30', left).violation).toBeNull();
    expect(judgeProvider('finished', '2026-07-01', left).violation?.message).toMatch(/no longer employed/);
  });
});

describe('dateInZone', () => {
  it('takes the date of service in the facility zone, across DST', () => {
    // 02:30 UTC on 2026-11-02 is still the evening of 1 November in New York (EST since 1 November).
    expect(dateInZone(new Date('2026-11-02T02:30:00Z'), 'America/New_York')).toBe('2026-11-01');
    expect(dateInZone(new Date('2026-11-02T05:30:00Z'), 'America/New_York')).toBe('2026-11-02');
    // Summer (EDT, UTC-4): 03:59 UTC is 23:59 the day before.
    expect(dateInZone(new Date('2026-07-15T03:59:00Z'), 'America/New_York')).toBe('2026-07-14');
    expect(dateInZone(new Date('2026-07-15T04:00:00Z'), 'America/New_York')).toBe('2026-07-15');
  });
});
