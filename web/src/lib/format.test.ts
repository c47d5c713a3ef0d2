import { describe, expect, it } from 'vitest';
import { formatDateTime, formatTime, hourIn, isoDateIn } from './format';

// 2026-03-08 is the US spring-forward day: 07:30Z is 01:30 EST, 08:30Z is 04:30 EDT in New York.
describe('zoned formatting', () => {
  it('shows the wall time of the given zone across a DST change', () => {
    expect(formatTime('2026-03-08T06:30:00Z', { timeZone: 'America/New_York', withZone: true })).toBe('01:30 EST');
    expect(formatTime('2026-03-08T07:30:00Z', { timeZone: 'America/New_York', withZone: true })).toBe('03:30 EDT');
  });

  it('labels the zone only when asked or when it differs from the browser', () => {
    const text = formatDateTime('2026-11-27T15:04:05Z', { timeZone: 'America/Chicago', withZone: false, seconds: true });
    expect(text).toBe('Nov 27, 2026, 09:04:05');
    expect(formatDateTime('2026-11-27T15:04:05Z', { timeZone: 'America/Chicago', withZone: true })).toContain('CST');
  });

  it('returns empty text for a missing value and the input for an invalid one', () => {
    expect(formatDateTime(null, { timeZone: 'UTC' })).toBe('');
    expect(formatDateTime('not a date', { timeZone: 'UTC' })).toBe('not a date');
  });

  it('gives the local hour and date of an instant', () => {
    const instant = new Date('2026-01-01T03:00:00Z');
    expect(hourIn('America/Los_Angeles', instant)).toBe(19);
    expect(isoDateIn('America/Los_Angeles', instant)).toBe('2025-12-31');
  });
});
