// Reading appointments and the front-desk steps of a visit: check-in, roomed, seen, checked out,
// cancelled (with a reason), no-show. Each step stamps its own column and is audited.
import type { Appointment, AppointmentQuery, AppointmentStep, DashboardCard } from '@clinicops/contracts';
import { recordAudit } from '../../platform/audit/record.js';
import { type Ctx, inTransaction } from '../../platform/context.js';
import { fieldError, notFound } from '../../platform/errors.js';
import { requirePermission, scopeFacilities } from '../../platform/permissions.js';
import { patientLabels } from '../patients/index.js';
import { type AppointmentAction, checkTransition } from './domain/status.js';
import { addDays, dateIn, zonedToInstant } from './domain/zoned.js';
import { toAppointment } from './mapping.js';
import * as q from './queries.js';
import { PATIENT_CANCEL_REASON } from './reminder-service.js';

/** One appointment with its patient's name, without auditing (the caller's use case does). */
export async function getAppointmentIn(ctx: Ctx, facilityIds: readonly string[], id: string): Promise<Appointment> {
  const [row] = await q.listAppointments(ctx.db, ctx.organizationId, { facilityIds, id });
  if (!row) throw notFound('Appointment');
  const patient = (await patientLabels(ctx, [row.facility_id], [row.patient_id])).get(row.patient_id);
  return toAppointment(row, patient?.name ?? '');
}

export async function getAppointment(ctx: Ctx, id: string): Promise<Appointment> {
  const actor = requirePermission(ctx, 'appointments:read');
  return inTransaction(ctx, async (tx) => {
    const a = await getAppointmentIn(tx, actor.facilityIds, id);
    await recordAudit(tx, {
      action: 'appointment.view',
      entityType: 'appointment',
      entityId: id,
      patientId: a.patientId,
      facilityId: a.facilityId,
    });
    return a;
  });
}

/** The calendar: appointments starting on the local dates [from, to] of each facility. */
export async function listAppointments(ctx: Ctx, query: AppointmentQuery): Promise<Appointment[]> {
  requirePermission(ctx, 'appointments:read');
  const facilityIds = scopeFacilities(ctx, query.facilityId ? [query.facilityId] : undefined);
  if (query.to < query.from) throw fieldError('to', 'must not be before from');
  if (query.to > addDays(query.from, 31)) throw fieldError('to', 'must be within 31 days of from');
  const zones = new Map((await q.facilities(ctx.db, ctx.organizationId, facilityIds)).map((f) => [f.id, f.time_zone]));
  return inTransaction(ctx, async (tx) => {
    // UTC bounds wide enough for any zone, then each row is kept by its own facility's calendar
    const rows = (
      await q.listAppointments(tx.db, ctx.organizationId, {
        facilityIds,
        from: new Date(zonedToInstant(addDays(query.from, -1), '00:00', 'UTC')),
        to: new Date(zonedToInstant(addDays(query.to, 2), '00:00', 'UTC')),
        providerResourceId: query.providerResourceId,
      })
    ).filter((r) => {
      const d = dateIn(r.starts_at.getTime(), zones.get(r.facility_id) ?? 'UTC');
      return d >= query.from && d <= query.to;
    });
    const patients = await patientLabels(
      tx,
      facilityIds,
      rows.map((r) => r.patient_id),
    );
    const patientIds = [...new Set(rows.map((r) => r.patient_id))];
    // the schedule shows patient names: a read of patient data, audited like a search
    await recordAudit(tx, {
      action: 'appointment.list',
      entityType: 'appointment',
      details: { from: query.from, to: query.to, results: rows.length, patientIds },
    });
    return rows.map((r) => toAppointment(r, patients.get(r.patient_id)?.name ?? ''));
  });
}

/** One patient's appointments, newest first (at most 100): the patient page's tab. An audited read. */
export async function listPatientAppointments(ctx: Ctx, patientId: string): Promise<Appointment[]> {
  const actor = requirePermission(ctx, 'appointments:read');
  return inTransaction(ctx, async (tx) => {
    const patient = (await patientLabels(tx, actor.facilityIds, [patientId])).get(patientId);
    if (!patient) throw notFound('Patient');
    const rows = await q.listAppointments(tx.db, ctx.organizationId, { facilityIds: actor.facilityIds, patientId, limit: 100 });
    await recordAudit(tx, {
      action: 'appointment.list',
      entityType: 'appointment',
      patientId,
      facilityId: patient.facilityId,
      details: { results: rows.length, patientIds: [patientId] },
    });
    return rows.map((r) => toAppointment(r, patient.name));
  });
}

