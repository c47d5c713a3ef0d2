import { describe, expect, it } from 'vitest';
import { type CeRecordFacts, ceProgress } from './ce-progress.js';

// CMM: 24 units in 2 years, at least 12 approved (rules.md 6.1).
const cmm = { cycleEnd: '2028-06-30', cycleMonths: 24, unitsRequired: 24, approvedMinimum: 12 };

describe('ceProgress', () => {
  it('is complete with 24 units, 12 of them approved', () => {
    const records: CeRecordFacts[] = [
      { completedOn: '2026-09-01', units: 12, category: 'approved' },
      { completedOn: '2027-03-01', units: 12, category: 'recognized' },
    ];
    const p = ceProgress(records, cmm, '2027-06-01');
    expect(p).toMatchObject({ cycleStart: '2026-06-30', unitsEarned: 24, approvedEarned: 12, complete: true });
    expect(p.projectedNonCompliance).toBeNull();
  });
  it('needs the approved minimum even with enough units', () => {
    const p = ceProgress([{ completedOn: '2027-01-01', units: 30, category: 'recognized' }], cmm, '2027-06-01');
    expect(p.complete).toBe(false);
    expect(p.reasons[0]).toBe('12 of 12 approved CE units still to earn');
    expect(p.projectedNonCompliance).toBe('2028-07-01');
  });
  it('does not count units from before the cycle', () => {
    const p = ceProgress([{ completedOn: '2026-06-29', units: 24, category: 'approved' }], cmm, '2027-06-01');
    expect(p.unitsEarned).toBe(0);
  });
  it('does not project from the first quarter of a cycle, but does once it is over', () => {
    expect(ceProgress([], cmm, '2026-08-01').projectedNonCompliance).toBeNull();
    expect(ceProgress([], cmm, '2026-12-30').projectedNonCompliance).toBe('2028-07-01');
    expect(ceProgress([], cmm, '2028-07-02').projectedNonCompliance).toBe('2028-07-01');
  });
  it('projects non-compliance when the pace is too slow, not when it is fast enough', () => {
    // a year in, 6 units: on pace for 12 of 24
    const slow = ceProgress([{ completedOn: '2027-01-15', units: 6, category: 'approved' }], cmm, '2027-06-30');
    expect(slow.projectedNonCompliance).toBe('2028-07-01');
    // a year in, 13 units (7 approved): on pace for 26 units and 14 approved
    const fast = ceProgress(
      [
        { completedOn: '2027-01-15', units: 7, category: 'approved' },
        { completedOn: '2027-02-15', units: 6, category: 'recognized' },
      ],
      cmm,
      '2027-06-30',
    );
    expect(fast.projectedNonCompliance).toBeNull();
    expect(fast.reasons).toEqual(['11 of 24 CE units still to earn', '5 of 12 approved CE units still to earn']);
  });
});
