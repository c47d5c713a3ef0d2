import type { Ctx } from '../../../platform/context.js';
import { dateIn } from '../../staff/index.js';
import * as q from '../queries.js';

// "Today" is the facility's calendar date: at 8 pm in New York it is already tomorrow in UTC, and
// a nursing home's evening dashboard must still show tonight's shifts.

/** Each facility's today, by facility id (UTC for a facility that cannot be found). */
export async function facilityTodays(ctx: Ctx, facilityIds: readonly string[]): Promise<Map<string, string>> {
  const zones = new Map((await q.facilityZones(ctx.db, ctx.organizationId, facilityIds)).map((f) => [f.id, f.time_zone]));
  const now = ctx.clock.now();
  return new Map(facilityIds.map((id) => [id, dateIn(now, zones.get(id) ?? 'UTC')]));
}
