// Changing the schedule's setup: rename or deactivate a resource or an appointment type, change
// or end a weekly template, move or remove an exception. Deactivated resources and types stay
// (appointments name them); they are no longer offered for new bookings.
import type {
  AppointmentType,
  AvailabilityException,
  AvailabilityTemplate,
  Resource,
  UpdateAppointmentTypeRequest,
  UpdateExceptionRequest,
  UpdateResourceRequest,
  UpdateTemplateRequest,
} from '@clinicops/contracts';
import { recordAudit } from '../../platform/audit/record.js';
import { type Ctx, inTransaction } from '../../platform/context.js';
import { fieldError, notFound } from '../../platform/errors.js';
import { requirePermission } from '../../platform/permissions.js';
import { parseRrule } from './domain/rrule.js';
import { toException, toResource, toTemplate, toType } from './mapping.js';
import * as q from './queries.js';

const changed = (input: Record<string, unknown>) => Object.keys(input).filter((k) => input[k] !== undefined);

export async function updateResource(ctx: Ctx, id: string, input: UpdateResourceRequest): Promise<Resource> {
  const actor = requirePermission(ctx, 'appointments:write');
  return inTransaction(ctx, async (tx) => {
    const [row] = await q.listResources(tx.db, ctx.organizationId, { facilityIds: actor.facilityIds, ids: [id] });
    if (!row) throw notFound('Resource');
    await q.updateResource(tx.db, ctx.organizationId, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
    });
    await recordAudit(tx, {
      action: 'scheduling.resource.update',
      entityType: 'sched_resource',
      entityId: id,
      facilityId: row.facility_id,
      details: { fields: changed(input), ...(input.active !== undefined ? { active: input.active } : {}) },
    });
    const [after] = await q.listResources(tx.db, ctx.organizationId, { facilityIds: [row.facility_id], ids: [id] });
    if (!after) throw notFound('Resource');
    return toResource(after);
  });
}

export async function updateType(ctx: Ctx, id: string, input: UpdateAppointmentTypeRequest): Promise<AppointmentType> {
  const actor = requirePermission(ctx, 'appointments:write');
  return inTransaction(ctx, async (tx) => {
    const [row] = await q.listTypes(tx.db, ctx.organizationId, { facilityIds: actor.facilityIds, id });
    if (!row) throw notFound('Appointment type');
    if (input.allowedProviderIds && input.allowedProviderIds.length > 0) {
      const found = await q.listResources(tx.db, ctx.organizationId, {
        facilityIds: [row.facility_id],
        kind: 'provider',
        ids: input.allowedProviderIds,
      });
      if (found.length !== new Set(input.allowedProviderIds).size) {
        throw fieldError('allowedProviderIds', 'must name providers of this facility');
      }
    }
    await q.updateType(tx.db, ctx.organizationId, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.durationMinutes !== undefined ? { duration_minutes: input.durationMinutes } : {}),
      ...(input.bufferMinutes !== undefined ? { buffer_minutes: input.bufferMinutes } : {}),
      ...(input.allowedProviderIds !== undefined ? { allowed_provider_ids: [...new Set(input.allowedProviderIds)] } : {}),
      ...(input.color !== undefined ? { color: input.color } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
    });
    await recordAudit(tx, {
      action: 'scheduling.type.update',
      entityType: 'appointment_type',
      entityId: id,
      facilityId: row.facility_id,
      details: { fields: changed(input) },
    });
    const [after] = await q.listTypes(tx.db, ctx.organizationId, { facilityIds: [row.facility_id], id });
    if (!after) throw notFound('Appointment type');
    return toType(after);
  });
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/;

