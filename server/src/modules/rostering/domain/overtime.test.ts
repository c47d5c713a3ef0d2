import { describe, expect, it } from 'vitest';
import { computeOvertime, type WorkedShift } from './overtime.js';

const shifts = (n: number, minutes: number, rateCents: number, startMinute = 7 * 60): WorkedShift[] =>
  Array.from({ length: n }, (_, i) => ({ day: i, startMinute, minutes, rateCents }));

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
    const r = computeOvertime([{ day: 6, startMinute: 23 * 60, minutes: 480, rateCents: 3000 }], { exempt: false, weeks: 2 });
    expect(r.weeks.map((w) => w.hours)).toEqual([1, 7]);
  });

  it('exempt staff owe no overtime', () => {
    const r = computeOvertime(shifts(6, 600, 5000), { exempt: true });
    expect(r.weeks[0]?.hours).toBe(60);
    expect(r.overtimeCostCents).toBe(0);
  });
});
