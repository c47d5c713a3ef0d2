import { describe, expect, it } from 'vitest';
import { cycleMinutes, noShowRate, providerIndicators, utilization, type VisitFacts, waitMinutes } from './indicators.js';

const t = (hhmm: string) => Date.parse(`2026-06-01T${hhmm}:00Z`);

describe('rules.md section 10 examples', () => {
  it('no-show rate: 45 no-shows of 600 scheduled is 7.5 %', () => {
    expect(noShowRate(45, 600)).toBe(7.5);
    expect(noShowRate(0, 0)).toBeNull();
  });
  it('utilization: 2,860 of 3,520 is 81.25 %', () => {
    expect(utilization(2860, 3520)).toBe(81.25);
  });
  it('cycle time: scheduled 09:15, checked in 09:05, out 10:02 is 47 minutes', () => {
    expect(cycleMinutes(t('09:15'), t('09:05'), t('10:02'))).toBe(47);
  });
  it('wait time: scheduled 09:15, check-in 09:20, provider 09:40 is 20 minutes', () => {
    expect(waitMinutes(t('09:15'), t('09:20'), t('09:40'))).toBe(20);
  });
});

describe('providerIndicators', () => {
  const visit = (over: Partial<VisitFacts>): VisitFacts => ({
    providerResourceId: 'p',
    status: 'checked_out',
    startsAt: t('09:15'),
    endsAt: t('09:45'),
    checkedInAt: null,
    roomedAt: null,
    seenAt: null,
    checkedOutAt: null,
    ...over,
  });

  it('counts scheduled without cancellations, no-shows, booked minutes and the wait segments', () => {
    const r = providerIndicators(
      'p',
      [
        visit({ checkedInAt: t('09:20'), roomedAt: t('09:30'), seenAt: t('09:40'), checkedOutAt: t('10:02') }),
        visit({ status: 'no_show' }),
        visit({ status: 'cancelled' }),
        visit({ status: 'booked', providerResourceId: 'other' }),
      ],
      120,
    );
    expect(r).toMatchObject({
      scheduled: 2,
      noShows: 1,
      cancelled: 1,
      noShowRate: 50,
      bookedMinutes: 60,
      utilization: 50,
      meanWaitMinutes: 20,
      meanLobbyMinutes: 10,
      meanExamRoomMinutes: 10,
      meanCycleMinutes: 42,
    });
  });
});
