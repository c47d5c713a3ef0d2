import { describe, expect, it } from 'vitest';
import { computeOvertime, DEFAULT_WORKWEEK, type WorkedShift, workweekStartMinute } from './overtime.js';

const shifts = (n: number, minutes: number, rateCents: number, startMinute = 7 * 60): WorkedShift[] =>
  Array.from({ length: n }, (_, i) => ({ day: i, startMinute, minutes, rateCents }));
/** Day shifts from 07:00 of the given lengths in hours, day 0 first (0: a day off). */
const days = (hours: readonly number[], rateCents: number, firstDay = 0): WorkedShift[] =>
  hours.flatMap((h, i) => (h > 0 ? [{ day: firstDay + i, startMinute: 7 * 60, minutes: h * 60, rateCents }] : []));

const MONDAY = 0;
const SUNDAY = 6;
const DAY = 24 * 60;

describe('computeOvertime (rules.md 1.1)', () => {
  it('FLSA-1: $12.00/h, 46 h in a week: 6 overtime hours, $588 gross', () => {
    // 5 shifts of 8 h and one of 6 h
    const r = computeOvertime([...shifts(5, 480, 1200), { day: 5, startMinute: 420, minutes: 360, rateCents: 1200 }], {
      exempt: false,
    });
    const w = r.weeks[0];
    expect(w?.hours).toBe(46);
    expect(w?.overtimeHours).toBe(6);
    expect((w?.straightCents ?? 0) + (w?.premiumCents ?? 0)).toBe(58800);
    expect(r.overtimeCostCents).toBe(6 * 1800);
  });

  it('FLSA-3: two rates in one week use the weighted regular rate ($8.50), premium $34, gross $442', () => {
    const r = computeOvertime([...shifts(3, 480, 800), ...shifts(3, 480, 900).map((s) => ({ ...s, day: s.day + 3 }))], {
      exempt: false,
    });
    const w = r.weeks[0];
    expect(w?.hours).toBe(48);
    expect(w?.regularRateCents).toBe(850);
    expect(w?.premiumCents).toBe(3400);
    expect((w?.straightCents ?? 0) + (w?.premiumCents ?? 0)).toBe(44200);
  });

  it('FLSA-5: 38 hours worked is no overtime (holiday pay is not hours worked, so it is never a shift here)', () => {
    const r = computeOvertime(days([8, 8, 8, 8, 6], 2000), { exempt: false, days: 7 });
    expect(r.weeks.map((w) => [w.hours, w.overtimeHours])).toEqual([[38, 0]]);
  });

  it('880-1b: 36 h then 52 h under the 40-hour system is 12 overtime hours, $2,820 at $30', () => {
    const r = computeOvertime(days([12, 12, 12, 0, 0, 0, 0, 8, 8, 8, 8, 8, 12, 0], 3000), { exempt: false, days: 14 });
    expect(r.weeks.map((w) => w.hours)).toEqual([36, 52]);
    expect(r.overtimeHours).toBe(12);
    const gross = r.weeks.reduce((a, w) => a + w.straightCents + w.premiumCents, 0);
    expect(gross).toBe(282000);
  });

  it('each workweek stands alone: 46 h then 34 h is 6 overtime hours, not averaged', () => {
    const week1 = [...shifts(5, 480, 2000), { day: 5, startMinute: 420, minutes: 360, rateCents: 2000 }];
    const week2 = [...shifts(4, 480, 2000), { day: 4, startMinute: 420, minutes: 120, rateCents: 2000 }].map((s) => ({
      ...s,
      day: s.day + 7,
    }));
    const r = computeOvertime([...week1, ...week2], { exempt: false });
    expect(r.weeks.map((w) => w.overtimeHours)).toEqual([6, 0]);
  });

  it('a Sunday night shift counts 1 hour in its week and 7 in the next', () => {
    const r = computeOvertime([{ day: 6, startMinute: 23 * 60, minutes: 480, rateCents: 3000 }], { exempt: false, days: 14 });
    expect(r.weeks.map((w) => w.hours)).toEqual([1, 7]);
  });

  it('exempt staff owe no overtime', () => {
    const r = computeOvertime(shifts(6, 600, 5000), { exempt: true });
    expect(r.weeks[0]?.hours).toBe(60);
    expect(r.overtimeCostCents).toBe(0);
  });
});

describe('workweekStartMinute (29 CFR 778.105: any day, any hour)', () => {
  it('finds where the workweek holding a day began, from that day’s midnight', () => {
    expect(workweekStartMinute(MONDAY, DEFAULT_WORKWEEK)).toBe(0);
    // a Monday roster under a Sunday workweek: the week began the day before
    expect(workweekStartMinute(MONDAY, { startDay: SUNDAY, startHour: 0 })).toBe(-DAY);
    // Monday 07:00: at Monday 00:00 the previous week (from last Monday 07:00) is still running
    expect(workweekStartMinute(MONDAY, { startDay: MONDAY, startHour: 7 })).toBe(-(7 * DAY - 7 * 60));
    // Saturday 23:00 (nights from 23:00 stay whole)
    expect(workweekStartMinute(MONDAY, { startDay: 5, startHour: 23 })).toBe(-(DAY + 60));
    // Wednesday 00:00, seen from a Monday: five days back
    expect(workweekStartMinute(MONDAY, { startDay: 2, startHour: 0 })).toBe(-5 * DAY);
    expect(workweekStartMinute(SUNDAY, { startDay: SUNDAY, startHour: 0 })).toBe(0);
  });
});

