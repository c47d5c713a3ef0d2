import type { SetStaffContractRequest, StaffContract } from '@clinicops/contracts';
import { recordAudit } from '../../../platform/audit/record.js';
import { type Ctx, inTransaction } from '../../../platform/context.js';
import { fieldError, notFound } from '../../../platform/errors.js';
import { requirePermission } from '../../../platform/permissions.js';
import { findStaffRef } from '../../staff/index.js';
import { DEFAULT_CONTRACTS } from '../domain/build-problem.js';
import * as q from '../queries.js';

// A person's contract limits: the defaults of their employment type until their own are set.

async function employmentOf(ctx: Ctx, staffMemberId: string) {
  const ref = await findStaffRef(ctx, staffMemberId);
  if (!ref) throw notFound('Staff member');
  const row = await q.employmentTypeOf(ctx.db, ctx.organizationId, ref.id);
  return { ref, employmentType: row.employment_type };
}

export async function getContract(ctx: Ctx, staffMemberId: string): Promise<StaffContract> {
  requirePermission(ctx, 'rostering:read');
  const { ref, employmentType } = await employmentOf(ctx, staffMemberId);
  const own = await q.getContract(ctx.db, ctx.organizationId, ref.id);
  if (!own) return { staffMemberId: ref.id, employmentType, isDefault: true, ...DEFAULT_CONTRACTS[employmentType] };
  return {
    staffMemberId: ref.id,
    employmentType,
    isDefault: false,
    minMinutesPerWeek: own.min_minutes_per_week,
    maxMinutesPerWeek: own.max_minutes_per_week,
    maxConsecutiveShifts: own.max_consecutive_shifts,
    minConsecutiveShifts: own.min_consecutive_shifts,
    minConsecutiveDaysOff: own.min_consecutive_days_off,
    maxWeekendsPer4Weeks: own.max_weekends_per_4_weeks,
    maxNightsPer4Weeks: own.max_nights_per_4_weeks,
    maxShiftsPer4Weeks: own.max_shifts_per_4_weeks,
  };
}

export async function setContract(ctx: Ctx, staffMemberId: string, input: SetStaffContractRequest): Promise<StaffContract> {
  requirePermission(ctx, 'rostering:write');
  const { ref } = await employmentOf(ctx, staffMemberId);
  if (input.maxMinutesPerWeek < input.minMinutesPerWeek) throw fieldError('maxMinutesPerWeek', 'must not be below the minimum');
  if (input.minConsecutiveShifts > input.maxConsecutiveShifts)
    throw fieldError('minConsecutiveShifts', 'must not be above the most shifts in a row');
  const row = {
    min_minutes_per_week: input.minMinutesPerWeek,
    max_minutes_per_week: input.maxMinutesPerWeek,
    max_consecutive_shifts: input.maxConsecutiveShifts,
    min_consecutive_shifts: input.minConsecutiveShifts,
    min_consecutive_days_off: input.minConsecutiveDaysOff,
    max_weekends_per_4_weeks: input.maxWeekendsPer4Weeks,
    max_nights_per_4_weeks: input.maxNightsPer4Weeks,
    max_shifts_per_4_weeks: JSON.stringify(input.maxShiftsPer4Weeks),
  };
  await inTransaction(ctx, async (tx) => {
    await q.upsertContract(tx.db, ctx.organizationId, ref.id, row);
    await recordAudit(tx, {
      action: 'rostering.contract.set',
      entityType: 'staff_member',
      entityId: ref.id,
      facilityId: ref.facilityId,
      details: row,
    });
  });
  return getContract(ctx, ref.id);
}
