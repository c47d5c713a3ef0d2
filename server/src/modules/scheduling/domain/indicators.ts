// Appointment indicators of rules.md section 10, as pure functions of plain facts.
// Policy fixed here (the rules ask to fix and store it): a late cancellation is a cancellation,
// not a no-show; the no-show rate divides by scheduled appointments (booked, arrived or missed;
// cancellations excluded), the common-practice variant of the IHI measure.

const MINUTE = 60_000;

export const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 100 : null);

/** No-shows / scheduled appointments x 100 (45 of 600 -> 7.5). */
export const noShowRate = (noShows: number, scheduled: number) => percent(noShows, scheduled);

/** Booked minutes / available minutes x 100 (2,860 of 3,520 -> 81.25). */
export const utilization = (booked: number, available: number) => percent(booked, available);

/**
 * Office visit cycle time: check-in to check-out, starting at the scheduled time when the patient
 * came early (scheduled 09:15, in 09:05, out 10:02 -> 47 minutes).
 */
export const cycleMinutes = (scheduled: number, checkIn: number, checkOut: number) =>
  Math.round((checkOut - Math.max(scheduled, checkIn)) / MINUTE);

/** Wait to the provider: from the later of scheduled time and check-in to seen (09:15, 09:20, 09:40 -> 20). */
export const waitMinutes = (scheduled: number, checkIn: number, seen: number) =>
  Math.round((seen - Math.max(scheduled, checkIn)) / MINUTE);

export type VisitFacts = {
  providerResourceId: string;
  status: 'booked' | 'checked_in' | 'roomed' | 'seen' | 'checked_out' | 'cancelled' | 'no_show';
  startsAt: number;
  endsAt: number;
  checkedInAt: number | null;
  roomedAt: number | null;
  seenAt: number | null;
  checkedOutAt: number | null;
};

export type ProviderIndicators = {
  providerResourceId: string;
  scheduled: number;
  noShows: number;
  cancelled: number;
  noShowRate: number | null;
  bookedMinutes: number;
  availableMinutes: number;
  utilization: number | null;
  /** Means over the visits that have the timestamps; null when none has. */
  meanWaitMinutes: number | null;
  meanLobbyMinutes: number | null;
  meanExamRoomMinutes: number | null;
  meanCycleMinutes: number | null;
};

const mean = (xs: number[]) => (xs.length > 0 ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10 : null);

export function providerIndicators(
  providerResourceId: string,
  visits: readonly VisitFacts[],
  availableMinutes: number,
): ProviderIndicators {
  const own = visits.filter((v) => v.providerResourceId === providerResourceId);
  const scheduled = own.filter((v) => v.status !== 'cancelled');
  const noShows = own.filter((v) => v.status === 'no_show').length;
  const bookedMinutes = Math.round(scheduled.reduce((sum, v) => sum + (v.endsAt - v.startsAt) / MINUTE, 0));
  const waits: number[] = [];
  const lobby: number[] = [];
  const exam: number[] = [];
  const cycles: number[] = [];
  for (const v of scheduled) {
    if (v.checkedInAt === null) continue;
    const from = Math.max(v.startsAt, v.checkedInAt);
    if (v.seenAt !== null) waits.push(waitMinutes(v.startsAt, v.checkedInAt, v.seenAt));
    if (v.roomedAt !== null) lobby.push(Math.round((v.roomedAt - from) / MINUTE));
    if (v.roomedAt !== null && v.seenAt !== null) exam.push(Math.round((v.seenAt - v.roomedAt) / MINUTE));
    if (v.checkedOutAt !== null) cycles.push(cycleMinutes(v.startsAt, v.checkedInAt, v.checkedOutAt));
  }
  return {
    providerResourceId,
    scheduled: scheduled.length,
    noShows,
    cancelled: own.length - scheduled.length,
    noShowRate: noShowRate(noShows, scheduled.length),
    bookedMinutes,
    availableMinutes,
    utilization: utilization(bookedMinutes, availableMinutes),
    meanWaitMinutes: mean(waits),
    meanLobbyMinutes: mean(lobby),
    meanExamRoomMinutes: mean(exam),
    meanCycleMinutes: mean(cycles),
  };
}