export async function updateTemplate(ctx: Ctx, id: string, input: UpdateTemplateRequest): Promise<AvailabilityTemplate> {
  const actor = requirePermission(ctx, 'appointments:write');
  return inTransaction(ctx, async (tx) => {
    const row = await q.findTemplate(tx.db, ctx.organizationId, id, actor.facilityIds);
    if (!row) throw notFound('Template');
    if (input.rrule !== undefined) {
      const rule = parseRrule(input.rrule);
      if (!rule.ok) throw fieldError('rrule', rule.message);
    }
    if (input.startTime !== undefined && !HHMM.test(input.startTime)) throw fieldError('startTime', 'must be HH:MM (24-hour)');
    if (input.endTime !== undefined && !HHMM.test(input.endTime)) throw fieldError('endTime', 'must be HH:MM (24-hour)');
    const startTime = (input.startTime ?? row.start_time).slice(0, 5);
    const endTime = (input.endTime ?? row.end_time).slice(0, 5);
    if (endTime <= startTime) throw fieldError('endTime', 'must be after startTime');
    const until = input.effectiveUntil === undefined ? row.effective_until : input.effectiveUntil;
    if (until !== null && until < row.effective_from) throw fieldError('effectiveUntil', 'must not be before effectiveFrom');
    await q.updateTemplate(tx.db, ctx.organizationId, id, {
      ...(input.rrule !== undefined ? { rrule: input.rrule.toUpperCase().replace(/^RRULE:/, '') } : {}),
      start_time: startTime,
      end_time: endTime,
      effective_until: until,
    });
    await recordAudit(tx, {
      action: 'scheduling.template.update',
      entityType: 'availability_template',
      entityId: id,
      facilityId: row.facility_id,
      details: { fields: changed(input), resourceId: row.resource_id },
    });
    const after = (
      await q.listTemplates(tx.db, ctx.organizationId, { facilityIds: [row.facility_id], resourceIds: [row.resource_id] })
    ).find((t) => t.id === id);
    if (!after) throw notFound('Template');
    return toTemplate(after);
  });
}

export async function updateException(ctx: Ctx, id: string, input: UpdateExceptionRequest): Promise<AvailabilityException> {
  const actor = requirePermission(ctx, 'appointments:write');
  return inTransaction(ctx, async (tx) => {
    const row = await q.findException(tx.db, ctx.organizationId, id, actor.facilityIds);
    if (!row) throw notFound('Exception');
    const startsAt = input.startsAt ? new Date(input.startsAt) : row.starts_at;
    const endsAt = input.endsAt ? new Date(input.endsAt) : row.ends_at;
    if (endsAt <= startsAt) throw fieldError('endsAt', 'must be after startsAt');
    if (endsAt.getTime() - startsAt.getTime() > 366 * 86_400_000) throw fieldError('endsAt', 'must be within a year of startsAt');
    await q.updateException(tx.db, ctx.organizationId, id, {
      starts_at: startsAt,
      ends_at: endsAt,
      ...(input.kind !== undefined ? { kind: input.kind } : {}),
      ...(input.reason !== undefined ? { reason: input.reason } : {}),
    });
    await recordAudit(tx, {
      action: 'scheduling.exception.update',
      entityType: 'availability_exception',
      entityId: id,
      facilityId: row.facility_id,
      details: { fields: changed(input) },
    });
    const after = await q.findException(tx.db, ctx.organizationId, id, [row.facility_id]);
    if (!after) throw notFound('Exception');
    return toException(after);
  });
}

/** An exception entered by mistake, or a leave cancelled: removed, and the removal audited with what it was. */
export async function deleteException(ctx: Ctx, id: string): Promise<void> {
  const actor = requirePermission(ctx, 'appointments:write');
  await inTransaction(ctx, async (tx) => {
    const row = await q.findException(tx.db, ctx.organizationId, id, actor.facilityIds);
    if (!row) throw notFound('Exception');
    await q.deleteException(tx.db, ctx.organizationId, id);
    await recordAudit(tx, {
      action: 'scheduling.exception.delete',
      entityType: 'availability_exception',
      entityId: id,
      facilityId: row.facility_id,
      details: {
        kind: row.kind,
        resourceId: row.resource_id,
        startsAt: row.starts_at.toISOString(),
        endsAt: row.ends_at.toISOString(),
      },
    });
  });
}
