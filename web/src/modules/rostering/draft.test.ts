import { describe, expect, it } from 'vitest';
import { assignmentsOf, cellKey, changesBetween, draftOf, moveShift } from './draft';

const roster = {
  assignments: [
    { staffMemberId: 'ana', date: '2026-11-30', shiftTypeId: 'D' },
    { staffMemberId: 'bo', date: '2026-11-30', shiftTypeId: 'N' },
  ],
};

describe('roster draft', () => {
  it('moves a shift to an empty cell and reports the two changes', () => {
    const saved = draftOf(roster);
    const moved = moveShift(saved, cellKey('ana', '2026-11-30'), cellKey('ana', '2026-12-01'));
    expect(assignmentsOf(moved)).toContainEqual({ staffMemberId: 'ana', date: '2026-12-01', shiftTypeId: 'D' });
    expect(changesBetween(saved, moved)).toEqual([
      { staffMemberId: 'ana', date: '2026-11-30', shiftTypeId: null },
      { staffMemberId: 'ana', date: '2026-12-01', shiftTypeId: 'D' },
    ]);
  });

  it('dropping onto an occupied cell swaps the two shifts', () => {
    const moved = moveShift(draftOf(roster), cellKey('ana', '2026-11-30'), cellKey('bo', '2026-11-30'));
    expect(moved.get(cellKey('bo', '2026-11-30'))).toBe('D');
    expect(moved.get(cellKey('ana', '2026-11-30'))).toBe('N');
  });
});
