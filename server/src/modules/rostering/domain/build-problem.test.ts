import { describe, expect, it } from 'vitest';
import { buildProblem, cannotFollow, DEFAULT_CONTRACTS, type ShiftTypeInput } from './build-problem.js';
import { evaluateRoster } from './evaluate.js';

const shiftTypes: ShiftTypeInput[] = [
  { id: 'st-d', code: 'D', startTime: '07:00', minutes: 480, positions: ['rn', 'cna'] },
  { id: 'st-e', code: 'E', startTime: '15:00', minutes: 480, positions: ['rn', 'cna'] },
  { id: 'st-n', code: 'N', startTime: '23:00', minutes: 480, positions: ['rn', 'cna'] },
];

const ana = {
  id: 'ana',
  name: 'Ana Ruiz',
  position: 'rn',
  employmentType: 'full_time' as const,
  contract: null,
  flsaExempt: false,
  hourlyRateCents: 4200,
};
const tom = {
  id: 'tom',
  name: 'Tom Ito',
  position: 'cna',
  employmentType: 'part_time' as const,
  contract: null,
  flsaExempt: false,
  hourlyRateCents: 2000,
};

const base = {
  startDate: '2026-11-30', // a Monday
  days: 14,
  shiftTypes,
  demands: [
    { shiftTypeId: 'st-d', position: 'rn', weekday: 0, onDate: null, required: 1 },
    { shiftTypeId: 'st-d', position: 'cna', weekday: 0, onDate: null, required: 3 },
    { shiftTypeId: 'st-d', position: 'cna', weekday: null, onDate: '2026-12-07', required: 5 },
  ],
  people: [ana, tom],
  leave: [{ staffMemberId: 'tom', startsOn: '2026-12-01', endsOn: '2026-12-02' }],
  requests: [
    { staffMemberId: 'ana', onDate: '2026-12-03', shiftTypeId: null, kind: 'off' as const, weight: 3 },
    { staffMemberId: 'tom', onDate: '2026-12-04', shiftTypeId: 'st-e', kind: 'on' as const, weight: 2 },
  ],
  // Ana's licence expires on 2026-12-05: from then on she may not work
  credentialReasons: (id: string, date: string) => (id === 'ana' && date > '2026-12-05' ? ['RN licence expired 2026-12-05'] : []),
};

