import type { CoverageDemand, ShiftType } from '@clinicops/contracts';
import { describe, expect, it } from 'vitest';
import { cellOf, demandChanges, demandRows, effectiveDemand, storedDemand, weekdayOf } from './demand-matrix';

const day: ShiftType = {
  id: 'st-d',
  facilityId: 'f',
  unitId: 'u',
  code: 'D',
  name: 'Day',
  startTime: '07:00',
  minutes: 480,
  positions: ['rn', 'cna'],
};
const demand = (over: Partial<CoverageDemand>): CoverageDemand => ({
  id: 'x',
  unitId: 'u',
  shiftTypeId: 'st-d',
  position: 'rn',
  weekday: null,
  onDate: null,
  required: 1,
  ...over,
});

describe('demand matrix', () => {
  it('has a row per shift and position', () => {
    expect(demandRows([day]).map((r) => `${r.shift.code} ${r.position}`)).toEqual(['D rn', 'D cna']);
  });

  it('lets a date’s own figure win over its weekday’s, as the server does', () => {
    const stored = storedDemand([
      demand({ weekday: 0, required: 1 }),
      demand({ onDate: '2026-12-07', required: 3 }), // a Monday
    ]);
    expect(weekdayOf('2026-12-07')).toBe(0);
    expect(weekdayOf('2026-12-13')).toBe(6);
    expect(effectiveDemand(stored, 'st-d', 'rn', { date: '2026-12-07' })).toBe(3);
    expect(effectiveDemand(stored, 'st-d', 'rn', { date: '2026-12-14' })).toBe(1);
    expect(effectiveDemand(stored, 'st-d', 'rn', { weekday: 1 })).toBeNull();
    expect(effectiveDemand(stored, 'st-d', 'cna', { date: '2026-12-07' })).toBeNull();
  });

  it('sends only the figures that changed, for a weekday or a date', () => {
    const stored = storedDemand([demand({ weekday: 0, required: 1 }), demand({ weekday: 1, required: 1 })]);
    const edits = new Map<string, number | null>([
      [cellOf('st-d', 'rn', { weekday: 0 }), 2],
      [cellOf('st-d', 'rn', { weekday: 1 }), 1], // unchanged
      [cellOf('st-d', 'cna', { weekday: 2 }), null], // cleared: nothing to send
      [cellOf('st-d', 'cna', { date: '2026-12-25' }), 4],
    ]);
    expect(demandChanges(stored, edits)).toEqual([
      { shiftTypeId: 'st-d', position: 'rn', weekday: 0, required: 2 },
      { shiftTypeId: 'st-d', position: 'cna', onDate: '2026-12-25', required: 4 },
    ]);
  });
});
