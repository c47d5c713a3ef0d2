import type { RosterSummary } from '@clinicops/contracts';
import { describe, expect, it } from 'vitest';
import { nextMonday, overlapping, startDateError, suggestedStart, weekdayName } from './new-roster';

const roster = (unitId: string, startDate: string, days: number): RosterSummary => ({
  id: `${unitId}-${startDate}`,
  facilityId: 'f',
  unitId,
  unitName: unitId,
  startDate,
  days,
  status: 'draft',
  version: 1,
  publishedAt: null,
});

describe('new roster defaults', () => {
  it('starts next Monday without an earlier roster, a week on when today is a Monday', () => {
    expect(nextMonday('2026-11-28')).toBe('2026-11-30'); // a Saturday
    expect(nextMonday('2026-11-30')).toBe('2026-12-07');
    expect(suggestedStart([], 'u1', '2026-11-28')).toBe('2026-11-30');
  });
  it('follows on from the unit’s latest roster, on whatever weekday it ends', () => {
    const rosters = [roster('u1', '2026-11-01', 28), roster('u1', '2026-11-29', 14), roster('u2', '2027-01-04', 28)];
    // u1's latest runs 2026-11-29 (a Sunday) for two weeks: the next one starts Sunday 2026-12-13
    expect(suggestedStart(rosters, 'u1', '2026-11-28')).toBe('2026-12-13');
    expect(weekdayName('2026-12-13')).toBe('Sunday');
    // another unit's rosters do not count; one that ended in the past gives next Monday
    expect(suggestedStart(rosters, 'u3', '2026-11-28')).toBe('2026-11-30');
    expect(suggestedStart(rosters, 'u1', '2027-02-01')).toBe('2027-02-08');
  });
  it('names an empty or impossible start date', () => {
    expect(startDateError('2026-12-13')).toBeNull();
    for (const bad of ['', '2026-02-30', '13/12/2026']) expect(startDateError(bad)).toBe('Pick a start date');
  });
  it('finds the unit’s rosters that share a day with the new one', () => {
    const rosters = [roster('u1', '2026-11-02', 28), roster('u2', '2026-11-29', 14)];
    // u1's roster runs 2026-11-02 to 2026-11-29 (its last day, a Sunday)
    expect(overlapping(rosters, 'u1', '2026-11-29', 14).map((r) => r.startDate)).toEqual(['2026-11-02']);
    expect(overlapping(rosters, 'u1', '2026-11-30', 14)).toEqual([]);
    expect(overlapping(rosters, 'u1', '2026-10-19', 14)).toEqual([]);
    expect(overlapping(rosters, 'u1', '2026-10-20', 14).map((r) => r.startDate)).toEqual(['2026-11-02']);
    expect(overlapping(rosters, 'u3', '2026-11-29', 14)).toEqual([]);
  });
});
