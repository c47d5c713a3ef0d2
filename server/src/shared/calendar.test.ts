import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween, endOfMonth, isValidDate, minuteOfDay, mondayOf, weekdayOf } from './calendar.js';

describe('plain dates', () => {
  it('adds months, clamping to the last day', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-03-01', 24)).toBe('2028-03-01');
    expect(addMonths('2028-02-29', -24)).toBe('2026-02-28');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
  });
  it('counts days across a leap day and a US DST change without drift', () => {
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2026-03-07', '2026-03-09')).toBe(2);
    expect(addDays('2026-11-01', 1)).toBe('2026-11-02');
    expect(addDays('2027-04-30', -60)).toBe('2027-03-01');
  });
  it('finds the end of a month and rejects impossible dates', () => {
    expect(endOfMonth('2028-02-10')).toBe('2028-02-29');
    expect(isValidDate('2026-02-30')).toBe(false);
    expect(isValidDate('2026-02-28')).toBe(true);
  });
  it('finds weekdays, Mondays and minutes of the day', () => {
    expect(weekdayOf('2026-11-30')).toBe(0);
    expect(weekdayOf('2026-11-29')).toBe(6);
    expect(mondayOf('2026-11-29')).toBe('2026-11-23');
    expect(mondayOf('2026-11-30')).toBe('2026-11-30');
    expect(minuteOfDay('23:30')).toBe(1410);
    expect(minuteOfDay('07:00:00')).toBe(420);
  });
});