describe('computeOvertime on the facility’s workweek', () => {
  // A Monday roster: Monday to Friday 8 h, then 12 h on Sunday (day 6).
  const week = days([8, 8, 8, 8, 8, 0, 12], 2000);

  it('the same shifts owe 12 overtime hours under a Monday workweek and none under a Sunday one', () => {
    const monday = computeOvertime(week, {
      exempt: false,
      days: 7,
      firstWeekStart: workweekStartMinute(MONDAY, DEFAULT_WORKWEEK),
    });
    expect(monday.weeks.map((w) => [w.hours, w.overtimeHours])).toEqual([[52, 12]]);
    expect(monday.overtimeCostCents).toBe(12 * 3000);

    // Sunday to Saturday: Monday-Friday (40 h) in the week that began the day before the roster,
    // the Sunday in the next one
    const sundayWeek = { startDay: SUNDAY, startHour: 0 };
    const sunday = computeOvertime(week, { exempt: false, days: 7, firstWeekStart: workweekStartMinute(MONDAY, sundayWeek) });
    expect(sunday.weeks.map((w) => [w.startMinute / DAY, w.hours, w.overtimeHours])).toEqual([
      [-1, 40, 0],
      [6, 12, 0],
    ]);
    expect(sunday.overtimeCostCents).toBe(0);
  });

  it('CA-1 under FLSA alone, Sunday-Saturday: 61 h at $20 is 21 overtime hours and $1,430, the Sunday worked before the roster included', () => {
    // rules.md 1.3 CA-1 hours, Sun..Sat 8,10,13,8,8,4,10: the roster starts on the Monday
    const before = days([8], 2000, -1);
    const roster = days([10, 13, 8, 8, 4, 10], 2000);
    const r = computeOvertime(roster, { exempt: false, days: 7, firstWeekStart: -DAY, before });
    const w = r.weeks[0];
    expect([w?.hours, w?.hoursBefore, w?.overtimeHours]).toEqual([61, 8, 21]);
    expect((w?.straightCents ?? 0) + (w?.premiumCents ?? 0)).toBe(143000);
    // on a Monday workweek the Sunday is last week's: 53 h, 13 overtime hours
    const monday = computeOvertime(roster, { exempt: false, days: 7, before });
    expect(monday.weeks.map((x) => [x.hours, x.overtimeHours])).toEqual([[53, 13]]);
  });

  it('splits a shift at a workweek boundary set at an hour: Sunday 07:00 cuts a 03:00-11:00 shift in two', () => {
    const r = computeOvertime([{ day: 6, startMinute: 3 * 60, minutes: 480, rateCents: 2000 }], {
      exempt: false,
      days: 7,
      firstWeekStart: workweekStartMinute(MONDAY, { startDay: SUNDAY, startHour: 7 }),
    });
    expect(r.weeks.map((w) => w.hours)).toEqual([4, 4]);
  });

  it('charges a roster only the overtime its hours add to a workweek begun before it', () => {
    // Wednesday workweek; 45 h worked Wednesday to Sunday before the Monday roster (5 overtime
    // hours already, the earlier roster's), then 8 h on Monday and 8 on Tuesday: 61 h, 21 in all
    const before = days([9, 9, 9, 9, 9], 2000, -5);
    const r = computeOvertime(days([8, 8], 2000), { exempt: false, days: 7, firstWeekStart: -5 * DAY, before });
    const w = r.weeks[0];
    expect([w?.hours, w?.hoursBefore, w?.overtimeHours]).toEqual([61, 45, 16]);
    expect(w?.overtimeCostCents).toBe(16 * 3000);
    // the two rosters' charges add up to the week's overtime, counted once
    const earlier = computeOvertime(before, { exempt: false, firstWeekStart: -5 * DAY });
    expect((earlier.weeks[0]?.overtimeHours ?? 0) + (w?.overtimeHours ?? 0)).toBe(21);
  });

  it('leaves out hours before the first workweek: they are an earlier week’s', () => {
    const before = days([10, 10], 2000, -3); // Friday and Saturday before a Sunday workweek
    const r = computeOvertime(days([8], 2000), { exempt: false, days: 7, firstWeekStart: -DAY, before });
    expect(r.weeks.map((w) => [w.hours, w.hoursBefore])).toEqual([
      [8, 0],
      [0, 0],
    ]);
  });
});
