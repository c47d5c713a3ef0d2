import { describe, expect, it } from 'vitest';
import { dateIn, offsetMinutes, timeIn, zonedToInstant } from './zoned.js';

const NY = 'America/New_York';
const iso = (ms: number) => new Date(ms).toISOString();

describe('zonedToInstant in America/New_York', () => {
  it('maps a winter and a summer morning to their UTC instants', () => {
    expect(iso(zonedToInstant('2026-01-15', '09:00', NY))).toBe('2026-01-15T14:00:00.000Z');
    expect(iso(zonedToInstant('2026-07-15', '09:00', NY))).toBe('2026-07-15T13:00:00.000Z');
  });

  it('on the spring-forward day (2026-03-08) the morning is already daylight time', () => {
    expect(iso(zonedToInstant('2026-03-08', '01:30', NY))).toBe('2026-03-08T06:30:00.000Z');
    expect(iso(zonedToInstant('2026-03-08', '09:00', NY))).toBe('2026-03-08T13:00:00.000Z');
    // 02:30 does not exist that night: it moves forward by the gap, to 03:30 EDT
    expect(iso(zonedToInstant('2026-03-08', '02:30', NY))).toBe('2026-03-08T07:30:00.000Z');
  });

  it('on the fall-back day (2026-11-01) the repeated hour is its first occurrence and the day has 25 hours', () => {
    expect(iso(zonedToInstant('2026-11-01', '01:30', NY))).toBe('2026-11-01T05:30:00.000Z');
    expect(iso(zonedToInstant('2026-11-01', '09:00', NY))).toBe('2026-11-01T14:00:00.000Z');
    const day = zonedToInstant('2026-11-02', '00:00', NY) - zonedToInstant('2026-11-01', '00:00', NY);
    expect(day / 3_600_000).toBe(25);
  });

  it('reads dates, times and offsets back', () => {
    const t = Date.parse('2026-03-08T13:00:00Z');
    expect(dateIn(t, NY)).toBe('2026-03-08');
    expect(timeIn(t, NY)).toBe('09:00');
    expect(offsetMinutes(t, NY)).toBe(-240);
    expect(offsetMinutes(Date.parse('2026-03-08T06:00:00Z'), NY)).toBe(-300);
    expect(dateIn(Date.parse('2026-11-02T03:00:00Z'), NY)).toBe('2026-11-01');
  });
});
