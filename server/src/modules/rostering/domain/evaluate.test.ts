import { describe, expect, it } from 'vitest';
import { evaluateRoster } from './evaluate.js';
import type { Employee, RosterProblem } from './model.js';

const contract = (over: Partial<Employee> & { id: string }): Employee => ({
  maxShifts: {},
  maxTotalMinutes: 10_000,
  minTotalMinutes: 0,
  maxConsecutiveShifts: 7,
  minConsecutiveShifts: 1,
  minConsecutiveDaysOff: 1,
  maxWeekends: 4,
  ...over,
});

// One week, Monday to Sunday; N may not be followed by D.
const week = (employees: Employee[], extra: Partial<RosterProblem> = {}): RosterProblem => ({
  horizonDays: 7,
  shifts: [
    { id: 'D', minutes: 480, cannotFollow: [] },
    { id: 'N', minutes: 480, cannotFollow: ['D'] },
  ],
  employees,
  daysOff: {},
  shiftOnRequests: [],
  shiftOffRequests: [],
  cover: [],
  ...extra,
});

const brief = (r: ReturnType<typeof evaluateRoster>) =>
  r.violations.map((v) => `${v.constraint} ${v.employee} ${v.days.join(',')}`);

describe('evaluateRoster', () => {
  it('finds every hard violation and the soft penalty of a hand-checked roster', () => {
    const problem = week(
      [
        contract({
          id: 'A',
          maxShifts: { D: 5, N: 2 },
          maxTotalMinutes: 2400,
          minTotalMinutes: 1440,
          maxConsecutiveShifts: 3,
          minConsecutiveShifts: 2,
          minConsecutiveDaysOff: 2,
          maxWeekends: 0,
        }),
        contract({
          id: 'B',
          maxShifts: { D: 7, N: 0 },
          maxTotalMinutes: 2400,
          minTotalMinutes: 1440,
          maxConsecutiveShifts: 3,
          minConsecutiveShifts: 2,
          maxWeekends: 1,
        }),
      ],
      {
        daysOff: { B: [2] },
        shiftOnRequests: [
          { employee: 'A', day: 0, shift: 'D', weight: 2 }, // granted
          { employee: 'A', day: 3, shift: 'D', weight: 3 }, // A works N that day: still paid
        ],
        shiftOffRequests: [
          { employee: 'B', day: 4, shift: 'D', weight: 1 }, // B works D: paid
          { employee: 'A', day: 5, shift: 'N', weight: 5 }, // A is off: free
        ],
        cover: [
          { day: 0, shift: 'D', requirement: 2, weightUnder: 100, weightOver: 1 }, // 1 there: 100
          { day: 1, shift: 'D', requirement: 1, weightUnder: 100, weightOver: 1 }, // 2 there: 1
          { day: 3, shift: 'N', requirement: 1, weightUnder: 100, weightOver: 1 }, // exact
          { day: 6, shift: 'D', requirement: 1, weightUnder: 100, weightOver: 1 }, // 2 there: 1
        ],
      },
    );
    const r = evaluateRoster(problem, [
      ['D', 'D', null, 'N', 'D', null, 'D'],
      [null, 'D', null, 'D', 'D', 'D', 'D'],
    ]);
    expect(brief(r)).toEqual([
      'cannot-follow A 3,4',
      'min-consecutive-days-off A 2',
      'min-consecutive-days-off A 5',
      'max-weekends A 6',
      'min-consecutive-shifts B 1',
      'max-consecutive-shifts B 3,4,5,6',
    ]);
    expect(r.breakdown).toEqual({
      shiftOnRequests: 3,
      shiftOffRequests: 1,
      underCover: 100,
      overCover: 2,
      overtime: 0,
      fairness: 0,
    });
    expect(r.objective).toBe(106);
    expect(r.feasible).toBe(false);
    expect(r.shortfall).toEqual([{ day: 0, shift: 'D', required: 2, assigned: 1, short: 1 }]);
    expect(r.violations[0]?.message).toBe('A: shift D on day 4 may not follow N on day 3');
  });

  it('exempts runs of work and of days off that touch either end of the horizon', () => {
    const problem = week([contract({ id: 'A', minConsecutiveShifts: 3, minConsecutiveDaysOff: 3 })]);
    // work runs of 1 at both ends, off runs of 1 next to them: all touch an end or are long enough
    expect(brief(evaluateRoster(problem, [['D', null, null, null, 'D', 'D', 'D']]))).toEqual([]);
    expect(brief(evaluateRoster(problem, [[null, 'D', 'D', 'D', null, null, null]]))).toEqual([]);
    expect(brief(evaluateRoster(problem, [['D', 'D', 'D', null, 'D', 'D', 'D']]))).toEqual(['min-consecutive-days-off A 3']);
    expect(brief(evaluateRoster(problem, [[null, null, null, 'D', null, null, null]]))).toEqual(['min-consecutive-shifts A 3']);
    expect(brief(evaluateRoster(problem, [[null, 'D', null, null, null, 'D', 'D']]))).toEqual(['min-consecutive-shifts A 1']);
  });

  it('continues or ends the run before the roster at day 0, where it is known', () => {
    const a = contract({ id: 'A', maxConsecutiveShifts: 5, minConsecutiveShifts: 2, minConsecutiveDaysOff: 2 });
    const worked = (days: number) => week([{ ...a, before: { worked: true, days } }]);
    const off = (days: number) => week([{ ...a, before: { worked: false, days } }]);
    const unknown = week([a]);
    // four shifts before the roster and two more: six in a row, at most five
    const two: (string | null)[] = ['D', 'D', null, null, 'D', 'D', 'D'];
    const r = evaluateRoster(worked(4), [two]);
    expect(brief(r)).toEqual(['max-consecutive-shifts A 0,1']);
    expect(r.violations[0]?.message).toBe('A: 6 consecutive shifts on days 0-1 (4 of them before the roster), at most 5');
    expect(brief(evaluateRoster(worked(3), [two]))).toEqual([]);
    expect(brief(evaluateRoster(unknown, [two]))).toEqual([]);
    // one day off before the roster, then a shift on day 0: the day off was too short
    const r2 = evaluateRoster(off(1), [two]);
    expect(brief(r2)).toEqual(['min-consecutive-days-off A 0']);
    expect(r2.violations[0]?.message).toBe(
      'A: 1 consecutive day(s) off up to the day before the roster, then works on day 0, at least 2',
    );
    expect(brief(evaluateRoster(off(2), [two]))).toEqual([]);
    // one shift before the roster, then off on day 0: that run was too short
    const late: (string | null)[] = [null, null, 'D', 'D', null, null, 'D'];
    expect(brief(evaluateRoster(worked(1), [late]))).toEqual(['min-consecutive-shifts A 0']);
    expect(brief(evaluateRoster(unknown, [late]))).toEqual([]);
    // a day off on day 0 after work, then a shift: not exempt any more, as the roster knows the day before
    const single: (string | null)[] = [null, 'D', 'D', null, null, 'D', 'D'];
    expect(brief(evaluateRoster(worked(2), [single]))).toEqual(['min-consecutive-days-off A 0']);
    expect(brief(evaluateRoster(unknown, [single]))).toEqual([]);
    // one day off before and one on day 0 make two; a single shift on day 0 after a long rest is a run of one
    expect(brief(evaluateRoster(off(1), [single]))).toEqual([]);
    expect(brief(evaluateRoster(off(5), [['D', null, null, 'D', 'D', null, null]]))).toEqual(['min-consecutive-shifts A 0']);
    // a run that reaches the horizon's end stays exempt from its minimum
    expect(brief(evaluateRoster(off(1), [[null, null, null, null, null, null, null]]))).toEqual([]);
  });

  it('counts a Sunday at day 0 as a weekend of its own after a Saturday off before the roster', () => {
    // a roster from a Sunday: its day 0's weekend began on the Saturday before, in the roster before
    const a = contract({ id: 'A', maxWeekends: 0 });
    const sunday = (before?: { worked: boolean; days: number }) =>
      week([{ ...a, ...(before ? { before } : {}) }], { startWeekday: 6 });
    const row: (string | null)[] = ['D', null, null, null, null, null, null];
    // Saturday off: the roster before counted no weekend, so this one counts it
    const r = evaluateRoster(sunday({ worked: false, days: 1 }), [row]);
    expect(brief(r)).toEqual(['max-weekends A 0']);
    // Saturday worked: the roster before counted it; nothing known: as the benchmark has it
    expect(brief(evaluateRoster(sunday({ worked: true, days: 1 }), [row]))).toEqual([]);
    expect(brief(evaluateRoster(sunday(), [row]))).toEqual([]);
    // the next Saturday (day 6) is another weekend: two in all
    const both = evaluateRoster(
      { ...sunday({ worked: false, days: 3 }), employees: [{ ...a, maxWeekends: 1, before: { worked: false, days: 3 } }] },
      [['D', null, null, null, null, null, 'D']],
    );
    expect(both.violations.map((v) => v.message)).toEqual(['A: works 2 weekends, at most 1']);
  });

  it('counts a weekend once whether Saturday, Sunday or both are worked, and a run across the week end', () => {
    const problem: RosterProblem = {
      ...week([contract({ id: 'A', maxWeekends: 1, maxConsecutiveShifts: 2 })]),
      horizonDays: 14,
    };
    const off = Array.from({ length: 14 }, () => null as string | null);
    const both = [...off];
    both[5] = 'D';
    both[6] = 'D';
    expect(brief(evaluateRoster(problem, [both]))).toEqual([]);
    const two = [...off];
    two[6] = 'D';
    two[7] = 'D'; // Sunday then Monday: a run of 2, one weekend
    two[12] = 'N'; // next Saturday: a second weekend
    expect(brief(evaluateRoster(problem, [two]))).toEqual(['max-weekends A 6,12']);
    two[8] = 'D';
    expect(brief(evaluateRoster(problem, [two]))).toContain('max-consecutive-shifts A 6,7,8');
  });

  it('counts weekends by the calendar on a roster that starts on a Sunday, each by its Saturday', () => {
    // day 0 is Sunday 2026-11-29: days 6 and 7 are Saturday and Sunday, day 13 the last Saturday
    const problem: RosterProblem = { ...week([contract({ id: 'A', maxWeekends: 1 })]), horizonDays: 14, startWeekday: 6 };
    const off = Array.from({ length: 14 }, () => null as string | null);
    const one = [...off];
    one[6] = 'D';
    one[7] = 'D';
    one[5] = 'D'; // a Friday
    expect(brief(evaluateRoster(problem, [one]))).toEqual([]);
    const cut = [...off];
    cut[0] = 'D'; // the Sunday whose Saturday was the roster before's: that roster's weekend
    cut[13] = 'D'; // the last Saturday: this roster's weekend, whose Sunday is the next roster's
    expect(brief(evaluateRoster(problem, [cut]))).toEqual([]);
    cut[6] = 'D';
    expect(brief(evaluateRoster(problem, [cut]))).toEqual(['max-weekends A 6,13']);
    cut[6] = null;
    // a Friday and a Saturday here; on a Monday roster the same days are a Saturday and a Sunday
    const apart = [...off];
    apart[5] = 'D';
    apart[13] = 'D';
    expect(brief(evaluateRoster(problem, [apart]))).toEqual([]);
    expect(brief(evaluateRoster({ ...problem, startWeekday: 0 }, [apart]))).toEqual(['max-weekends A 5,13']);
    // and days 0 and 13, a Monday and a Sunday there, are one weekend
    expect(brief(evaluateRoster({ ...problem, startWeekday: 0 }, [cut]))).toEqual([]);
    // a roster from a Saturday counts its first weekend whole: day 0 and day 8 (a Sunday) are two
    const saturday = { ...problem, startWeekday: 5 };
    const fromSaturday = [...off];
    fromSaturday[0] = 'D';
    fromSaturday[8] = 'D';
    expect(brief(evaluateRoster(saturday, [fromSaturday]))).toEqual(['max-weekends A 0,8']);
  });

  it('checks cannot-follow only between consecutive days, and minutes, shift counts, days off and the gate', () => {
    const problem = week(
      [
        contract({ id: 'A', maxShifts: { N: 1 }, maxTotalMinutes: 1440, minTotalMinutes: 960 }),
        contract({ id: 'B', minTotalMinutes: 960 }),
      ],
      { daysOff: { A: [6] }, disallowed: [{ employee: 'B', day: 2, shift: 'N', reason: 'no RN licence on that date' }] },
    );
    const r = evaluateRoster(problem, [
      ['N', null, 'D', 'N', null, 'N', 'D'],
      [null, null, 'N', null, null, null, null],
    ]);
    expect(brief(r)).toEqual([
      'cannot-follow A 5,6',
      'max-shifts A 0,3,5',
      'max-total-minutes A 0,2,3,5,6',
      'day-off A 6',
      'min-total-minutes B 2',
      'not-allowed B 2',
    ]);
    // N on day 0 then off, N on day 5 then D on day 6: only the second breaks cannot-follow
    const cf = evaluateRoster(week([contract({ id: 'A' })]), [['N', null, 'D', null, null, 'N', 'D']]);
    expect(brief(cf)).toEqual(['cannot-follow A 5,6']);
  });

  it('counts only employees with the skill toward a skill demand', () => {
    const problem = week([contract({ id: 'A', skills: ['RN'] }), contract({ id: 'B', skills: ['CNA'] })], {
      cover: [
        { day: 0, shift: 'D', skill: 'RN', requirement: 1, weightUnder: 100, weightOver: 1 },
        { day: 0, shift: 'D', skill: 'CNA', requirement: 2, weightUnder: 50, weightOver: 1 },
        { day: 0, shift: 'D', requirement: 2, weightUnder: 10, weightOver: 1 },
      ],
    });
    const r = evaluateRoster(problem, [
      ['D', null, null, null, null, null, null],
      ['D', null, null, null, null, null, null],
    ]);
    expect(r.objective).toBe(50);
    expect(r.shortfall).toEqual([{ day: 0, shift: 'D', skill: 'CNA', required: 2, assigned: 1, short: 1 }]);
  });

  it('does not count a person the credential gate shuts out toward cover: the place shows as short', () => {
    // A is an RN whose licence lapsed on day 0 (gated for every shift), B an RN gated only from N
    const problem = week([contract({ id: 'A', skills: ['RN'] }), contract({ id: 'B', skills: ['RN'] })], {
      disallowed: [
        { employee: 'A', day: 0, reason: 'RN licence expired' },
        { employee: 'B', day: 1, shift: 'N', reason: 'not oriented for nights' },
      ],
      cover: [
        { day: 0, shift: 'D', skill: 'RN', requirement: 2, weightUnder: 100, weightOver: 1 },
        { day: 1, shift: 'D', skill: 'RN', requirement: 1, weightUnder: 100, weightOver: 1 },
        { day: 1, shift: 'N', skill: 'RN', requirement: 1, weightUnder: 100, weightOver: 1 },
      ],
    });
    const r = evaluateRoster(problem, [
      ['D', null, null, null, null, null, null],
      ['D', 'N', null, null, null, null, null],
    ]);
    // still a hard violation each...
    expect(brief(r)).toEqual(['not-allowed A 0', 'not-allowed B 1']);
    // ...and neither fills its place: day 0 D has 1 of 2, day 1 N 0 of 1; B's D on day 0 counts
    expect(r.coverCounts).toEqual([1, 0, 0]);
    expect(r.shortfall).toEqual([
      { day: 0, shift: 'D', skill: 'RN', required: 2, assigned: 1, short: 1 },
      { day: 1, shift: 'D', skill: 'RN', required: 1, assigned: 0, short: 1 },
      { day: 1, shift: 'N', skill: 'RN', required: 1, assigned: 0, short: 1 },
    ]);
    expect(r.breakdown.underCover).toBe(300);
  });

  it('still counts a shift worked on a day off toward cover, as the benchmark objective does', () => {
    const problem = week([contract({ id: 'A' })], {
      daysOff: { A: [0] },
      cover: [{ day: 0, shift: 'D', requirement: 1, weightUnder: 100, weightOver: 1 }],
    });
    const r = evaluateRoster(problem, [['D', null, null, null, null, null, null]]);
    expect(brief(r)).toEqual(['day-off A 0']);
    expect(r.coverCounts).toEqual([1]);
    expect(r.shortfall).toEqual([]);
    expect(r.objective).toBe(0);
  });

  it('charges overtime per week of the horizon, each week standing alone', () => {
    // 16 days: weeks 0-6, 7-13 and a short week 14-15. 10 h shifts (600 min), 2400 min a week.
    const problem: RosterProblem = {
      ...week([contract({ id: 'A', overtime: { weeklyMinutes: 2400, weightPerMinute: 0.05 } }), contract({ id: 'B' })]),
      horizonDays: 16,
      shifts: [{ id: 'L', minutes: 600, cannotFollow: [] }],
    };
    const row = (days: number[]) => Array.from({ length: 16 }, (_, d) => (days.includes(d) ? 'L' : null));
    // A: 5 shifts in week 0 (3000 min, 600 over), 3 in week 1 (1800, none over; no averaging with
    // week 0), 2 in the short week (1200, none). B works the same 5 days and has no overtime term.
    const r = evaluateRoster(problem, [row([0, 1, 2, 3, 4, 7, 8, 9, 14, 15]), row([0, 1, 2, 3, 4])]);
    expect(r.breakdown.overtime).toBeCloseTo(600 * 0.05, 9);
    expect(r.objective).toBeCloseTo(30, 9);
    // one more shift in week 1 makes 2400 there: still nothing over; a sixth in week 0 adds 600 more
    const more = evaluateRoster(problem, [row([0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 14, 15]), row([])]);
    expect(more.breakdown.overtime).toBeCloseTo(1200 * 0.05, 9);
  });

  it('counts the part of a Sunday night after midnight in the next week, as the payroll does', () => {
    // N: 23:00-07:00, so 60 minutes on its start day and 420 after midnight
    const problem: RosterProblem = {
      ...week([contract({ id: 'A', overtime: { weeklyMinutes: 2400, weightPerMinute: 1 } })]),
      horizonDays: 14,
      shifts: [{ id: 'N', minutes: 480, startMinute: 23 * 60, cannotFollow: [] }],
    };
    const row = (days: number[]) => [Array.from({ length: 14 }, (_, d) => (days.includes(d) ? 'N' : null))];
    // Sunday 6, then Monday to Friday of week 1: week 0 has 60 minutes, week 1 420 + 5 x 480 =
    // 2820, 420 over. Counted on its start day it would be 480 and 2400: no overtime at all.
    expect(evaluateRoster(problem, row([6, 7, 8, 9, 10, 11])).breakdown.overtime).toBe(420);
    // the last Sunday's minutes after midnight are the next roster's: week 1 = 5 x 480 + 60
    expect(evaluateRoster(problem, row([7, 8, 9, 10, 11, 13])).breakdown.overtime).toBe(60);
    // no start time (the benchmark's shifts): wholly on the start day
    const plain = { ...problem, shifts: [{ id: 'N', minutes: 480, cannotFollow: [] }] };
    expect(evaluateRoster(plain, row([6, 7, 8, 9, 10, 11])).breakdown.overtime).toBe(0);
  });

  it('charges each night and each weekend over the fair-share targets', () => {
    const fairness = { nightShifts: ['N'], nightTarget: 1, weekendTarget: 1, weight: 2 };
    const problem: RosterProblem = {
      ...week([contract({ id: 'A', fairness }), contract({ id: 'B', fairness: { ...fairness, weekendTarget: undefined } })]),
      horizonDays: 14,
    };
    // A: nights on days 0, 2 and 13 (3 nights, 2 over: 4); weekends worked: week 0 (Sat 5) and
    // week 1 (Sun 13) = 2, 1 over: 2. B: one night (at target) and both weekends (not counted).
    const r = evaluateRoster(problem, [
      ['N', null, 'N', null, null, 'D', null, null, null, null, null, null, null, 'N'],
      ['D', null, null, null, null, 'D', 'N', null, null, null, null, 'D', 'D', null],
    ]);
    expect(brief(r)).toEqual([]);
    expect(r.breakdown.fairness).toBe(4 + 2);
    expect(r.objective).toBe(6);
  });
});
