import { describe, expect, it } from 'vitest';
import { type Interval, mergeIntervals } from './intervals.js';
import { findSlots, type SlotSearch } from './slots.js';

const NY = 'America/New_York';
const t = (s: string) => Date.parse(s);
const iv = (a: string, b: string): Interval => ({ start: t(a), end: t(b) });
const times = (slots: { start: number }[]) => slots.map((s) => new Date(s.start).toISOString().slice(5, 16));

// 2026-06-01 is a Monday; New York is UTC-4 in June.
const base = (over: Partial<SlotSearch> = {}): SlotSearch => ({
  type: { durationMinutes: 30, bufferMinutes: 0, requiredKinds: ['provider', 'room'] },
  providers: [
    { resourceId: 'drA', facilityId: 'f' },
    { resourceId: 'drB', facilityId: 'f' },
  ],
  resources: [
    { resourceId: 'room1', facilityId: 'f', kind: 'room' },
    { resourceId: 'room2', facilityId: 'f', kind: 'room' },
  ],
  availability: new Map([
    ['drA', [iv('2026-06-01T13:00:00Z', '2026-06-01T15:00:00Z')]],
    ['drB', [iv('2026-06-01T14:00:00Z', '2026-06-01T16:00:00Z')]],
  ]),
  busy: new Map(),
  timeZoneOf: () => NY,
  bookableOn: () => true,
  notBefore: t('2026-06-01T12:00:00Z'),
  notAfter: t('2026-06-08T12:00:00Z'),
  stepMinutes: 30,
  limit: 5,
  ...over,
});

describe('findSlots', () => {
  it('orders slots across providers by time and assigns a free room', () => {
    const slots = findSlots(base());
    expect(times(slots)).toEqual(['06-01T13:00', '06-01T13:30', '06-01T14:00', '06-01T14:00', '06-01T14:30']);
    expect(slots.map((s) => s.providerResourceId)).toEqual(['drA', 'drA', 'drA', 'drB', 'drA']);
    expect(slots[0]?.resourceIds).toEqual(['room1']);
  });

  it('skips times when the provider is booked, counting the buffer after each booking', () => {
    const busy = new Map([['drA', mergeIntervals([iv('2026-06-01T13:00:00Z', '2026-06-01T13:45:00Z')])]]);
    const slots = findSlots(base({ busy, providers: [{ resourceId: 'drA', facilityId: 'f' }] }));
    expect(times(slots)).toEqual(['06-01T14:00', '06-01T14:30']);
  });

  it('needs every required resource free at once: no room, no slot', () => {
    const busy = new Map([
      ['room1', [iv('2026-06-01T13:00:00Z', '2026-06-01T14:00:00Z')]],
      ['room2', [iv('2026-06-01T13:30:00Z', '2026-06-01T14:30:00Z')]],
    ]);
    const slots = findSlots(base({ busy, providers: [{ resourceId: 'drA', facilityId: 'f' }] }));
    expect(times(slots)).toEqual(['06-01T13:00', '06-01T14:00', '06-01T14:30']);
    expect(slots.map((s) => s.resourceIds[0])).toEqual(['room2', 'room1', 'room1']);
  });

  it("the type's buffer must be free too, and the visit must end inside the provider's hours", () => {
    const type = { durationMinutes: 30, bufferMinutes: 15, requiredKinds: ['provider'] as const };
    const busy = new Map([['drA', [iv('2026-06-01T14:10:00Z', '2026-06-01T14:30:00Z')]]]);
    const slots = findSlots(base({ type, busy, providers: [{ resourceId: 'drA', facilityId: 'f' }] }));
    // 13:30 + 30 min + 15 min buffer runs into the 14:10 booking; 14:30 ends at 15:00, the end of the hours
    expect(times(slots)).toEqual(['06-01T13:00', '06-01T14:30']);
  });

  it('leaves out dates the provider is not bookable (lapsed licence) and times before notBefore', () => {
    const availability = new Map([
      ['drA', [iv('2026-06-01T13:00:00Z', '2026-06-01T14:00:00Z'), iv('2026-06-02T13:00:00Z', '2026-06-02T14:00:00Z')]],
    ]);
    const slots = findSlots(
      base({
        availability,
        providers: [{ resourceId: 'drA', facilityId: 'f' }],
        bookableOn: (_id, date) => date !== '2026-06-01',
        notBefore: t('2026-06-01T13:10:00Z'),
      }),
    );
    expect(times(slots)).toEqual(['06-02T13:00', '06-02T13:30']);
  });

  it('aligns starts to the window start after notBefore', () => {
    const slots = findSlots(base({ providers: [{ resourceId: 'drA', facilityId: 'f' }], notBefore: t('2026-06-01T13:10:00Z') }));
    expect(times(slots)[0]).toBe('06-01T13:30');
  });

  it('with no room of the facility at all, nothing is bookable', () => {
    expect(findSlots(base({ resources: [] }))).toEqual([]);
  });
});