describe('buildProblem', () => {
  const p = buildProblem(base);

  it('derives rest rules from the times: 10 h of rest forbids evening or night before an early day', () => {
    const f = cannotFollow(shiftTypes, 600);
    expect(f.get('N')).toEqual(['D', 'E']);
    expect(f.get('E')).toEqual(['D']);
    expect(f.get('D')).toEqual([]);
  });

  it('puts demand per weekday and lets a dated demand replace it', () => {
    const mondays = p.cover.filter((c) => c.shift === 'D' && c.skill === 'cna');
    expect(mondays.map((c) => [c.day, c.requirement])).toEqual([
      [0, 3],
      [7, 5],
    ]);
  });

  it('turns leave into hard days off and reduces the contract minimum pro rata', () => {
    expect(p.daysOff.tom).toEqual([1, 2]);
    const tom = p.employees.find((e) => e.id === 'tom');
    expect(tom?.minTotalMinutes).toBe(Math.floor((16 * 60 * 2 * 12) / 14));
    expect(tom?.maxTotalMinutes).toBe(32 * 60 * 2);
    expect(tom?.skills).toEqual(['cna']);
  });

  it('expands a day-off request to every shift of the day and keeps shift-on requests', () => {
    expect(p.shiftOffRequests.filter((r) => r.employee === 'ana').map((r) => r.shift)).toEqual(['D', 'E', 'N']);
    expect(p.shiftOnRequests).toEqual([{ employee: 'tom', day: 4, shift: 'E', weight: 2 }]);
  });

  it('gates cells by the credential reasons, per date, with the reason', () => {
    const ana = (p.disallowed ?? []).filter((d) => d.employee === 'ana');
    expect(new Set(ana.map((d) => d.day))).toEqual(new Set([6, 7, 8, 9, 10, 11, 12, 13]));
    expect(ana[0]?.reason).toBe('RN licence expired 2026-12-05');
    // her minimum hours shrink with the 8 days she may not work
    expect(p.employees.find((e) => e.id === 'ana')?.minTotalMinutes).toBe(Math.floor((32 * 60 * 2 * 6) / 14));
    // the evaluator reports a roster that places her anyway
    const roster = p.employees.map((e) => Array.from({ length: 14 }, (_, d) => (e.id === 'ana' && d === 6 ? 'D' : null)));
    const ev = evaluateRoster(p, roster);
    expect(ev.violations.some((v) => v.constraint === 'not-allowed' && v.employee === 'ana' && v.days.includes(6))).toBe(true);
  });

  it('takes the shortest run of shifts from the contract and the rest rule from the unit', () => {
    const own = { ...DEFAULT_CONTRACTS.full_time, minConsecutiveShifts: 2 };
    const q = buildProblem({
      ...base,
      people: [{ ...ana, contract: own }],
      minRestMinutes: 8 * 60,
    });
    expect(q.employees[0]?.minConsecutiveShifts).toBe(2);
    // 8 hours of rest: evening (ends 23:00) to day (07:00) and night (ends 07:00) to evening are
    // allowed, night to day is not
    expect(Object.fromEntries(q.shifts.map((s) => [s.id, s.cannotFollow]))).toEqual({ D: [], E: [], N: ['D'] });
    // the defaults: 1 and 10 hours
    expect(p.employees[0]?.minConsecutiveShifts).toBe(1);
    expect(p.shifts.find((s) => s.id === 'E')?.cannotFollow).toEqual(['D']);
  });

  it('limits shifts of a type per 4 weeks, rounded up for a shorter roster, the tighter of it and the nights limit', () => {
    const own = { ...DEFAULT_CONTRACTS.full_time, maxNightsPer4Weeks: 4, maxShiftsPer4Weeks: { E: 3, N: 8, X: 1 } };
    const person = { ...ana, contract: own };
    // two weeks: E 3 a month is 2 (1.5 rounded up), N the nights limit's 2 beats 4; X is no shift here
    const two = buildProblem({ ...base, people: [person] });
    expect(two.employees[0]?.maxShifts).toEqual({ E: 2, N: 2 });
    // eight weeks: twice the monthly figures
    const eight = buildProblem({ ...base, days: 56, people: [person] });
    expect(eight.employees[0]?.maxShifts).toEqual({ E: 6, N: 8 });
  });

  it('gives non-exempt people an FLSA overtime term weighed by their pay, and exempt people none', () => {
    // Tom, $20/h: 0.05 a minute (see soft-terms.ts); Ana, $42/h, is capped at 50 per 8 h shift
    expect(p.employees.find((e) => e.id === 'tom')?.overtime).toEqual({ weeklyMinutes: 2400, weightPerMinute: 0.05 });
    expect(p.employees.find((e) => e.id === 'ana')?.overtime?.weightPerMinute).toBeCloseTo(50 / 480, 12);
    const exempt = buildProblem({ ...base, people: [{ ...ana, flsaExempt: true }] });
    expect(exempt.employees[0]?.overtime).toBeUndefined();
  });

  it('places the overtime term on the facility workweek with the minutes worked before the roster', () => {
    // a Sunday workweek; Tom worked 10 hours of it on the roster before, Ana nothing
    const q = buildProblem({
      ...base,
      workweekStartMinute: -1440,
      people: [
        { ...tom, minutesBefore: [600] },
        { ...ana, minutesBefore: [0] },
      ],
    });
    expect(q.employees.find((e) => e.id === 'tom')?.overtime).toEqual({
      weeklyMinutes: 2400,
      weightPerMinute: 0.05,
      weekStartMinute: -1440,
      minutesBefore: [600],
    });
    expect(q.employees.find((e) => e.id === 'ana')?.overtime).toMatchObject({ weekStartMinute: -1440 });
    expect(q.employees.find((e) => e.id === 'ana')?.overtime?.minutesBefore).toBeUndefined();
    // Tom's Monday to Friday days are 40 hours in the Sunday week: with the 10 hours before, 10 over
    const row = Array.from({ length: 14 }, (_, d) => (d < 5 ? 'D' : null));
    const ev = evaluateRoster(q, [row, Array.from({ length: 14 }, () => null)]);
    expect(ev.breakdown.overtime).toBeCloseTo(600 * 0.05, 12);
  });

  it('sets fair-share targets for nights and weekends from the demand and the contracts', () => {
    // two CNAs, full time (32-40 h: 36 h expected) and part time (16-32 h: 24 h), no leave; every
    // day 1 CNA on nights, and on weekends 2 on days as well
    const q = buildProblem({
      ...base,
      leave: [],
      credentialReasons: () => [],
      demands: [
        ...[0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ shiftTypeId: 'st-n', position: 'cna', weekday, onDate: null, required: 1 })),
        ...[5, 6].map((weekday) => ({ shiftTypeId: 'st-d', position: 'cna', weekday, onDate: null, required: 2 })),
      ],
      people: [
        { ...tom, id: 'ft', employmentType: 'full_time' as const },
        { ...tom, id: 'pt' },
      ],
    });
    // 14 nights shared 36:24, i.e. 8.4 and 5.6, rounded up; weekends: 3 heads a day, 2 weekends =
    // 6 person-weekends, 3.6 and 2.4 rounded up. Weight 2 each (soft-terms.ts).
    const fairness = Object.fromEntries(q.employees.map((e) => [e.id, e.fairness]));
    expect(fairness).toEqual({
      ft: { nightShifts: ['N'], nightTarget: 9, weekendTarget: 4, weight: 2 },
      pt: { nightShifts: ['N'], nightTarget: 6, weekendTarget: 3, weight: 2 },
    });
    // and the evaluator charges them: ft on 10 nights (1 over) and 2 weekends (none over)
    const row = (days: number[]) => Array.from({ length: 14 }, (_, d) => (days.includes(d) ? 'N' : null));
    const ev = evaluateRoster(q, [row([0, 1, 2, 3, 5, 7, 8, 9, 10, 12]), row([])]);
    expect(ev.breakdown.fairness).toBe(2);
  });

  it('adds a Sunday at day 0 to the weekend share of those whose Saturday before was off', () => {
    // from Sunday 2026-11-29, 14 days, weekend days only: 2 CNAs on days (Sat and Sun), so the
    // weekends 5/6 Dec and 12 Dec (a Saturday alone) are 4 person-weekends, 2 each at equal
    // capacity; day 0's 2 heads count only for the one whose Saturday was off
    const people = [
      { ...tom, id: 'sat', runBefore: { worked: true, days: 2 } },
      { ...tom, id: 'off', runBefore: { worked: false, days: 1 } },
    ];
    const q = buildProblem({
      ...base,
      startDate: '2026-11-29',
      leave: [],
      credentialReasons: () => [],
      demands: [5, 6].map((weekday) => ({ shiftTypeId: 'st-d', position: 'cna', weekday, onDate: null, required: 2 })),
      people,
    });
    const target = Object.fromEntries(q.employees.map((e) => [e.id, e.fairness?.weekendTarget]));
    expect(target).toEqual({ sat: 2, off: 4 });
  });

  it('passes the run before the roster to the engine, and leaves people without history as they were', () => {
    const q = buildProblem({ ...base, people: [{ ...ana, runBefore: { worked: true, days: 4 } }, tom] });
    expect(q.employees[0]?.before).toEqual({ worked: true, days: 4 });
    expect(q.employees[0]).toEqual({ ...p.employees[0], before: { worked: true, days: 4 } });
    expect('before' in (q.employees[1] ?? {})).toBe(false);
    // no history at all: the very problem built before history existed
    expect(buildProblem({ ...base, people: [{ ...ana }, { ...tom }] })).toEqual(p);
    expect(JSON.stringify(buildProblem({ ...base }))).toBe(JSON.stringify(p));
  });

  it('closes the cells too close to the last shift before the roster, with the reason, not as a lost day', () => {
    // Ana's night on the day before the roster ends at 07:00 on day 0: with 10 h of rest, day 0's
    // day (07:00) and evening (15:00) are closed to her, the night (23:00) is not
    const night = { date: '2026-11-29', startTime: '23:00', minutes: 480, code: 'N' };
    const q = buildProblem({ ...base, people: [{ ...ana, lastShiftBefore: night }, tom] });
    const reason = 'less than 10 h rest after the N shift ending 07:00 on 2026-11-30';
    expect(q.restBefore).toEqual([
      { employee: 'ana', day: 0, shift: 'D', reason },
      { employee: 'ana', day: 0, shift: 'E', reason },
    ]);
    // not the credential gate: that is as it was
    expect(q.disallowed).toEqual(p.disallowed);
    // her minimum hours are those without the rest rule: a shift type on one day is not a day lost
    expect(q.employees[0]?.minTotalMinutes).toBe(p.employees[0]?.minTotalMinutes);
    // placed there anyway, it breaks the rest rule as a shift after a night inside the roster
    // would (cannot-follow), and she still counts toward the day's cover
    const roster = q.employees.map((e) => Array.from({ length: 14 }, (_, d) => (e.id === 'ana' && d === 0 ? 'D' : null)));
    const ev = evaluateRoster(q, roster);
    expect(ev.violations.map((v) => [v.constraint, v.message])).toContainEqual([
      'cannot-follow',
      `ana: shift D on day 0: ${reason}`,
    ]);
    expect(ev.violations.some((v) => v.constraint === 'not-allowed')).toBe(false);
    const dayCover = q.cover.findIndex((c) => c.day === 0 && c.shift === 'D' && c.skill === 'rn');
    expect(ev.coverCounts[dayCover]).toBe(1);

    // a 16-hour shift ending at 23:00 on day 0 reaches day 1's day shift; 8 h 30 of rest is the unit's
    const long = { date: '2026-11-30', startTime: '07:00', minutes: 960 };
    const r = buildProblem({ ...base, people: [{ ...ana, lastShiftBefore: long }], minRestMinutes: 8 * 60 + 30 });
    expect((r.restBefore ?? []).map((d) => [d.day, d.shift, d.reason])).toEqual([
      [0, 'D', 'less than 8 h 30 min rest after the shift ending 23:00 on 2026-11-30'],
      [0, 'E', 'less than 8 h 30 min rest after the shift ending 23:00 on 2026-11-30'],
      [0, 'N', 'less than 8 h 30 min rest after the shift ending 23:00 on 2026-11-30'],
      [1, 'D', 'less than 8 h 30 min rest after the shift ending 23:00 on 2026-11-30'],
    ]);

    // a shift that left enough rest closes nothing: the problem is as without it
    const early = { date: '2026-11-29', startTime: '07:00', minutes: 480, code: 'D' };
    expect(buildProblem({ ...base, people: [{ ...ana, lastShiftBefore: early }, tom] })).toEqual(p);
  });
});
