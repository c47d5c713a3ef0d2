import { randomUUID } from 'node:crypto';
import type {
  CoverageDemand,
  CreateCoverageDemandRequest,
  CreateLeaveRequest,
  CreateRosterUnitRequest,
  CreateShiftRequestRequest,
  CreateShiftTypeRequest,
  Leave,
  RosterUnit,
  ShiftRequest,
  ShiftType,
  StaffPosition,
  UpdateRosterUnitRequest,
  UpdateShiftTypeRequest,
} from '@clinicops/contracts';
import { recordAudit } from '../../../platform/audit/record.js';
import { type Ctx, inTransaction } from '../../../platform/context.js';
import { AppError, fieldError, notFound } from '../../../platform/errors.js';
import { requirePermission, scopeFacilities } from '../../../platform/permissions.js';
import { findStaffRef } from '../../staff/index.js';
import { cannotFollow, DEFAULT_MIN_REST_MINUTES } from '../domain/build-problem.js';
import * as q from '../queries.js';
import { toShiftType } from './context.js';

// The data a roster is built from: units, shift types, coverage demand, leave and shift requests.

const facilitiesOf = (ctx: Ctx) => ctx.actor?.facilityIds ?? [];

export async function listUnits(ctx: Ctx, facilityId?: string): Promise<RosterUnit[]> {
  requirePermission(ctx, 'rostering:read');
  const rows = await q.listUnits(ctx.db, ctx.organizationId, scopeFacilities(ctx, facilityId ? [facilityId] : undefined));
  return rows.map(toUnit);
}

const toUnit = (r: Awaited<ReturnType<typeof q.listUnits>>[number]): RosterUnit => ({
  id: r.id,
  facilityId: r.facility_id,
  name: r.name,
  minRestMinutes: r.min_rest_minutes,
});

export async function createUnit(ctx: Ctx, input: CreateRosterUnitRequest): Promise<RosterUnit> {
  requirePermission(ctx, 'rostering:write');
  if (!facilitiesOf(ctx).includes(input.facilityId)) throw fieldError('facilityId', 'is not a facility you may see');
  const id = randomUUID();
  return inTransaction(ctx, async (tx) => {
    const existing = await q.listUnits(tx.db, ctx.organizationId, [input.facilityId]);
    if (existing.some((u) => u.name === input.name)) throw fieldError('name', 'a unit of this name exists');
    await q.insertUnit(tx.db, { id, organization_id: ctx.organizationId, facility_id: input.facilityId, name: input.name });
    await recordAudit(tx, {
      action: 'rostering.unit.create',
      entityType: 'roster_unit',
      entityId: id,
      facilityId: input.facilityId,
    });
    return { id, facilityId: input.facilityId, name: input.name, minRestMinutes: DEFAULT_MIN_REST_MINUTES };
  });
}

/** Renames a unit or changes its minimum rest (which shifts may follow which is derived from it). */
export async function updateUnit(ctx: Ctx, id: string, input: UpdateRosterUnitRequest): Promise<RosterUnit> {
  requirePermission(ctx, 'rostering:write');
  const unit = await unitOrThrow(ctx, id, 'id');
  return inTransaction(ctx, async (tx) => {
    if (input.name !== undefined && input.name !== unit.name) {
      const existing = await q.listUnits(tx.db, ctx.organizationId, [unit.facility_id]);
      if (existing.some((u) => u.name === input.name)) throw fieldError('name', 'a unit of this name exists');
    }
    await q.updateUnit(tx.db, ctx.organizationId, unit.id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.minRestMinutes !== undefined ? { min_rest_minutes: input.minRestMinutes } : {}),
    });
    await recordAudit(tx, {
      action: 'rostering.unit.update',
      entityType: 'roster_unit',
      entityId: unit.id,
      facilityId: unit.facility_id,
      details: { fields: Object.keys(input) },
    });
    const row = await q.getUnit(tx.db, ctx.organizationId, unit.id, [unit.facility_id]);
    if (!row) throw notFound('Unit');
    return toUnit(row);
  });
}

export async function unitOrThrow(ctx: Ctx, unitId: string, field = 'unitId') {
  const unit = await q.getUnit(ctx.db, ctx.organizationId, unitId, facilitiesOf(ctx));
  if (!unit) throw new AppError('not_found', `${field}: unit not found`, { errors: [{ field, message: 'unit not found' }] });
  return unit;
}

/** The unit's shift types, each with the shifts its end leaves too little rest before (the unit's minimum rest). */
export async function listShiftTypes(ctx: Ctx, unitId: string): Promise<ShiftType[]> {
  requirePermission(ctx, 'rostering:read');
  const unit = await unitOrThrow(ctx, unitId);
  const rows = await q.listShiftTypes(ctx.db, ctx.organizationId, unitId);
  const follow = cannotFollow(
    rows.map((s) => ({ id: s.id, code: s.code, startTime: s.start_time, minutes: s.minutes, positions: s.positions })),
    unit.min_rest_minutes,
  );
  return rows.map((s) => ({ ...toShiftType(s), notFollowedBy: follow.get(s.code) ?? [] }));
}

