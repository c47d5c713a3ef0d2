import { describe, expect, it } from 'vitest';
import { rankWaitlist, type WaitingEntry } from './waitlist.js';

const entry = (id: string, over: Partial<WaitingEntry> = {}): WaitingEntry => ({
  id,
  appointmentTypeId: 'follow',
  holdMinutes: 20,
  providerResourceId: null,
  earliestDate: '2026-12-01',
  latestDate: '2026-12-31',
  createdAt: 1,
  ...over,
});
const freed = { appointmentTypeId: 'follow', providerResourceId: 'drA', date: '2026-12-10', holdMinutes: 20 };

describe('rankWaitlist', () => {
  it('proposes the same type first, then those who asked for this provider, then the longest waiting', () => {
    const ranked = rankWaitlist(
      [
        entry('other-type', { appointmentTypeId: 'tele', createdAt: 0 }),
        entry('late', { createdAt: 5 }),
        entry('early', { createdAt: 2 }),
        entry('asked-for-A', { providerResourceId: 'drA', createdAt: 9 }),
      ],
      freed,
    );
    expect(ranked.map((e) => e.id)).toEqual(['asked-for-A', 'early', 'late', 'other-type']);
  });

  it('leaves out other providers, dates outside the window and visits longer than the freed time', () => {
    const ranked = rankWaitlist(
      [
        entry('wants-B', { providerResourceId: 'drB' }),
        entry('january', { earliestDate: '2027-01-02', latestDate: '2027-01-31' }),
        entry('too-long', { appointmentTypeId: 'new', holdMinutes: 40 }),
        entry('fits'),
      ],
      freed,
    );
    expect(ranked.map((e) => e.id)).toEqual(['fits']);
  });
});
