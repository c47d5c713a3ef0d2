import { describe, expect, it } from 'vitest';
import { addDays } from '../../../shared/calendar.js';
import { HISTORY_DAYS, historyBefore, type ShiftBefore } from './history.js';

const start = '2027-01-18'; // a Monday
// the published roster before: the 4 weeks up to the day before the start
const fourWeeks = [{ startDate: addDays(start, -28), days: 28 }];
const day = (back: number): ShiftBefore => ({ date: addDays(start, -back), startTime: '07:00', minutes: 480, code: 'D' });
const night = (back: number): ShiftBefore => ({ date: addDays(start, -back), startTime: '23:00', minutes: 480, code: 'N' });

describe('historyBefore', () => {
  it('counts a run of work back to the last day off', () => {
    // off 5 days back, worked the 4 days after it
    const h = historyBefore(start, [day(6), day(4), day(3), day(2), night(1)], fourWeeks);
    expect(h.runBefore).toEqual({ worked: true, days: 4 });
  });

  it('counts a run of rest back to the last day worked', () => {
    const h = historyBefore(start, [day(3)], fourWeeks);
    expect(h.runBefore).toEqual({ worked: false, days: 2 });
    expect(historyBefore(start, [day(2)], fourWeeks).runBefore).toEqual({ worked: false, days: 1 });
  });

  it('knows nothing when no published roster covers the day before the start', () => {
    const gap = [{ startDate: addDays(start, -29), days: 28 }];
    const h = historyBefore(start, [day(3), day(2)], gap);
    expect(h.runBefore).toBeUndefined();
    // the shifts are still real: the rest after them is measured (build-problem.ts)
    expect(h.lastShiftBefore).toEqual(day(2));
    expect(historyBefore(start, [], [])).toEqual({});
  });

  it('takes a rest run that reaches an unknown day as a long rest, a work run as the days counted', () => {
    // a one-week roster before, nothing published before it
    const week = [{ startDate: addDays(start, -7), days: 7 }];
    expect(historyBefore(start, [], week).runBefore).toEqual({ worked: false, days: HISTORY_DAYS });
    // (a shift on its first day ends the rest: 6 days, known)
    expect(historyBefore(start, [day(7)], week).runBefore).toEqual({ worked: false, days: 6 });
    expect(historyBefore(start, [day(3), day(2), day(1)], [{ startDate: addDays(start, -3), days: 3 }]).runBefore).toEqual({
      worked: true,
      days: 3,
    });
    // an uncovered day inside the look-back ends what is known too: two one-week rosters a week apart
    const apart = [
      { startDate: addDays(start, -3), days: 3 },
      { startDate: addDays(start, -12), days: 7 },
    ];
    expect(historyBefore(start, [day(3), day(2), day(1), day(6), day(5)], apart).runBefore).toEqual({ worked: true, days: 3 });
    expect(historyBefore(start, [day(6)], apart).runBefore).toEqual({ worked: false, days: HISTORY_DAYS });
  });

  it('looks back 14 days at most', () => {
    const every = Array.from({ length: 20 }, (_, i) => day(i + 1));
    expect(historyBefore(start, every, fourWeeks).runBefore).toEqual({ worked: true, days: 14 });
    // off for 14 days with a shift 15 days back: the shift is out of sight, the rest is long
    expect(historyBefore(start, [day(15)], fourWeeks)).toEqual({ runBefore: { worked: false, days: 14 } });
  });

  it('finds the shift that ends last, across units and past midnight', () => {
    // a day shift and, on another unit, a night shift the same day: the night ends at 07:00 on the start date
    const h = historyBefore(start, [day(1), night(1), day(2)], fourWeeks);
    expect(h.lastShiftBefore).toEqual(night(1));
    // a shift on or after the start is the roster's own, not history
    expect(historyBefore(start, [day(0), day(2)], fourWeeks).lastShiftBefore).toEqual(day(2));
  });
});
