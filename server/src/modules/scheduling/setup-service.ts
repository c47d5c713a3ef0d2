// Setting up the schedule: resources, appointment types, weekly templates and exceptions.
import { randomUUID } from 'node:crypto';
import type {
  AppointmentType,
  AvailabilityException,
  AvailabilityTemplate,
  CreateAppointmentTypeRequest,
  CreateExceptionRequest,
  CreateResourceRequest,
  CreateTemplateRequest,
  ExceptionQuery,
  FacilityQuery,
  Resource,
  ResourceQuery,
  TemplateQuery,
} from '@clinicops/contracts';
import { recordAudit } from '../../platform/audit/record.js';
import { type Ctx, inTransaction } from '../../platform/context.js';
import { fieldError, notFound } from '../../platform/errors.js';
import { requirePermission, scopeFacilities } from '../../platform/permissions.js';
import { providerQualifications } from '../staff/index.js';
import { parseRrule } from './domain/rrule.js';
import { addDays, zonedToInstant } from './domain/zoned.js';
import { toException, toResource, toTemplate, toType } from './mapping.js';
import * as q from './queries.js';

const PROVIDER_POSITIONS = ['physician', 'nurse_practitioner', 'physician_assistant'];

/** A facility the actor may see, named in a body: a field error rather than a 403 for a wrong id. */
function ownFacility(ctx: Ctx, facilityId: string, field = 'facilityId') {
  const actor = requirePermission(ctx, 'appointments:write');
  if (!actor.facilityIds.includes(facilityId)) throw fieldError(field, 'is not a facility you may schedule');
  return facilityId;
}

export async function listResources(ctx: Ctx, query: ResourceQuery): Promise<Resource[]> {
  requirePermission(ctx, 'appointments:read');
  const facilityIds = scopeFacilities(ctx, query.facilityId ? [query.facilityId] : undefined);
  const rows = await q.listResources(ctx.db, ctx.organizationId, { facilityIds, kind: query.kind });
  return rows.map(toResource);
}

export async function createResource(ctx: Ctx, input: CreateResourceRequest): Promise<Resource> {
  requirePermission(ctx, 'appointments:write');
  const facilityId = ownFacility(ctx, input.facilityId);
  return inTransaction(ctx, async (tx) => {
    let name = input.name;
    if (input.kind === 'provider') {
      if (!input.staffMemberId) throw fieldError('staffMemberId', 'is required for a provider');
      const person = (await providerQualifications(tx, [facilityId], [input.staffMemberId])).get(input.staffMemberId);
      if (!person) throw fieldError('staffMemberId', 'is not a staff member of this facility');
      if (!PROVIDER_POSITIONS.includes(person.position)) {
        throw fieldError('staffMemberId', 'must be a physician, nurse practitioner or physician assistant');
      }
      name ??= person.name;
    } else {
      if (input.staffMemberId) throw fieldError('staffMemberId', 'is only for providers');
      if (!name) throw fieldError('name', 'is required');
    }
    const id = randomUUID();
    await q.insertResource(tx.db, {
      id,
      organization_id: ctx.organizationId,
      facility_id: facilityId,
      kind: input.kind,
      name: name ?? '',
      staff_member_id: input.kind === 'provider' ? (input.staffMemberId ?? null) : null,
    });
    await recordAudit(tx, {
      action: 'scheduling.resource.create',
      entityType: 'sched_resource',
      entityId: id,
      facilityId,
      details: { kind: input.kind },
    });
    const [row] = await q.listResources(tx.db, ctx.organizationId, { facilityIds: [facilityId], ids: [id] });
    if (!row) throw notFound('Resource');
    return toResource(row);
  });
}

export async function listTypes(ctx: Ctx, query: FacilityQuery): Promise<AppointmentType[]> {
  requirePermission(ctx, 'appointments:read');
  const facilityIds = scopeFacilities(ctx, query.facilityId ? [query.facilityId] : undefined);
  return (await q.listTypes(ctx.db, ctx.organizationId, { facilityIds })).map(toType);
}

export async function createType(ctx: Ctx, input: CreateAppointmentTypeRequest): Promise<AppointmentType> {
  requirePermission(ctx, 'appointments:write');
  const facilityId = ownFacility(ctx, input.facilityId);
  return inTransaction(ctx, async (tx) => {
    if (input.allowedProviderIds.length > 0) {
      const found = await q.listResources(tx.db, ctx.organizationId, {
        facilityIds: [facilityId],
        kind: 'provider',
        ids: input.allowedProviderIds,
      });
      if (found.length !== new Set(input.allowedProviderIds).size) {
        throw fieldError('allowedProviderIds', 'must name providers of this facility');
      }
    }
    const id = randomUUID();
    await q.insertType(tx.db, {
      id,
      organization_id: ctx.organizationId,
      facility_id: facilityId,
      name: input.name,
      duration_minutes: input.durationMinutes,
      buffer_minutes: input.bufferMinutes,
      required_kinds: input.requiredKinds,
      allowed_provider_ids: [...new Set(input.allowedProviderIds)],
      visit_kind: input.visitKind,
      color: input.color,
    });
    await recordAudit(tx, { action: 'scheduling.type.create', entityType: 'appointment_type', entityId: id, facilityId });
    const [row] = await q.listTypes(tx.db, ctx.organizationId, { facilityIds: [facilityId], id });
    if (!row) throw notFound('Appointment type');
    return toType(row);
  });
}

