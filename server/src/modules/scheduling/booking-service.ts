// Booking and moving appointments. The database has the last word on double booking (the
// exclusion constraint on appointment_bookings); the checks here give the reasons people read.
import { randomUUID } from 'node:crypto';
import type {
  Appointment,
  BookAppointmentRequest,
  BookSeriesRequest,
  RescheduleRequest,
  SeriesResult,
} from '@clinicops/contracts';
import { recordAudit } from '../../platform/audit/record.js';
import { type Ctx, inTransaction, type TxCtx } from '../../platform/context.js';
import { AppError, fieldError, notFound } from '../../platform/errors.js';
import { requirePermission } from '../../platform/permissions.js';
import { patientLabels } from '../patients/index.js';
import { overlapsAny } from './domain/intervals.js';
import { withinAvailability } from './domain/slots.js';
import { canReschedule } from './domain/status.js';
import { addDays, dateIn, timeIn, zonedToInstant } from './domain/zoned.js';
import { loadPlanning, loadType, type Planning } from './planning.js';
import * as q from './queries.js';
import { getAppointmentIn } from './visit-service.js';

const MINUTE = 60_000;

/** Overbooking is a manager's decision: it needs rostering:write besides appointments:write. */
function requireOverbook(ctx: Ctx) {
  requirePermission(ctx, 'rostering:write');
}

type Placement = {
  planning: Planning;
  provider: q.ResourceRow;
  start: Date;
  end: Date;
  holdEnd: Date;
  resourceIds: string[];
};

/** Checks a proposed time for a type and provider; returns the resources to hold. */
async function place(
  ctx: TxCtx,
  type: q.TypeRow,
  input: {
    providerResourceId: string;
    startsAt: string;
    resourceIds?: string[] | undefined;
    overbook: boolean;
    durationMinutes?: number | undefined;
  },
  excludeAppointmentId?: string,
): Promise<Placement> {
  const start = new Date(input.startsAt);
  const end = new Date(start.getTime() + (input.durationMinutes ?? type.duration_minutes) * MINUTE);
  const holdEnd = new Date(end.getTime() + type.buffer_minutes * MINUTE);
  if (start.getTime() < ctx.clock.now().getTime() - 5 * MINUTE) throw fieldError('startsAt', 'is in the past');
  const [facility] = await q.facilities(ctx.db, ctx.organizationId, [type.facility_id]);
  const zone = facility?.time_zone ?? 'UTC';
  const date = dateIn(start.getTime(), zone);
  const planning = await loadPlanning(ctx, type, {
    from: addDays(date, -1),
    to: addDays(date, 1),
    ...(excludeAppointmentId ? { excludeAppointmentId } : {}),
  });
  const provider = planning.providers.find((p) => p.id === input.providerResourceId);
  if (!provider) throw fieldError('providerResourceId', `is not a provider who sees ${type.name} here`);
  const qualification = provider.staff_member_id ? planning.qualifications.get(provider.staff_member_id)?.on(date) : undefined;
  if (!qualification?.qualified) {
    const reasons = qualification?.reasons.join('; ') ?? 'not on staff';
    throw fieldError('providerResourceId', `${provider.name} cannot be booked on ${date}: ${reasons}`);
  }
  const at = `${date} ${timeIn(start.getTime(), zone)}`;
  if (!input.overbook) {
    if (!withinAvailability(planning.availability.get(provider.id) ?? [], start.getTime(), end.getTime())) {
      throw fieldError('startsAt', `${at} is outside ${provider.name}'s hours`);
    }
    if (overlapsAny(planning.busy.get(provider.id) ?? [], start.getTime(), holdEnd.getTime())) {
      throw new AppError('conflict', `${provider.name} is already booked at ${at}`, {
        errors: [{ field: 'startsAt', message: `${provider.name} is already booked then` }],
      });
    }
  }
  const needed = type.required_kinds.filter((k) => k !== 'provider');
  const free = (id: string) => input.overbook || !overlapsAny(planning.busy.get(id) ?? [], start.getTime(), holdEnd.getTime());
  let resourceIds: string[];
  if (input.resourceIds) {
    const chosen = input.resourceIds.map((id) => planning.others.find((r) => r.id === id));
    if (chosen.some((r) => r === undefined) || new Set(input.resourceIds).size !== input.resourceIds.length) {
      throw fieldError('resourceIds', `must name ${needed.join(' and ') || 'no'} resources of this facility`);
    }
    const kinds = chosen.map((r) => r?.kind).sort();
    if (kinds.join() !== [...needed].sort().join())
      throw fieldError('resourceIds', `must name one of each: ${needed.join(', ') || 'none'}`);
    const busy = chosen.find((r) => r && !free(r.id));
    if (busy) {
      throw new AppError('conflict', `${busy.name} is already booked at ${at}`, {
        errors: [{ field: 'resourceIds', message: `${busy.name} is already booked then` }],
      });
    }
    resourceIds = input.resourceIds;
  } else {
    resourceIds = [];
    for (const kind of needed) {
      const pick = planning.others.find((r) => r.kind === kind && !resourceIds.includes(r.id) && free(r.id));
      if (!pick) {
        throw new AppError('conflict', `No ${kind} is free at ${at}`, {
          errors: [{ field: 'startsAt', message: `no ${kind} is free then` }],
        });
      }
      resourceIds.push(pick.id);
    }
  }
  return { planning, provider, start, end, holdEnd, resourceIds };
}

