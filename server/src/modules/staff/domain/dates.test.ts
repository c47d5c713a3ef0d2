import { describe, expect, it } from 'vitest';
import { dateIn } from './dates.js';

describe('dates in a zone', () => {
  it('takes the date in the facility zone, not UTC', () => {
    // 02:30 UTC on 2026-11-03 is still the evening of 2026-11-02 in Ohio (EST after the DST change)
    expect(dateIn(new Date('2026-11-03T02:30:00Z'), 'America/New_York')).toBe('2026-11-02');
    expect(dateIn(new Date('2026-11-03T05:30:00Z'), 'America/New_York')).toBe('2026-11-03');
    expect(dateIn(new Date('2026-11-03T02:30:00Z'), 'UTC')).toBe('2026-11-03');
  });
});
