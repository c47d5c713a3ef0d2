import { randomUUID } from 'node:crypto';
import type {
  AccessHistoryQuery,
  AuditPage,
  Consent,
  Coverage,
  CreateConsentRequest,
  CreateCoverageRequest,
  UpdateCoverageRequest,
} from '@clinicops/contracts';
import { recordAudit } from '../../platform/audit/record.js';
import { type Ctx, inTransaction, type TxCtx } from '../../platform/context.js';
import { AppError, fieldError, notFound } from '../../platform/errors.js';
import { requirePermission } from '../../platform/permissions.js';
import { searchAuditLog } from '../compliance/index.js';
import { type CoverageFacts, checkCoverage } from './domain/coverage-rules.js';
import { toConsent, toCoverage } from './mapping.js';
import { requireNotMerged } from './patient-ref.js';
import * as q from './queries.js';

// A patient's coverages, consents and access history: each read is audited with the patient's id,
// each write locks the patient row so concurrent edits of the same record queue up.

async function visiblePatient(tx: TxCtx, id: string, lock: boolean) {
  const facilityIds = tx.actor?.facilityIds ?? [];
  const row = lock
    ? await q.lockPatient(tx.db, tx.organizationId, facilityIds, id)
    : await q.findPatient(tx.db, tx.organizationId, facilityIds, id);
  if (!row) throw notFound('Patient');
  // A merged record takes no new data: it lives on in the survivor.
  if (lock) requireNotMerged({ id: row.id, facilityId: row.facility_id, status: row.status, mergedIntoId: row.merged_into_id });
  return row;
}

const factsOf = (c: q.CoverageRow): CoverageFacts => ({
  id: c.id,
  order: c.coverage_order,
  active: c.active,
  effectiveFrom: c.effective_from,
  effectiveTo: c.effective_to,
});

function refuse(violations: { field: string; message: string }[]) {
  if (violations.length > 0) {
    throw new AppError('validation', violations.map((v) => `${v.field}: ${v.message}`).join('; '), { errors: violations });
  }
}

export async function listCoverages(ctx: Ctx, patientId: string): Promise<Coverage[]> {
  requirePermission(ctx, 'patients:read');
  return inTransaction(ctx, async (tx) => {
    const patient = await visiblePatient(tx, patientId, false);
    await recordAudit(tx, {
      action: 'patient.coverage.view',
      entityType: 'patient',
      entityId: patientId,
      patientId,
      facilityId: patient.facility_id,
    });
    return (await q.listCoverages(tx.db, ctx.organizationId, patientId)).map(toCoverage);
  });
}

/**
 * A coverage as the use cases take it: the REST request (which requires the start date), or a
 * FHIR write, whose start may be unknown (null) when the resource has no period.start.
 */
export type RecordCoverageInput = Omit<CreateCoverageRequest, 'effectiveFrom'> & {
  effectiveFrom: string | null;
  /** False records a coverage that has ended (FHIR status cancelled, a former payer). */
  active?: boolean;
};
export type RecordCoverageChanges = Omit<UpdateCoverageRequest, 'effectiveFrom'> & { effectiveFrom?: string | null };

export async function addCoverage(ctx: Ctx, patientId: string, input: RecordCoverageInput): Promise<Coverage> {
  requirePermission(ctx, 'patients:write');
  const id = randomUUID();
  return inTransaction(ctx, async (tx) => {
    const patient = await visiblePatient(tx, patientId, true);
    const existing = await q.listCoverages(tx.db, ctx.organizationId, patientId);
    const proposed = {
      id,
      order: input.order,
      active: input.active ?? true,
      effectiveFrom: input.effectiveFrom,
      effectiveTo: input.effectiveTo ?? null,
    };
    refuse(checkCoverage(proposed, existing.map(factsOf)));
    await q.insertCoverages(tx.db, [
      {
        id,
        organization_id: ctx.organizationId,
        patient_id: patientId,
        payer_name: input.payerName,
        payer_kind: input.payerKind,
        plan_name: input.planName ?? null,
        member_id: input.memberId ?? null,
        group_id: input.groupId ?? null,
        subscriber_name: input.subscriberName ?? null,
        relationship: input.relationship,
        coverage_order: input.order,
        effective_from: input.effectiveFrom,
        effective_to: input.effectiveTo ?? null,
        active: proposed.active,
      },
    ]);
    await recordAudit(tx, {
      action: 'patient.coverage.add',
      entityType: 'coverage',
      entityId: id,
      patientId,
      facilityId: patient.facility_id,
      details: { order: input.order, payerKind: input.payerKind, ...(proposed.active ? {} : { active: false }) },
    });
    const row = (await q.listCoverages(tx.db, ctx.organizationId, patientId)).find((c) => c.id === id);
    if (!row) throw notFound('Coverage');
    return toCoverage(row);
  });
}

