import type { FieldError } from '@clinicops/contracts';
import type { Ctx } from '../../../platform/context.js';
import { AppError, notFound } from '../../../platform/errors.js';
import { dateIn } from '../domain/dates.js';
import * as q from '../queries.js';

/** Every problem with the input in one answer, so a form can mark all its fields at once. */
export function throwIfInvalid(errors: FieldError[]) {
  if (errors.length > 0) {
    throw new AppError('validation', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
  }
}

export const todayIn = (ctx: Ctx, timeZone: string) => dateIn(ctx.clock.now(), timeZone);

/** A staff member in one of the actor's facilities; others' (and other organizations') are not found. */
export async function visibleStaff(ctx: Ctx, facilityIds: readonly string[], id: string) {
  const [row] = await q.listStaff(ctx.db, ctx.organizationId, { facilityIds, id });
  if (!row) throw notFound('Staff member');
  return row;
}
