import { randomUUID } from 'node:crypto';
import type { CreateEncounterRequest, Encounter, UpdateEncounterRequest } from '@clinicops/contracts';
import { CreateEncounterRequest as CreateSchema, UpdateEncounterRequest as UpdateSchema } from '@clinicops/contracts';
import { recordAudit } from '../../../platform/audit/record.js';
import { type Ctx, inTransaction } from '../../../platform/context.js';
import { notFound } from '../../../platform/errors.js';
import { requirePermission, scopeFacilities } from '../../../platform/permissions.js';
import { requireNotMerged, visiblePatientRef } from '../../patients/index.js';
import { checkCodes } from '../domain/codes.js';
import * as q from '../queries.js';
import { codeRows, judgeVisit, readBack, type VisitState } from './common.js';

// Recording and changing encounters: every problem at once, the provider judged on the date of
// service, the patient row locked so that a merge and an edit of the same record queue.

export async function createEncounter(ctx: Ctx, patientId: string, body: CreateEncounterRequest): Promise<Encounter> {
  const actor = requirePermission(ctx, 'patients:write');
  const input = CreateSchema.parse(body);
  scopeFacilities(ctx, [input.facilityId]);
  const { violations, codes } = checkCodes(input.diagnoses, input.procedures);
  const state: VisitState = {
    facilityId: input.facilityId,
    providerId: input.providerId,
    status: input.status,
    startsAt: new Date(input.startsAt),
    endsAt: input.endsAt ? new Date(input.endsAt) : null,
  };
  const warnings = await judgeVisit(ctx, state, violations, { checkProvider: true });
  const id = randomUUID();
  return inTransaction(ctx, async (tx) => {
    const patient = await visiblePatientRef(tx, patientId, { lock: true });
    requireNotMerged(patient);
    await q.insertEncounters(tx.db, [
      {
        id,
        organization_id: ctx.organizationId,
        facility_id: input.facilityId,
        patient_id: patientId,
        provider_id: input.providerId,
        status: input.status,
        class: input.class,
        starts_at: state.startsAt,
        ends_at: state.endsAt,
        reason: input.reason?.trim() || null,
        created_by: actor.via === 'system' ? null : actor.userId,
      },
    ]);
    const rows = codeRows(ctx.organizationId, id, codes);
    await q.replaceCodes(tx.db, ctx.organizationId, [], rows.diagnoses, rows.procedures);
    await recordAudit(tx, {
      action: 'patient.encounter.create',
      entityType: 'encounter',
      entityId: id,
      patientId,
      facilityId: input.facilityId,
      details: {
        status: input.status,
        diagnoses: codes.diagnoses.length,
        procedures: codes.procedures.length,
        warnings: warnings.length,
      },
    });
    return readBack(tx, patientId, id, warnings);
  });
}

export async function updateEncounter(
  ctx: Ctx,
  patientId: string,
  encounterId: string,
  body: UpdateEncounterRequest,
): Promise<Encounter> {
  const actor = requirePermission(ctx, 'patients:write');
  const input = UpdateSchema.parse(body);
  const current = await q.lockEncounter(ctx.db, ctx.organizationId, actor.facilityIds, patientId, encounterId);
  if (!current) throw notFound('Encounter');
  const existing = await q.codesOf(ctx.db, ctx.organizationId, [encounterId]);
  const diagnoses = input.diagnoses ?? existing.diagnoses.map((d) => ({ code: d.code, description: d.description }));
  const procedures =
    input.procedures ??
    existing.procedures.map((p) => ({
      code: p.code,
      modifiers: p.modifiers,
      units: p.units,
      diagnosisPointers: p.diagnosis_pointers,
      chargeCents: p.charge_cents === null ? null : Number(p.charge_cents),
      description: p.description,
    }));
  const { violations, codes } = checkCodes(diagnoses, procedures);
  const state: VisitState = {
    facilityId: current.facility_id,
    providerId: input.providerId !== undefined ? input.providerId : current.provider_id,
    status: input.status ?? current.status,
    startsAt: input.startsAt ? new Date(input.startsAt) : current.starts_at,
    endsAt: input.endsAt !== undefined ? (input.endsAt ? new Date(input.endsAt) : null) : current.ends_at,
  };
  // The provider is judged again when who, when or the status changes: a licence that lapses
  // after a visit was finished does not make the finished visit wrong.
  const checkProvider =
    state.providerId !== current.provider_id ||
    state.status !== current.status ||
    state.startsAt.getTime() !== current.starts_at.getTime();
  const warnings = await judgeVisit(ctx, state, violations, { checkProvider });
  return inTransaction(ctx, async (tx) => {
    const patient = await visiblePatientRef(tx, patientId, { lock: true });
    requireNotMerged(patient);
    const locked = await q.lockEncounter(tx.db, ctx.organizationId, actor.facilityIds, patientId, encounterId);
    if (!locked) throw notFound('Encounter');
    await q.updateEncounter(tx.db, ctx.organizationId, encounterId, {
      provider_id: state.providerId,
      status: state.status,
      ...(input.class !== undefined ? { class: input.class } : {}),
      starts_at: state.startsAt,
      ends_at: state.endsAt,
      ...(input.reason !== undefined ? { reason: input.reason?.trim() || null } : {}),
    });
    if (input.diagnoses !== undefined || input.procedures !== undefined) {
      const rows = codeRows(ctx.organizationId, encounterId, codes);
      await q.replaceCodes(tx.db, ctx.organizationId, [encounterId], rows.diagnoses, rows.procedures);
    }
    const statusChanged = state.status !== current.status;
    await recordAudit(tx, {
      action: 'patient.encounter.update',
      entityType: 'encounter',
      entityId: encounterId,
      patientId,
      facilityId: current.facility_id,
      details: { fields: Object.keys(body), ...(statusChanged ? { from: current.status, to: state.status } : {}) },
    });
    return readBack(tx, patientId, encounterId, warnings);
  });
}