export async function createShiftType(ctx: Ctx, input: CreateShiftTypeRequest): Promise<ShiftType> {
  requirePermission(ctx, 'rostering:write');
  const unit = await unitOrThrow(ctx, input.unitId);
  const id = randomUUID();
  return inTransaction(ctx, async (tx) => {
    const existing = await q.listShiftTypes(tx.db, ctx.organizationId, unit.id);
    if (existing.some((s) => s.code === input.code)) throw fieldError('code', 'a shift type with this code exists on the unit');
    await q.insertShiftType(tx.db, {
      id,
      organization_id: ctx.organizationId,
      facility_id: unit.facility_id,
      unit_id: unit.id,
      code: input.code,
      name: input.name,
      start_time: input.startTime.slice(0, 5),
      minutes: input.minutes,
      positions: [...new Set(input.positions)],
    });
    await recordAudit(tx, {
      action: 'rostering.shift_type.create',
      entityType: 'shift_type',
      entityId: id,
      facilityId: unit.facility_id,
    });
    const row = await q.getShiftType(tx.db, ctx.organizationId, id, [unit.facility_id]);
    if (!row) throw notFound('Shift type');
    return toShiftType(row);
  });
}

export async function updateShiftType(ctx: Ctx, id: string, input: UpdateShiftTypeRequest): Promise<ShiftType> {
  requirePermission(ctx, 'rostering:write');
  return inTransaction(ctx, async (tx) => {
    const row = await q.getShiftType(tx.db, ctx.organizationId, id, facilitiesOf(ctx));
    if (!row) throw notFound('Shift type');
    await q.updateShiftType(tx.db, ctx.organizationId, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.startTime !== undefined ? { start_time: input.startTime.slice(0, 5) } : {}),
      ...(input.minutes !== undefined ? { minutes: input.minutes } : {}),
      ...(input.positions !== undefined ? { positions: [...new Set(input.positions)] } : {}),
    });
    await recordAudit(tx, {
      action: 'rostering.shift_type.update',
      entityType: 'shift_type',
      entityId: id,
      facilityId: row.facility_id,
      details: { fields: Object.keys(input) },
    });
    const updated = await q.getShiftType(tx.db, ctx.organizationId, id, [row.facility_id]);
    if (!updated) throw notFound('Shift type');
    return toShiftType(updated);
  });
}

const toDemand = (d: Awaited<ReturnType<typeof q.listDemands>>[number]): CoverageDemand => ({
  id: d.id,
  unitId: d.unit_id,
  shiftTypeId: d.shift_type_id,
  position: d.position as StaffPosition,
  weekday: d.weekday,
  onDate: d.on_date,
  required: d.required,
});

export async function listDemands(ctx: Ctx, unitId: string): Promise<CoverageDemand[]> {
  requirePermission(ctx, 'rostering:read');
  await unitOrThrow(ctx, unitId);
  return (await q.listDemands(ctx.db, ctx.organizationId, unitId)).map(toDemand);
}

/** Sets the demand for a shift, position and weekday (or date): a second call replaces the first. */
export async function setDemand(ctx: Ctx, input: CreateCoverageDemandRequest): Promise<CoverageDemand> {
  requirePermission(ctx, 'rostering:write');
  const st = await q.getShiftType(ctx.db, ctx.organizationId, input.shiftTypeId, facilitiesOf(ctx));
  if (!st)
    throw new AppError('not_found', 'shiftTypeId: shift type not found', {
      errors: [{ field: 'shiftTypeId', message: 'not found' }],
    });
  if ((input.weekday === undefined) === (input.onDate === undefined))
    throw fieldError('weekday', 'give either weekday or onDate');
  if (!st.positions.includes(input.position)) throw fieldError('position', `shift ${st.code} is not worked by this position`);
  return inTransaction(ctx, async (tx) => {
    const id = randomUUID();
    await q.replaceDemand(tx.db, {
      id,
      organization_id: ctx.organizationId,
      facility_id: st.facility_id,
      unit_id: st.unit_id,
      shift_type_id: st.id,
      position: input.position,
      weekday: input.onDate ? null : (input.weekday ?? null),
      on_date: input.onDate ?? null,
      required: input.required,
    });
    await recordAudit(tx, {
      action: 'rostering.demand.set',
      entityType: 'coverage_demand',
      entityId: id,
      facilityId: st.facility_id,
      details: { required: input.required },
    });
    const [row] = (await q.listDemands(tx.db, ctx.organizationId, st.unit_id)).filter((d) => d.id === id);
    if (!row) throw notFound('Demand');
    return toDemand(row);
  });
}