const actionOf: Record<AppointmentStep | 'cancel', AppointmentAction> = {
  'check-in': 'check_in',
  room: 'room',
  see: 'see',
  'check-out': 'check_out',
  'no-show': 'no_show',
  cancel: 'cancel',
};

const stampOf = {
  checked_in: 'checked_in_at',
  roomed: 'roomed_at',
  seen: 'seen_at',
  checked_out: 'checked_out_at',
  cancelled: 'cancelled_at',
  no_show: 'no_show_at',
} as const;

export async function advanceAppointment(
  ctx: Ctx,
  id: string,
  step: AppointmentStep | 'cancel',
  reason?: string,
): Promise<Appointment> {
  const actor = requirePermission(ctx, 'appointments:write');
  const action = actionOf[step];
  return inTransaction(ctx, async (tx) => {
    const row = await q.lockAppointment(tx.db, ctx.organizationId, id, actor.facilityIds);
    if (!row) throw notFound('Appointment');
    const now = ctx.clock.now();
    const check = checkTransition({ status: row.status, startsAt: row.starts_at.getTime() }, action, now.getTime());
    if (!check.ok) throw fieldError('status', check.message);
    const to = check.to;
    if (to === 'booked') throw fieldError('status', 'cannot return to booked');
    await q.updateAppointment(tx.db, ctx.organizationId, id, {
      status: to,
      [stampOf[to]]: now,
      ...(to === 'cancelled' ? { cancel_reason: reason ?? null } : {}),
    });
    // a cancelled or missed visit frees its provider and room for someone else
    if (to === 'cancelled' || to === 'no_show') await q.releaseBookings(tx.db, ctx.organizationId, id);
    await recordAudit(tx, {
      action: `appointment.${action}`,
      entityType: 'appointment',
      entityId: id,
      patientId: row.patient_id,
      facilityId: row.facility_id,
      // the reason is the front desk's words and may name a condition: its length, not its text
      details: { from: row.status, to, ...(reason ? { reasonLength: reason.length } : {}) },
    });
    return getAppointmentIn(tx, [row.facility_id], id);
  });
}

/** Today's appointments and no-shows so far, per the facilities the user sees. */
export async function schedulingCards(ctx: Ctx): Promise<DashboardCard[]> {
  if (!ctx.actor?.permissions.has('appointments:read')) return [];
  const facilities = await q.facilities(ctx.db, ctx.organizationId, ctx.actor.facilityIds);
  let total = 0;
  let noShows = 0;
  let waiting = 0;
  for (const f of facilities) {
    const today = dateIn(ctx.clock.now().getTime(), f.time_zone);
    const from = new Date(zonedToInstant(today, '00:00', f.time_zone));
    const to = new Date(zonedToInstant(addDays(today, 1), '00:00', f.time_zone));
    for (const c of await q.statusCounts(ctx.db, ctx.organizationId, [f.id], from, to)) {
      const n = Number(c.n);
      if (c.status !== 'cancelled') total += n;
      if (c.status === 'no_show') noShows += n;
      if (c.status === 'checked_in') waiting += n;
    }
  }
  // freed by patients through their reminder links this past week: open them for waitlist proposals
  const now = ctx.clock.now();
  const freed = Number(
    (
      await q.patientCancellations(
        ctx.db,
        ctx.organizationId,
        ctx.actor.facilityIds,
        PATIENT_CANCEL_REASON,
        new Date(now.getTime() - 7 * 86_400_000),
        now,
      )
    ).n,
  );
  return [
    ...(freed > 0
      ? [
          {
            key: 'scheduling.patient-cancellations',
            title: 'Cancelled by patients (reminder links), last 7 days',
            value: String(freed),
            tone: 'warning' as const,
            detail: 'Open each on the schedule to offer the time to the waitlist',
            href: '/schedule',
          },
        ]
      : []),
    {
      key: 'scheduling.today',
      title: "Today's appointments",
      value: String(total),
      tone: 'neutral',
      detail: waiting > 0 ? `${waiting} checked in and waiting` : null,
      href: '/schedule',
    },
    {
      key: 'scheduling.no-shows',
      title: 'No-shows today',
      value: String(noShows),
      tone: noShows > 0 ? 'warning' : 'ok',
      detail: noShows > 0 ? 'Call to rebook' : null,
      href: '/schedule?view=today',
    },
  ];
}
