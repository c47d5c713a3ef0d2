import type { Slot } from '@medplum/fhirtypes';
import type { Ctx } from '../../../platform/context.js';
import { resourceFreeBusy } from '../../scheduling/index.js';
import { issue } from '../domain/outcome.js';
import { parseSlotId, type SlotFacts, toFhirSlot } from '../domain/scheduling-to-fhir.js';
import { type DateFilter, dateMatches, type Filters } from '../domain/search.js';
import type { Paging } from '../queries.js';
import { fhirError } from './errors.js';

// Slots are computed from the scheduling module's free/busy time, never stored: a search names
// its schedules and a date range (UTC dates, at most 31 days; the next 7 days by default).

const DAY = 86_400_000;
const MAX_DAYS = 31;

export const isSlotId = (id: string) => parseSlotId(id) !== null;

const utcMidnight = (date: string) => Date.parse(`${date}T00:00:00Z`);

/** The instants the date filters allow, as one range [from, to). */
export function slotRange(groups: readonly (readonly DateFilter[])[], now: number): { from: number; to: number } | null {
  let from: number | null = null;
  let to: number | null = null;
  for (const group of groups) {
    if (group.length !== 1) continue;
    const f = group[0] as DateFilter;
    if (f.prefix === 'ge' || f.prefix === 'eq') from = Math.max(from ?? 0, utcMidnight(f.from));
    if (f.prefix === 'gt') from = Math.max(from ?? 0, utcMidnight(f.to));
    if (f.prefix === 'lt') to = Math.min(to ?? Number.MAX_SAFE_INTEGER, utcMidnight(f.from));
    if (f.prefix === 'le' || f.prefix === 'eq') to = Math.min(to ?? Number.MAX_SAFE_INTEGER, utcMidnight(f.to));
  }
  const start = from ?? (to !== null ? to - 7 * DAY : Math.floor(now / DAY) * DAY);
  const end = to ?? start + 7 * DAY;
  if (end - start > MAX_DAYS * DAY) return null;
  return { from: start, to: Math.max(start, end) };
}

export async function findSlots(ctx: Ctx, f: Filters, paging: Paging): Promise<{ total: number; resources: Slot[] }> {
  // a read by id: the schedule and the instants are in the id
  const byId = f.ids?.length === 1 ? parseSlotId(f.ids[0] as string) : null;
  if (f.ids && !byId) return { total: 0, resources: [] };
  const schedules = byId ? [byId.scheduleId] : (f.schedule ?? []);
  if (schedules.length === 0) {
    throw fhirError('bad_request', [issue('required', 'Slot searches need schedule=Schedule/<id>', 'schedule')]);
  }
  const range = byId ? { from: byId.start - DAY, to: byId.end + DAY } : slotRange(f.date ?? [], ctx.clock.now().getTime());
  if (!range) throw fhirError('bad_request', [issue('too-costly', `start may span at most ${MAX_DAYS} days`, 'start')]);
  const all: SlotFacts[] = [];
  for (const scheduleId of [...new Set(schedules)]) {
    const fb = await resourceFreeBusy(ctx, scheduleId, new Date(range.from), new Date(range.to));
    if (!fb) continue;
    for (const i of fb.free) all.push({ scheduleId, start: i.start, end: i.end, status: 'free' });
    for (const i of fb.busy) all.push({ scheduleId, start: i.start, end: i.end, status: 'busy' });
  }
  const statuses = f.codes?.status ?? [];
  const kept = all
    .filter((s) => !byId || (s.start === byId.start && s.end === byId.end && s.status === byId.status))
    .filter((s) => statuses.every((group) => group.includes(s.status)))
    .filter((s) =>
      (f.date ?? []).every((group) => group.some((d) => dateMatches(d, new Date(s.start).toISOString().slice(0, 10)))),
    )
    .sort((a, b) => a.start - b.start || a.scheduleId.localeCompare(b.scheduleId));
  return { total: kept.length, resources: kept.slice(paging.offset, paging.offset + paging.count).map(toFhirSlot) };
}