export async function listTemplates(ctx: Ctx, query: TemplateQuery): Promise<AvailabilityTemplate[]> {
  requirePermission(ctx, 'appointments:read');
  const facilityIds = scopeFacilities(ctx, query.facilityId ? [query.facilityId] : undefined);
  const rows = await q.listTemplates(ctx.db, ctx.organizationId, {
    facilityIds,
    ...(query.resourceId ? { resourceIds: [query.resourceId] } : {}),
  });
  return rows.map(toTemplate);
}

export async function createTemplate(ctx: Ctx, input: CreateTemplateRequest): Promise<AvailabilityTemplate> {
  const actor = requirePermission(ctx, 'appointments:write');
  const startTime = input.startTime.slice(0, 5);
  const endTime = input.endTime.slice(0, 5);
  return inTransaction(ctx, async (tx) => {
    const [resource] = await q.listResources(tx.db, ctx.organizationId, {
      facilityIds: actor.facilityIds,
      ids: [input.resourceId],
    });
    if (!resource) throw fieldError('resourceId', 'is not a resource you may schedule');
    if (resource.kind !== 'provider') throw fieldError('resourceId', 'must be a provider (rooms are bookable whenever free)');
    const rule = parseRrule(input.rrule);
    if (!rule.ok) throw fieldError('rrule', rule.message);
    const hhmm = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/;
    if (!hhmm.test(input.startTime)) throw fieldError('startTime', 'must be HH:MM (24-hour)');
    if (!hhmm.test(input.endTime)) throw fieldError('endTime', 'must be HH:MM (24-hour)');
    if (endTime <= startTime) throw fieldError('endTime', 'must be after startTime');
    if (input.effectiveUntil !== null && input.effectiveUntil < input.effectiveFrom) {
      throw fieldError('effectiveUntil', 'must not be before effectiveFrom');
    }
    const id = randomUUID();
    await q.insertTemplate(tx.db, {
      id,
      organization_id: ctx.organizationId,
      facility_id: resource.facility_id,
      resource_id: resource.id,
      rrule: input.rrule.toUpperCase().replace(/^RRULE:/, ''),
      start_time: startTime,
      end_time: endTime,
      effective_from: input.effectiveFrom,
      effective_until: input.effectiveUntil,
    });
    await recordAudit(tx, {
      action: 'scheduling.template.create',
      entityType: 'availability_template',
      entityId: id,
      facilityId: resource.facility_id,
      details: { resourceId: resource.id, rrule: input.rrule },
    });
    const [row] = (
      await q.listTemplates(tx.db, ctx.organizationId, { facilityIds: [resource.facility_id], resourceIds: [resource.id] })
    ).filter((t) => t.id === id);
    if (!row) throw notFound('Template');
    return toTemplate(row);
  });
}

export async function listExceptions(ctx: Ctx, query: ExceptionQuery): Promise<AvailabilityException[]> {
  requirePermission(ctx, 'appointments:read');
  const facilityIds = scopeFacilities(ctx, query.facilityId ? [query.facilityId] : undefined);
  // Dates as UTC days widened by a day each side: exceptions are few, the list is for people.
  const rows = await q.listExceptions(ctx.db, ctx.organizationId, {
    facilityIds,
    ...(query.from ? { from: new Date(zonedToInstant(addDays(query.from, -1), '00:00', 'UTC')) } : {}),
    ...(query.to ? { to: new Date(zonedToInstant(addDays(query.to, 2), '00:00', 'UTC')) } : {}),
  });
  return rows.map(toException);
}

export async function createException(ctx: Ctx, input: CreateExceptionRequest): Promise<AvailabilityException> {
  requirePermission(ctx, 'appointments:write');
  const facilityId = ownFacility(ctx, input.facilityId);
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  return inTransaction(ctx, async (tx) => {
    if (input.resourceId) {
      const [resource] = await q.listResources(tx.db, ctx.organizationId, { facilityIds: [facilityId], ids: [input.resourceId] });
      if (!resource) throw fieldError('resourceId', 'is not a resource of this facility');
    }
    if (endsAt <= startsAt) throw fieldError('endsAt', 'must be after startsAt');
    if (endsAt.getTime() - startsAt.getTime() > 366 * 86_400_000) throw fieldError('endsAt', 'must be within a year of startsAt');
    const id = randomUUID();
    await q.insertException(tx.db, {
      id,
      organization_id: ctx.organizationId,
      facility_id: facilityId,
      resource_id: input.resourceId,
      kind: input.kind,
      starts_at: startsAt,
      ends_at: endsAt,
      reason: input.reason,
    });
    await recordAudit(tx, {
      action: 'scheduling.exception.create',
      entityType: 'availability_exception',
      entityId: id,
      facilityId,
      details: { kind: input.kind, resourceId: input.resourceId },
    });
    const rows = await q.listExceptions(tx.db, ctx.organizationId, { facilityIds: [facilityId], from: startsAt, to: endsAt });
    const row = rows.find((r) => r.id === id);
    if (!row) throw notFound('Exception');
    return toException(row);
  });
}