export async function updateCoverage(
  ctx: Ctx,
  patientId: string,
  coverageId: string,
  input: RecordCoverageChanges,
): Promise<Coverage> {
  requirePermission(ctx, 'patients:write');
  return inTransaction(ctx, async (tx) => {
    const patient = await visiblePatient(tx, patientId, true);
    const existing = await q.listCoverages(tx.db, ctx.organizationId, patientId);
    const current = existing.find((c) => c.id === coverageId);
    if (!current) throw notFound('Coverage');
    const proposed: CoverageFacts = {
      id: coverageId,
      order: input.order ?? current.coverage_order,
      active: input.active ?? current.active,
      effectiveFrom: input.effectiveFrom !== undefined ? input.effectiveFrom : current.effective_from,
      effectiveTo: input.effectiveTo !== undefined ? input.effectiveTo : current.effective_to,
    };
    refuse(checkCoverage(proposed, existing.map(factsOf)));
    await q.updateCoverage(tx.db, ctx.organizationId, coverageId, {
      ...(input.payerName !== undefined ? { payer_name: input.payerName } : {}),
      ...(input.payerKind !== undefined ? { payer_kind: input.payerKind } : {}),
      ...(input.planName !== undefined ? { plan_name: input.planName } : {}),
      ...(input.memberId !== undefined ? { member_id: input.memberId } : {}),
      ...(input.groupId !== undefined ? { group_id: input.groupId } : {}),
      ...(input.subscriberName !== undefined ? { subscriber_name: input.subscriberName } : {}),
      ...(input.relationship !== undefined ? { relationship: input.relationship } : {}),
      coverage_order: proposed.order,
      active: proposed.active,
      effective_from: proposed.effectiveFrom,
      effective_to: proposed.effectiveTo,
    });
    await recordAudit(tx, {
      action: 'patient.coverage.update',
      entityType: 'coverage',
      entityId: coverageId,
      patientId,
      facilityId: patient.facility_id,
      details: { fields: Object.keys(input) },
    });
    const row = (await q.listCoverages(tx.db, ctx.organizationId, patientId)).find((c) => c.id === coverageId);
    if (!row) throw notFound('Coverage');
    return toCoverage(row);
  });
}

export async function listConsents(ctx: Ctx, patientId: string): Promise<Consent[]> {
  requirePermission(ctx, 'patients:read');
  return inTransaction(ctx, async (tx) => {
    const patient = await visiblePatient(tx, patientId, false);
    await recordAudit(tx, {
      action: 'patient.consent.view',
      entityType: 'patient',
      entityId: patientId,
      patientId,
      facilityId: patient.facility_id,
    });
    return (await q.listConsents(tx.db, ctx.organizationId, patientId)).map(toConsent);
  });
}

export async function addConsent(ctx: Ctx, patientId: string, input: CreateConsentRequest): Promise<Consent> {
  const actor = requirePermission(ctx, 'patients:write');
  if (input.signedOn > ctx.clock.now().toISOString().slice(0, 10)) {
    throw fieldError('signedOn', 'is in the future');
  }
  const id = randomUUID();
  return inTransaction(ctx, async (tx) => {
    const patient = await visiblePatient(tx, patientId, true);
    await q.insertConsents(tx.db, [
      {
        id,
        organization_id: ctx.organizationId,
        patient_id: patientId,
        kind: input.kind,
        signed_on: input.signedOn,
        note: input.note ?? null,
        recorded_by: actor.via === 'system' ? null : actor.userId,
      },
    ]);
    await recordAudit(tx, {
      action: 'patient.consent.add',
      entityType: 'consent',
      entityId: id,
      patientId,
      facilityId: patient.facility_id,
      details: { kind: input.kind, signedOn: input.signedOn },
    });
    const row = (await q.listConsents(tx.db, ctx.organizationId, patientId)).find((c) => c.id === id);
    if (!row) throw notFound('Consent');
    return toConsent(row);
  });
}

/**
 * "Who accessed this record" (45 CFR 164.312(b)): the audit events naming the patient. It needs
 * `audit:read` (managers and compliance auditors), not `patients:read`: it shows what colleagues
 * did, which is an oversight function. Looking is itself recorded against the patient.
 */
export async function accessHistory(ctx: Ctx, patientId: string, query: AccessHistoryQuery): Promise<AuditPage> {
  requirePermission(ctx, 'audit:read');
  return inTransaction(ctx, async (tx) => {
    const patient = await visiblePatient(tx, patientId, false);
    await recordAudit(tx, {
      action: 'patient.access_history.view',
      entityType: 'patient',
      entityId: patientId,
      patientId,
      facilityId: patient.facility_id,
    });
    return searchAuditLog(tx, { patientId, limit: query.limit, offset: query.offset });
  });
}
