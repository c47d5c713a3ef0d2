// Weekly office hours expanded into the instants a provider can be booked: every template
// occurrence in the facility's zone, merged, minus exceptions (leave, meetings, and facility-wide
// closures such as holidays).
import { type Interval, mergeIntervals, subtractIntervals } from './intervals.js';
import { occurrences, type Rrule } from './rrule.js';
import { zonedToInstant } from './zoned.js';

export type Template = {
  resourceId: string;
  rule: Rrule;
  /** 'HH:MM' local */
  startTime: string;
  endTime: string;
  effectiveFrom: string;
  effectiveUntil: string | null;
};

/** A closure of one resource, or of the whole facility when resourceId is null. */
export type Closure = { resourceId: string | null; start: number; end: number };

/** Bookable intervals per resource for the local dates [from, to] in `timeZone`. */
export function expandAvailability(
  templates: readonly Template[],
  closures: readonly Closure[],
  timeZone: string,
  from: string,
  to: string,
): Map<string, Interval[]> {
  const raw = new Map<string, Interval[]>();
  for (const t of templates) {
    const first = t.effectiveFrom > from ? t.effectiveFrom : from;
    const last = t.effectiveUntil !== null && t.effectiveUntil < to ? t.effectiveUntil : to;
    if (first > last) continue;
    const list = raw.get(t.resourceId) ?? [];
    for (const date of occurrences(t.rule, t.effectiveFrom, first, last, { time: t.startTime, timeZone })) {
      list.push({ start: zonedToInstant(date, t.startTime, timeZone), end: zonedToInstant(date, t.endTime, timeZone) });
    }
    raw.set(t.resourceId, list);
  }
  const facilityWide = closures.filter((c) => c.resourceId === null);
  const out = new Map<string, Interval[]>();
  for (const [resourceId, list] of raw) {
    const cut = mergeIntervals([...facilityWide, ...closures.filter((c) => c.resourceId === resourceId)]);
    out.set(resourceId, subtractIntervals(mergeIntervals(list), cut));
  }
  return out;
}