/**
 * Removes a date's own figure, so the date is required its weekday's figure again. Only date
 * exceptions are removed: a weekday figure is the pattern itself, set to 0 for "none".
 */
export async function removeDemandException(ctx: Ctx, id: string): Promise<void> {
  requirePermission(ctx, 'rostering:write');
  await inTransaction(ctx, async (tx) => {
    const row = await q.getDemand(tx.db, ctx.organizationId, id, facilitiesOf(ctx));
    if (!row) throw notFound('Demand');
    if (!row.on_date)
      throw new AppError('conflict', 'A weekday figure is not an exception and is not removed: set it to 0 for no demand');
    await q.deleteDemand(tx.db, ctx.organizationId, id);
    await recordAudit(tx, {
      action: 'rostering.demand.remove',
      entityType: 'coverage_demand',
      entityId: id,
      facilityId: row.facility_id,
      details: { onDate: row.on_date, required: row.required },
    });
  });
}

async function staffOrThrow(ctx: Ctx, staffMemberId: string) {
  const ref = await findStaffRef(ctx, staffMemberId);
  if (!ref)
    throw new AppError('not_found', 'staffMemberId: staff member not found', {
      errors: [{ field: 'staffMemberId', message: 'not found' }],
    });
  return ref;
}

export async function listLeave(ctx: Ctx, facilityId: string, from: string, to: string): Promise<Leave[]> {
  // colleagues' leave (sick, vacation) is for those who roster
  requirePermission(ctx, 'rostering:write');
  scopeFacilities(ctx, [facilityId]);
  const rows = await q.listLeave(ctx.db, ctx.organizationId, facilityId, from, to);
  return rows.map((l) => ({
    id: l.id,
    staffMemberId: l.staff_member_id,
    facilityId: l.facility_id,
    startsOn: l.starts_on,
    endsOn: l.ends_on,
    kind: l.kind,
  }));
}

export async function createLeave(ctx: Ctx, input: CreateLeaveRequest): Promise<Leave> {
  requirePermission(ctx, 'rostering:write');
  const ref = await staffOrThrow(ctx, input.staffMemberId);
  const id = randomUUID();
  await inTransaction(ctx, async (tx) => {
    await q.insertLeave(tx.db, {
      id,
      organization_id: ctx.organizationId,
      facility_id: ref.facilityId,
      staff_member_id: ref.id,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
      kind: input.kind,
      created_by: ctx.actor?.userId ?? null,
    });
    // the kind of leave (sick, vacation) stays out of the audit details
    await recordAudit(tx, {
      action: 'rostering.leave.create',
      entityType: 'staff_leave',
      entityId: id,
      facilityId: ref.facilityId,
    });
  });
  return {
    id,
    staffMemberId: ref.id,
    facilityId: ref.facilityId,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    kind: input.kind,
  };
}

export async function listShiftRequests(ctx: Ctx, facilityId: string, from: string, to: string): Promise<ShiftRequest[]> {
  requirePermission(ctx, 'rostering:write');
  scopeFacilities(ctx, [facilityId]);
  const rows = await q.listRequests(ctx.db, ctx.organizationId, facilityId, from, to);
  return rows.map((r) => ({
    id: r.id,
    staffMemberId: r.staff_member_id,
    onDate: r.on_date,
    shiftTypeId: r.shift_type_id,
    kind: r.kind,
    weight: r.weight,
  }));
}

export async function createShiftRequest(ctx: Ctx, input: CreateShiftRequestRequest): Promise<ShiftRequest> {
  requirePermission(ctx, 'rostering:write');
  const ref = await staffOrThrow(ctx, input.staffMemberId);
  if (input.kind === 'on' && !input.shiftTypeId) throw fieldError('shiftTypeId', 'a request to work names the shift');
  if (input.shiftTypeId) {
    const st = await q.getShiftType(ctx.db, ctx.organizationId, input.shiftTypeId, [ref.facilityId]);
    if (!st) throw fieldError('shiftTypeId', 'is not a shift type of this person’s facility');
  }
  const id = randomUUID();
  await inTransaction(ctx, async (tx) => {
    await q.insertShiftRequest(tx.db, {
      id,
      organization_id: ctx.organizationId,
      facility_id: ref.facilityId,
      staff_member_id: ref.id,
      on_date: input.onDate,
      shift_type_id: input.shiftTypeId ?? null,
      kind: input.kind,
      weight: input.weight,
    });
    await recordAudit(tx, {
      action: 'rostering.request.create',
      entityType: 'shift_request',
      entityId: id,
      facilityId: ref.facilityId,
    });
  });
  return {
    id,
    staffMemberId: ref.id,
    onDate: input.onDate,
    shiftTypeId: input.shiftTypeId ?? null,
    kind: input.kind,
    weight: input.weight,
  };
}
