// The waitlist: patients who want an earlier appointment. A cancellation proposes the best of
// them (domain/waitlist.ts); booking one of them takes them off the list.
import { randomUUID } from 'node:crypto';
import type { AddToWaitlistRequest, FacilityQuery, WaitlistEntry } from '@clinicops/contracts';
import { recordAudit } from '../../platform/audit/record.js';
import { type Ctx, inTransaction } from '../../platform/context.js';
import { fieldError, notFound } from '../../platform/errors.js';
import { requirePermission, scopeFacilities } from '../../platform/permissions.js';
import { patientLabels } from '../patients/index.js';
import { rankWaitlist } from './domain/waitlist.js';
import { dateIn } from './domain/zoned.js';
import { loadType } from './planning.js';
import * as q from './queries.js';

function toEntry(r: q.WaitlistRow, patientName: string): WaitlistEntry {
  return {
    id: r.id,
    facilityId: r.facility_id,
    patientId: r.patient_id,
    patientName,
    appointmentTypeId: r.appointment_type_id,
    providerResourceId: r.provider_resource_id,
    earliestDate: r.earliest_date,
    latestDate: r.latest_date,
    status: r.status,
    createdAt: r.created_at.toISOString(),
  };
}

/** Entries with patient names: an audited read of patient data. */
async function withNames(ctx: Ctx, facilityIds: readonly string[], rows: q.WaitlistRow[], action: string, entityId?: string) {
  const names = await patientLabels(
    ctx,
    facilityIds,
    rows.map((r) => r.patient_id),
  );
  await recordAudit(ctx, {
    action,
    entityType: entityId ? 'appointment' : 'waitlist_entry',
    ...(entityId ? { entityId } : {}),
    details: { results: rows.length, patientIds: [...new Set(rows.map((r) => r.patient_id))] },
  });
  return rows.map((r) => toEntry(r, names.get(r.patient_id)?.name ?? ''));
}

export async function listWaitlist(ctx: Ctx, query: FacilityQuery): Promise<WaitlistEntry[]> {
  requirePermission(ctx, 'appointments:read');
  const facilityIds = scopeFacilities(ctx, query.facilityId ? [query.facilityId] : undefined);
  return inTransaction(ctx, async (tx) =>
    withNames(
      tx,
      facilityIds,
      await q.listWaitlist(tx.db, ctx.organizationId, { facilityIds, waitingOnly: true }),
      'waitlist.list',
    ),
  );
}

export async function addToWaitlist(ctx: Ctx, input: AddToWaitlistRequest): Promise<WaitlistEntry> {
  const actor = requirePermission(ctx, 'appointments:write');
  return inTransaction(ctx, async (tx) => {
    const type = await loadType(tx, actor.facilityIds, input.appointmentTypeId);
    const patient = (await patientLabels(tx, [type.facility_id], [input.patientId])).get(input.patientId);
    if (!patient) throw fieldError('patientId', 'is not a patient of this facility');
    if (input.providerResourceId) {
      const [p] = await q.listResources(tx.db, ctx.organizationId, {
        facilityIds: [type.facility_id],
        kind: 'provider',
        ids: [input.providerResourceId],
      });
      if (!p) throw fieldError('providerResourceId', 'is not a provider of this facility');
    }
    if (input.latestDate < input.earliestDate) throw fieldError('latestDate', 'must not be before earliestDate');
    const id = randomUUID();
    await q.insertWaitlistEntry(tx.db, {
      id,
      organization_id: ctx.organizationId,
      facility_id: type.facility_id,
      patient_id: input.patientId,
      appointment_type_id: type.id,
      provider_resource_id: input.providerResourceId,
      earliest_date: input.earliestDate,
      latest_date: input.latestDate,
      appointment_id: null,
      created_by: actor.via === 'system' ? null : actor.userId,
    });
    await recordAudit(tx, {
      action: 'waitlist.add',
      entityType: 'waitlist_entry',
      entityId: id,
      patientId: input.patientId,
      facilityId: type.facility_id,
    });
    const [row] = await q.listWaitlist(tx.db, ctx.organizationId, { facilityIds: [type.facility_id], id });
    if (!row) throw notFound('Waitlist entry');
    return toEntry(row, patient.name);
  });
}

export async function removeFromWaitlist(ctx: Ctx, id: string): Promise<WaitlistEntry> {
  const actor = requirePermission(ctx, 'appointments:write');
  return inTransaction(ctx, async (tx) => {
    const [row] = await q.listWaitlist(tx.db, ctx.organizationId, { facilityIds: actor.facilityIds, id });
    if (!row) throw notFound('Waitlist entry');
    if (row.status !== 'waiting') throw fieldError('status', `the entry is already ${row.status}`);
    await q.updateWaitlistEntry(tx.db, ctx.organizationId, id, { status: 'removed' });
    await recordAudit(tx, {
      action: 'waitlist.remove',
      entityType: 'waitlist_entry',
      entityId: id,
      patientId: row.patient_id,
      facilityId: row.facility_id,
    });
    const names = await patientLabels(tx, [row.facility_id], [row.patient_id]);
    return toEntry({ ...row, status: 'removed' }, names.get(row.patient_id)?.name ?? '');
  });
}

/** For a cancelled or missed appointment still ahead: who on the waitlist could take its time. */
export async function waitlistProposals(ctx: Ctx, appointmentId: string): Promise<WaitlistEntry[]> {
  const actor = requirePermission(ctx, 'appointments:read');
  return inTransaction(ctx, async (tx) => {
    const [a] = await q.listAppointments(tx.db, ctx.organizationId, { facilityIds: actor.facilityIds, id: appointmentId });
    if (!a) throw notFound('Appointment');
    if ((a.status !== 'cancelled' && a.status !== 'no_show') || a.starts_at.getTime() < ctx.clock.now().getTime()) return [];
    const [facility] = await q.facilities(tx.db, ctx.organizationId, [a.facility_id]);
    const waiting = (await q.listWaitlist(tx.db, ctx.organizationId, { facilityIds: [a.facility_id], waitingOnly: true })).filter(
      (w) => w.patient_id !== a.patient_id,
    );
    const ranked = rankWaitlist(
      waiting.map((w) => ({
        id: w.id,
        appointmentTypeId: w.appointment_type_id,
        holdMinutes: w.duration_minutes + w.buffer_minutes,
        providerResourceId: w.provider_resource_id,
        earliestDate: w.earliest_date,
        latestDate: w.latest_date,
        createdAt: w.created_at.getTime(),
      })),
      {
        appointmentTypeId: a.appointment_type_id,
        providerResourceId: a.provider_resource_id,
        date: dateIn(a.starts_at.getTime(), facility?.time_zone ?? 'UTC'),
        holdMinutes: a.duration_minutes + a.buffer_minutes,
      },
    );
    const byId = new Map(waiting.map((w) => [w.id, w]));
    const rows = ranked.map((r) => byId.get(r.id)).filter((r): r is q.WaitlistRow => r !== undefined);
    return withNames(tx, [a.facility_id], rows, 'waitlist.proposals', appointmentId);
  });
}
