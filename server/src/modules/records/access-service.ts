import { randomUUID } from 'node:crypto';
import type { AccessRequest, CreateAccessRequest, DashboardCard, UpdateAccessRequest } from '@clinicops/contracts';
import { recordAudit } from '../../platform/audit/record.js';
import { type Ctx, inTransaction } from '../../platform/context.js';
import { AppError, fieldError, notFound } from '../../platform/errors.js';
import { requirePermission } from '../../platform/permissions.js';
import { addDays } from '../../shared/calendar.js';
import { listFacilities } from '../organization/index.js';
import { type MergeStep, requireNotMerged, visiblePatientRef } from '../patients/index.js';
import { accessRequestStatus, deadlineOf, dueBy, EXTENSION_DAYS, extensionProblem } from './domain/access-requests.js';
import * as q from './queries.js';

// Right-of-access requests: when one came in, when it is due (30 days), its one extension, and
// when and how it was fulfilled. Dates are the facility's calendar dates.

type Row = Awaited<ReturnType<typeof q.listAccessRequests>>[number];

async function facilityToday(ctx: Ctx, facilityId: string) {
  const tz = (await listFacilities(ctx)).find((f) => f.id === facilityId)?.timeZone ?? 'UTC';
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    ctx.clock.now(),
  );
  return parts;
}

const toAccessRequest = (r: Row, today: string): AccessRequest => {
  const state = { requestedOn: r.requested_on, dueBy: r.due_by, extendedTo: r.extended_to, fulfilledOn: r.fulfilled_on };
  return {
    id: r.id,
    patientId: r.patient_id,
    requestedOn: r.requested_on,
    dueBy: r.due_by,
    extendedTo: r.extended_to,
    extensionReason: r.extension_reason,
    fulfilledOn: r.fulfilled_on,
    fulfilledFormat: r.fulfilled_format,
    note: r.note,
    status: accessRequestStatus(state, today),
  };
};

export async function listAccessRequests(ctx: Ctx, patientId: string): Promise<AccessRequest[]> {
  requirePermission(ctx, 'patients:read');
  return inTransaction(ctx, async (tx) => {
    const patient = await visiblePatientRef(tx, patientId);
    const today = await facilityToday(tx, patient.facilityId);
    await recordAudit(tx, {
      action: 'patient.access_request.view',
      entityType: 'patient',
      entityId: patientId,
      patientId,
      facilityId: patient.facilityId,
    });
    return (await q.listAccessRequests(tx.db, ctx.organizationId, patientId)).map((r) => toAccessRequest(r, today));
  });
}

export async function createAccessRequest(ctx: Ctx, patientId: string, input: CreateAccessRequest): Promise<AccessRequest> {
  const actor = requirePermission(ctx, 'patients:write');
  const id = randomUUID();
  return inTransaction(ctx, async (tx) => {
    const patient = await visiblePatientRef(tx, patientId, { lock: true });
    requireNotMerged(patient);
    const today = await facilityToday(tx, patient.facilityId);
    if (input.requestedOn > today) throw fieldError('requestedOn', 'is in the future');
    await q.insertAccessRequest(tx.db, {
      id,
      organization_id: ctx.organizationId,
      patient_id: patientId,
      requested_on: input.requestedOn,
      due_by: dueBy(input.requestedOn),
      note: input.note?.trim() || null,
      recorded_by: actor.via === 'system' ? null : actor.userId,
    });
    await recordAudit(tx, {
      action: 'patient.access_request.create',
      entityType: 'access_request',
      entityId: id,
      patientId,
      facilityId: patient.facilityId,
      details: { requestedOn: input.requestedOn, dueBy: dueBy(input.requestedOn) },
    });
    const row = (await q.listAccessRequests(tx.db, ctx.organizationId, patientId)).find((r) => r.id === id);
    if (!row) throw notFound('Access request');
    return toAccessRequest(row, today);
  });
}

