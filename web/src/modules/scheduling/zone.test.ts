import { describe, expect, it } from 'vitest';
import { dateInZone, instantInZone, minutesInZone, mondayOf } from './zone';

const NY = 'America/New_York';

describe('calendar zone arithmetic', () => {
  it('places 09:00 New York on the grid in winter, summer and on the DST days', () => {
    for (const [date, utc] of [
      ['2026-01-15', '2026-01-15T14:00:00.000Z'],
      ['2026-03-08', '2026-03-08T13:00:00.000Z'],
      ['2026-11-01', '2026-11-01T14:00:00.000Z'],
    ] as const) {
      expect(instantInZone(date, 9 * 60, NY).toISOString()).toBe(utc);
      expect(minutesInZone(utc, NY)).toBe(540);
      expect(dateInZone(utc, NY)).toBe(date);
    }
  });

  it('finds the Monday of a week', () => {
    expect(mondayOf('2026-11-29')).toBe('2026-11-23');
    expect(mondayOf('2026-11-23')).toBe('2026-11-23');
  });
});
