import { describe, expect, it } from 'vitest';
import { isoToWallTime, wallTimeToIso } from './zoned-time';

describe('facility wall time', () => {
  it('converts New York wall times on both sides of the November DST change', () => {
    expect(wallTimeToIso('2026-10-30T09:30', 'America/New_York')).toBe('2026-10-30T13:30:00.000Z');
    expect(wallTimeToIso('2026-11-02T09:30', 'America/New_York')).toBe('2026-11-02T14:30:00.000Z');
    expect(wallTimeToIso('2026-07-01T09:00', 'America/Chicago')).toBe('2026-07-01T14:00:00.000Z');
  });

  it('goes back to the same wall time', () => {
    expect(isoToWallTime('2026-11-02T14:30:00.000Z', 'America/New_York')).toBe('2026-11-02T09:30');
    expect(isoToWallTime('2026-10-30T13:30:00Z', 'America/New_York')).toBe('2026-10-30T09:30');
  });

  it('refuses text that is not a wall time', () => {
    expect(wallTimeToIso('2026-11-02', 'America/New_York')).toBeNull();
    expect(wallTimeToIso('tomorrow', 'America/New_York')).toBeNull();
  });
});
