import { describe, expect, it } from 'vitest';
import { businessDaysBetween, thirdNextAvailable } from './third-next-available.js';

const slot = (date: string, time = '09:00') => ({ start: Date.parse(`${date}T${time}:00Z`), date });

describe('thirdNextAvailable (rules.md section 10)', () => {
  it('request Mon 2026-06-01, open slots 06-03, 06-04, 06-10: 9 calendar days', () => {
    const slots = [slot('2026-06-03'), slot('2026-06-04'), slot('2026-06-10')];
    expect(thirdNextAvailable('2026-06-01', slots, 30)).toEqual({ days: 9, date: '2026-06-10' });
  });

  it('counts business days in the HRSA variant', () => {
    const slots = [slot('2026-06-03'), slot('2026-06-04'), slot('2026-06-10')];
    expect(thirdNextAvailable('2026-06-01', slots, 30, 'business')).toEqual({ days: 7, date: '2026-06-10' });
    expect(businessDaysBetween('2026-06-05', '2026-06-08')).toBe(1);
  });

  it('overlapping candidate starts count as one appointment', () => {
    const slots = [slot('2026-06-02', '09:00'), slot('2026-06-02', '09:15'), slot('2026-06-02', '09:30'), slot('2026-06-05')];
    expect(thirdNextAvailable('2026-06-01', slots, 30)).toEqual({ days: 4, date: '2026-06-05' });
  });

  it('is null with fewer than three open slots', () => {
    expect(thirdNextAvailable('2026-06-01', [slot('2026-06-03')], 30)).toBeNull();
  });
});
