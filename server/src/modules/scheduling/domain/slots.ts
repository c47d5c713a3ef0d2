// The slot finder: the next times an appointment type can be booked, with every resource it
// needs free at once. Providers are bookable inside their availability (templates minus
// exceptions) on dates they are qualified; rooms and equipment whenever they are not busy.
import { containedIn, type Interval, overlapsAny } from './intervals.js';
import { dateIn } from './zoned.js';

export type ResourceKind = 'provider' | 'room' | 'equipment';

export type SlotType = { durationMinutes: number; bufferMinutes: number; requiredKinds: readonly ResourceKind[] };

export type SlotProvider = { resourceId: string; facilityId: string };
export type SlotResource = { resourceId: string; facilityId: string; kind: Exclude<ResourceKind, 'provider'> };

export type SlotSearch = {
  type: SlotType;
  providers: readonly SlotProvider[];
  resources: readonly SlotResource[];
  /** Bookable intervals per provider, merged and sorted. */
  availability: ReadonlyMap<string, readonly Interval[]>;
  /** Busy intervals per resource (bookings with their buffers, closures), merged and sorted. */
  busy: ReadonlyMap<string, readonly Interval[]>;
  timeZoneOf: (facilityId: string) => string;
  /** Whether the provider may be booked on that local date (licence, exclusion). */
  bookableOn: (providerResourceId: string, date: string) => boolean;
  notBefore: number;
  notAfter: number;
  stepMinutes: number;
  limit: number;
};

export type Slot = {
  start: number;
  /** End of the visit; resources stay held for the buffer after it. */
  end: number;
  providerResourceId: string;
  facilityId: string;
  /** One resource per required kind other than provider, in the order of requiredKinds. */
  resourceIds: string[];
};

const MINUTE = 60_000;
const NONE: readonly Interval[] = [];

/** Candidate starts for one provider, in time order, with their other resources chosen. */
function* providerSlots(search: SlotSearch, provider: SlotProvider): Generator<Slot> {
  const { type } = search;
  const visit = type.durationMinutes * MINUTE;
  const hold = visit + type.bufferMinutes * MINUTE;
  const step = search.stepMinutes * MINUTE;
  const zone = search.timeZoneOf(provider.facilityId);
  const providerBusy = search.busy.get(provider.resourceId) ?? NONE;
  const others = type.requiredKinds.filter((k) => k !== 'provider');
  const pools = others.map((kind) =>
    search.resources.filter((r) => r.kind === kind && r.facilityId === provider.facilityId).map((r) => r.resourceId),
  );
  if (pools.some((p) => p.length === 0)) return;
  let lastDate = '';
  let dateOk = false;
  for (const window of search.availability.get(provider.resourceId) ?? NONE) {
    if (window.end <= search.notBefore) continue;
    if (window.start > search.notAfter) break;
    // align starts to the window's start, so slots fall on the hours the template names
    const skip = window.start < search.notBefore ? Math.ceil((search.notBefore - window.start) / step) : 0;
    for (let start = window.start + skip * step; start + visit <= window.end && start <= search.notAfter; start += step) {
      const date = dateIn(start, zone);
      if (date !== lastDate) {
        lastDate = date;
        dateOk = search.bookableOn(provider.resourceId, date);
      }
      if (!dateOk) continue;
      if (overlapsAny(providerBusy, start, start + hold)) continue;
      const chosen: string[] = [];
      for (const pool of pools) {
        const free = pool.find((id) => !chosen.includes(id) && !overlapsAny(search.busy.get(id) ?? NONE, start, start + hold));
        if (free === undefined) break;
        chosen.push(free);
      }
      if (chosen.length !== pools.length) continue;
      yield {
        start,
        end: start + visit,
        providerResourceId: provider.resourceId,
        facilityId: provider.facilityId,
        resourceIds: chosen,
      };
    }
  }
}

/** The earliest `limit` slots across providers, ordered by start time, then provider order. */
export function findSlots(search: SlotSearch): Slot[] {
  const all: Slot[] = [];
  for (const provider of search.providers) {
    let n = 0;
    for (const slot of providerSlots(search, provider)) {
      all.push(slot);
      if (++n >= search.limit) break;
    }
  }
  const order = new Map(search.providers.map((p, i) => [p.resourceId, i]));
  all.sort((a, b) => a.start - b.start || (order.get(a.providerResourceId) ?? 0) - (order.get(b.providerResourceId) ?? 0));
  return all.slice(0, search.limit);
}

/** Whether a provider's hours cover [start, end) (a booking outside them is overbooking). */
export const withinAvailability = (availability: readonly Interval[], start: number, end: number) =>
  containedIn(availability, start, end);
