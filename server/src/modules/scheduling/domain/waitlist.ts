// Who should be offered a freed slot: patients waiting for an earlier appointment whose wanted
// window holds the slot's date, whose provider preference (if any) is the slot's provider, and
// whose visit fits in the freed time. The same type first, then a stated preference for this
// provider, then first come, first served.

export type WaitingEntry = {
  id: string;
  appointmentTypeId: string;
  /** Visit plus buffer of the entry's type, in minutes. */
  holdMinutes: number;
  providerResourceId: string | null;
  earliestDate: string;
  latestDate: string;
  createdAt: number;
};

export type FreedSlot = { appointmentTypeId: string; providerResourceId: string; date: string; holdMinutes: number };

export function rankWaitlist(entries: readonly WaitingEntry[], freed: FreedSlot, limit = 5): WaitingEntry[] {
  return entries
    .filter(
      (e) =>
        e.earliestDate <= freed.date &&
        e.latestDate >= freed.date &&
        (e.providerResourceId === null || e.providerResourceId === freed.providerResourceId) &&
        e.holdMinutes <= freed.holdMinutes,
    )
    .sort(
      (a, b) =>
        Number(b.appointmentTypeId === freed.appointmentTypeId) - Number(a.appointmentTypeId === freed.appointmentTypeId) ||
        Number(b.providerResourceId !== null) - Number(a.providerResourceId !== null) ||
        a.createdAt - b.createdAt,
    )
    .slice(0, limit);
}