const isExclusionViolation = (e: unknown) => {
  const code = (e as { code?: string })?.code;
  return code === '23P01' || code === '40P01';
};

/** The conflict someone else's concurrent booking caused, named by resource. */
function takenError(names: Map<string, string>, e: unknown): AppError {
  const detail = String((e as { detail?: string })?.detail ?? '');
  const id = [...names.keys()].find((k) => detail.includes(k));
  const what = id ? (names.get(id) ?? 'A resource') : 'A resource';
  return new AppError('conflict', `${what} was booked by someone else at that time just now`, {
    errors: [{ field: 'startsAt', message: `${what} is already booked then` }],
  });
}

/** Retries when resources were chosen for the caller and another booking took one first. */
async function withRetry<T>(
  ctx: Ctx,
  autoChosen: boolean,
  fn: (tx: TxCtx, names: Map<string, string>) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const names = new Map<string, string>();
    try {
      return await inTransaction(ctx, (tx) => fn(tx, names));
    } catch (e) {
      if (!isExclusionViolation(e)) throw e;
      if (!autoChosen || attempt >= 3 || ctx.db.isTransaction) throw takenError(names, e);
    }
  }
}

async function checkPatient(ctx: Ctx, facilityId: string, patientId: string) {
  const patient = (await patientLabels(ctx, [facilityId], [patientId])).get(patientId);
  if (!patient) throw fieldError('patientId', 'is not a patient of this facility');
  if (patient.status !== 'active') throw fieldError('patientId', `is ${patient.status}`);
  return patient;
}

export async function bookAppointment(
  ctx: Ctx,
  input: BookAppointmentRequest,
  seriesId: string | null = null,
): Promise<Appointment> {
  const actor = requirePermission(ctx, 'appointments:write');
  if (input.overbook) requireOverbook(ctx);
  return withRetry(ctx, input.resourceIds === undefined, async (tx, names) => {
    const type = await loadType(tx, actor.facilityIds, input.appointmentTypeId);
    if (!type.active) throw fieldError('appointmentTypeId', 'is no longer offered');
    await checkPatient(tx, type.facility_id, input.patientId);
    const p = await place(tx, type, input);
    for (const [id, name] of p.planning.names) names.set(id, name);
    const id = randomUUID();
    const now = ctx.clock.now();
    await q.insertAppointment(tx.db, {
      id,
      organization_id: ctx.organizationId,
      facility_id: type.facility_id,
      patient_id: input.patientId,
      appointment_type_id: type.id,
      provider_resource_id: p.provider.id,
      starts_at: p.start,
      ends_at: p.end,
      status: 'booked',
      booked_at: now,
      overbooked: input.overbook,
      series_id: seriesId,
      notes: input.notes,
      created_by: actor.via === 'system' ? null : actor.userId,
    });
    // bookings before the audit append: a losing concurrent booker fails here, never waiting on the audit lock
    await q.insertBookings(tx.db, ctx.organizationId, id, [p.provider.id, ...p.resourceIds], p.start, p.holdEnd, input.overbook);
    const fulfilled = await q.fulfilWaitlist(
      tx.db,
      ctx.organizationId,
      input.patientId,
      type.id,
      dateIn(p.start.getTime(), p.planning.timeZone),
      id,
    );
    await recordAudit(tx, {
      action: 'appointment.book',
      entityType: 'appointment',
      entityId: id,
      patientId: input.patientId,
      facilityId: type.facility_id,
      details: {
        startsAt: p.start.toISOString(),
        providerResourceId: p.provider.id,
        resourceIds: p.resourceIds,
        appointmentTypeId: type.id,
        overbooked: input.overbook,
        ...(seriesId ? { seriesId } : {}),
        ...(fulfilled.length > 0 ? { waitlistEntryIds: fulfilled.map((w) => w.id) } : {}),
      },
    });
    return getAppointmentIn(tx, [type.facility_id], id);
  });
}