export async function updateAccessRequest(
  ctx: Ctx,
  patientId: string,
  requestId: string,
  input: UpdateAccessRequest,
): Promise<AccessRequest> {
  requirePermission(ctx, 'patients:write');
  const extending = input.extensionReason !== undefined;
  const fulfilling = input.fulfilledOn !== undefined || input.fulfilledFormat !== undefined;
  return inTransaction(ctx, async (tx) => {
    const patient = await visiblePatientRef(tx, patientId, { lock: true });
    const current = await q.lockAccessRequest(tx.db, ctx.organizationId, patientId, requestId);
    // Not found comes first: an unknown request is not a malformed body.
    if (!current) throw notFound('Access request');
    if (extending === fulfilling) {
      throw new AppError('validation', 'Send either extensionReason, or fulfilledOn with fulfilledFormat', {
        errors: [{ field: extending ? 'fulfilledOn' : 'extensionReason', message: 'extend or fulfil, one at a time' }],
      });
    }
    const today = await facilityToday(tx, patient.facilityId);
    const state = {
      requestedOn: current.requested_on,
      dueBy: current.due_by,
      extendedTo: current.extended_to,
      fulfilledOn: current.fulfilled_on,
    };
    if (extending) {
      const problem = extensionProblem(state, today);
      if (problem) throw fieldError('extensionReason', problem);
      await q.updateAccessRequest(tx.db, ctx.organizationId, requestId, {
        extended_to: addDays(current.due_by, EXTENSION_DAYS),
        extension_reason: input.extensionReason?.trim() ?? null,
      });
    } else {
      if (!input.fulfilledOn) throw fieldError('fulfilledOn', 'is required with fulfilledFormat');
      if (!input.fulfilledFormat) throw fieldError('fulfilledFormat', 'is required with fulfilledOn');
      if (current.fulfilled_on !== null) throw fieldError('fulfilledOn', 'the request is already fulfilled');
      if (input.fulfilledOn < current.requested_on) throw fieldError('fulfilledOn', 'is before the request was received');
      if (input.fulfilledOn > today) throw fieldError('fulfilledOn', 'is in the future');
      await q.updateAccessRequest(tx.db, ctx.organizationId, requestId, {
        fulfilled_on: input.fulfilledOn,
        fulfilled_format: input.fulfilledFormat,
      });
    }
    await recordAudit(tx, {
      action: extending ? 'patient.access_request.extend' : 'patient.access_request.fulfil',
      entityType: 'access_request',
      entityId: requestId,
      patientId,
      facilityId: patient.facilityId,
      details: extending
        ? { extendedTo: addDays(current.due_by, EXTENSION_DAYS) }
        : {
            fulfilledOn: input.fulfilledOn,
            format: input.fulfilledFormat,
            onTime: (input.fulfilledOn ?? '') <= deadlineOf(state),
          },
    });
    const row = (await q.listAccessRequests(tx.db, ctx.organizationId, patientId)).find((r) => r.id === requestId);
    if (!row) throw notFound('Access request');
    return toAccessRequest(row, today);
  });
}

/** A merged duplicate's access requests belong to the same person: they follow to the survivor. */
export const accessRequestMergeStep: MergeStep = {
  name: 'accessRequests',
  move: (tx, from, to) => q.reassignAccessRequests(tx.db, tx.organizationId, from, to),
};

/** For those who oversee privacy (audit:read): requests overdue or due within 7 days. */
export async function accessRequestCards(ctx: Ctx): Promise<DashboardCard[]> {
  if (!ctx.actor?.permissions.has('audit:read')) return [];
  const today = ctx.clock.now().toISOString().slice(0, 10);
  const rows = await q.openAccessRequestDeadlines(ctx.db, ctx.organizationId);
  const deadlines = rows.map((r) => r.extended_to ?? r.due_by);
  const overdue = deadlines.filter((d) => d < today).length;
  const soon = deadlines.filter((d) => d >= today && d <= addDays(today, 7)).length;
  return [
    {
      key: 'records.access-requests',
      title: 'Right-of-access requests due',
      value: String(overdue + soon),
      tone: overdue > 0 ? 'danger' : soon > 0 ? 'warning' : 'ok',
      detail:
        overdue + soon > 0
          ? `${overdue} overdue, ${soon} due within 7 days (45 CFR 164.524: 30 days, one 30-day extension)`
          : 'Nothing due in the next 7 days',
      href: '/patients',
    },
  ];
}