/** Weekly occurrences, each booked on its own; a conflict is reported, not fatal. */
export async function bookSeries(ctx: Ctx, input: BookSeriesRequest): Promise<SeriesResult> {
  const actor = requirePermission(ctx, 'appointments:write');
  const type = await loadType(ctx, actor.facilityIds, input.appointmentTypeId);
  await checkPatient(ctx, type.facility_id, input.patientId);
  const [facility] = await q.facilities(ctx.db, ctx.organizationId, [type.facility_id]);
  const zone = facility?.time_zone ?? 'UTC';
  const first = new Date(input.startsAt).getTime();
  const date = dateIn(first, zone);
  const time = timeIn(first, zone);
  const seriesId = randomUUID();
  const occurrences: SeriesResult['occurrences'] = [];
  for (let i = 0; i < input.count; i++) {
    // the same wall-clock time each week, across DST changes
    const startsAt = new Date(zonedToInstant(addDays(date, 7 * input.everyWeeks * i), time, zone)).toISOString();
    try {
      const a = await bookAppointment(ctx, { ...input, startsAt, overbook: false }, seriesId);
      occurrences.push({ startsAt, status: 'booked', appointmentId: a.id, reason: null });
    } catch (e) {
      if (!(e instanceof AppError) || !['conflict', 'validation'].includes(e.code)) throw e;
      occurrences.push({ startsAt, status: 'conflict', appointmentId: null, reason: e.errors?.[0]?.message ?? e.message });
    }
  }
  return { seriesId, occurrences };
}

export async function rescheduleAppointment(ctx: Ctx, id: string, input: RescheduleRequest): Promise<Appointment> {
  const actor = requirePermission(ctx, 'appointments:write');
  if (input.overbook) requireOverbook(ctx);
  return withRetry(ctx, input.resourceIds === undefined, async (tx, names) => {
    const row = await q.lockAppointment(tx.db, ctx.organizationId, id, actor.facilityIds);
    if (!row) throw notFound('Appointment');
    if (!canReschedule(row.status))
      throw fieldError('startsAt', `an appointment that is ${row.status.replace('_', ' ')} cannot move`);
    const type = await loadType(tx, [row.facility_id], row.appointment_type_id);
    const p = await place(
      tx,
      type,
      {
        providerResourceId: input.providerResourceId ?? row.provider_resource_id,
        startsAt: input.startsAt,
        resourceIds: input.resourceIds,
        overbook: input.overbook,
        // a move keeps the appointment's length (which a resize may have changed)
        durationMinutes: input.durationMinutes ?? Math.round((row.ends_at.getTime() - row.starts_at.getTime()) / MINUTE),
      },
      id,
    );
    for (const [rid, name] of p.planning.names) names.set(rid, name);
    await q.deleteBookings(tx.db, ctx.organizationId, id);
    await q.insertBookings(tx.db, ctx.organizationId, id, [p.provider.id, ...p.resourceIds], p.start, p.holdEnd, input.overbook);
    await q.updateAppointment(tx.db, ctx.organizationId, id, {
      starts_at: p.start,
      ends_at: p.end,
      provider_resource_id: p.provider.id,
      overbooked: input.overbook,
      reschedule_count: row.reschedule_count + 1,
    });
    await recordAudit(tx, {
      action: 'appointment.reschedule',
      entityType: 'appointment',
      entityId: id,
      patientId: row.patient_id,
      facilityId: row.facility_id,
      details: {
        from: row.starts_at.toISOString(),
        to: p.start.toISOString(),
        minutes: Math.round((p.end.getTime() - p.start.getTime()) / MINUTE),
        providerResourceId: p.provider.id,
        resourceIds: p.resourceIds,
        overbooked: input.overbook,
      },
    });
    return getAppointmentIn(tx, [row.facility_id], id);
  });
}
