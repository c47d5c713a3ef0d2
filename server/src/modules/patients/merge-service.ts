import { randomUUID } from 'node:crypto';
import { type MergePatientRequest, MergeResult } from '@clinicops/contracts';
import type { Selectable } from 'kysely';
import { recordAudit } from '../../platform/audit/record.js';
import { type Ctx, inTransaction, type TxCtx } from '../../platform/context.js';
import { decryptField, encryptField } from '../../platform/crypto.js';
import { AppError, fieldError, notFound } from '../../platform/errors.js';
import { requirePermission } from '../../platform/permissions.js';
import { type MergeField, type MergeValues, mergeAlerts, planCoverageMoves, resolveMergeChoices } from './domain/merge.js';
import { toPatient } from './mapping.js';
import * as q from './queries.js';
import type { PatientTables } from './tables.js';

type Row = Selectable<PatientTables['patients']>;

/**
 * Another module's rows that follow a merged duplicate to the survivor (encounters; documents once
 * they land). Registered in app.ts (PATIENT_MERGE_STEPS), run in the merge's transaction.
 */
export type MergeStep = {
  name: string;
  /** Moves the rows of `fromPatientId` to `toPatientId`; returns the ids moved. */
  move(tx: TxCtx, fromPatientId: string, toPatientId: string): Promise<string[]>;
};

const valuesOf = (r: Row): MergeValues => ({
  name: { given: r.given_name, family: r.family_name },
  preferredName: r.preferred_name,
  dateOfBirth: r.date_of_birth,
  sexAtBirth: r.sex_at_birth === 'unknown' ? null : r.sex_at_birth,
  genderIdentity: r.gender_identity,
  phone: r.phone,
  email: r.email,
  address: { a: r.address_line1, b: r.address_line2, c: r.city, s: r.state, p: r.postal_code },
  preferredLanguage: r.preferred_language,
  emergencyContact: { n: r.emergency_contact_name, r: r.emergency_contact_relationship, p: r.emergency_contact_phone },
  ssn: r.ssn_last4,
  notes: r.notes,
});

/** The survivor's columns for the fields taken from the duplicate. */
function columnsFrom(ctx: Ctx, survivorId: string, d: Row, field: MergeField): q.PatientChanges {
  switch (field) {
    case 'name':
      return { given_name: d.given_name, family_name: d.family_name };
    case 'preferredName':
      return { preferred_name: d.preferred_name };
    case 'dateOfBirth':
      return { date_of_birth: d.date_of_birth };
    case 'sexAtBirth':
      return { sex_at_birth: d.sex_at_birth };
    case 'genderIdentity':
      return { gender_identity: d.gender_identity };
    case 'phone':
      return { phone: d.phone };
    case 'email':
      return { email: d.email };
    case 'address':
      return {
        address_line1: d.address_line1,
        address_line2: d.address_line2,
        city: d.city,
        state: d.state,
        postal_code: d.postal_code,
      };
    case 'preferredLanguage':
      return { preferred_language: d.preferred_language };
    case 'emergencyContact':
      return {
        emergency_contact_name: d.emergency_contact_name,
        emergency_contact_relationship: d.emergency_contact_relationship,
        emergency_contact_phone: d.emergency_contact_phone,
      };
    case 'ssn':
      // The ciphertext is bound to its record's id: decrypt with the duplicate's, seal with the survivor's.
      return d.ssn_encrypted
        ? {
            ssn_encrypted: encryptField(ctx.config, decryptField(ctx.config, d.ssn_encrypted, d.id), survivorId),
            ssn_last4: d.ssn_last4,
          }
        : { ssn_encrypted: null, ssn_last4: null };
    case 'notes':
      return { notes: d.notes };
  }
}

/**
 * Merges `duplicateId` into `survivorId`: field by field (the survivor wins unless told otherwise,
 * its blanks filled from the duplicate), moves coverages, consents and the registered steps' rows
 * (encounters, ...), marks the duplicate merged (never deleted) and keeps a snapshot of it.
 */
export async function mergePatients(
  ctx: Ctx,
  survivorId: string,
  input: MergePatientRequest,
  steps: readonly MergeStep[],
): Promise<MergeResult> {
  const actor = requirePermission(ctx, 'patients:write');
  if (input.duplicateId === survivorId) throw fieldError('duplicateId', 'is the surviving record itself');
  return inTransaction(ctx, async (tx) => {
    // Another organization's or facility's record is simply not found: merging across them is refused.
    const rows = await q.lockPatientsInOrder(tx.db, ctx.organizationId, actor.facilityIds, [survivorId, input.duplicateId]);
    const survivor = rows.find((r) => r.id === survivorId);
    const duplicate = rows.find((r) => r.id === input.duplicateId);
    if (!survivor) throw notFound('Patient');
    if (!duplicate) throw fieldError('duplicateId', 'is not a patient record you can see');
    if (survivor.merged_into_id !== null) {
      throw new AppError('conflict', 'This record was itself merged into another one; merge into that one', {
        details: { mergedIntoId: survivor.merged_into_id },
      });
    }
    if (duplicate.merged_into_id !== null) {
      throw new AppError('conflict', 'That record was already merged', {
        errors: [{ field: 'duplicateId', message: 'was already merged into another record' }],
      });
    }
    const choices = resolveMergeChoices(valuesOf(survivor), valuesOf(duplicate), input.fields ?? {});
    const set: q.PatientChanges = { alerts: mergeAlerts(survivor.alerts, duplicate.alerts) };
    for (const [field, side] of Object.entries(choices) as [MergeField, 'survivor' | 'duplicate'][]) {
      if (side === 'duplicate') Object.assign(set, columnsFrom(ctx, survivorId, duplicate, field));
    }
    await q.updatePatient(tx.db, ctx.organizationId, survivorId, set);

    const survivorCoverages = await q.listCoverages(tx.db, ctx.organizationId, survivorId);
    const duplicateCoverages = await q.listCoverages(tx.db, ctx.organizationId, duplicate.id);
    const fact = (c: q.CoverageRow) => ({
      id: c.id,
      order: c.coverage_order,
      active: c.active,
      payerName: c.payer_name,
      memberId: c.member_id,
    });
    const moves = planCoverageMoves(survivorCoverages.map(fact), duplicateCoverages.map(fact));
    // Ended ones first, so that the partial unique index (one active coverage per order) never trips.
    for (const m of [...moves].sort((a, b) => Number(a.active) - Number(b.active))) {
      await q.moveCoverage(tx.db, ctx.organizationId, m.id, { patientId: survivorId, order: m.order, active: m.active });
    }
    const moved: Record<string, string[]> = {
      coverages: moves.map((m) => m.id),
      consents: await q.moveConsents(tx.db, ctx.organizationId, duplicate.id, survivorId),
    };
    for (const step of steps) moved[step.name] = await step.move(tx, duplicate.id, survivorId);

    const now = ctx.clock.now();
    await q.updatePatient(tx.db, ctx.organizationId, duplicate.id, {
      status: 'merged',
      merged_into_id: survivorId,
      merged_at: now,
    });
    const mergeId = randomUUID();
    await q.insertMerge(tx.db, {
      id: mergeId,
      organization_id: ctx.organizationId,
      survivor_id: survivorId,
      merged_id: duplicate.id,
      merged_by: actor.via === 'system' ? null : actor.userId,
      choices: JSON.stringify(choices),
      snapshot: JSON.stringify(duplicate),
      moved: JSON.stringify(moved),
    });
    const counts = Object.fromEntries(Object.entries(moved).map(([k, v]) => [k, v.length]));
    const fromDuplicate = Object.entries(choices)
      .filter(([, side]) => side === 'duplicate')
      .map(([f]) => f);
    await recordAudit(tx, {
      action: 'patient.merge',
      entityType: 'patient',
      entityId: survivorId,
      patientId: survivorId,
      facilityId: survivor.facility_id,
      details: { mergeId, duplicateId: duplicate.id, fieldsFromDuplicate: fromDuplicate, moved: counts },
    });
    await recordAudit(tx, {
      action: 'patient.merged_into',
      entityType: 'patient',
      entityId: duplicate.id,
      patientId: duplicate.id,
      facilityId: duplicate.facility_id,
      details: { mergeId, survivorId },
    });
    const after = await q.findPatient(tx.db, ctx.organizationId, actor.facilityIds, survivorId);
    if (!after) throw notFound('Patient');
    return MergeResult.parse({
      survivor: toPatient(after),
      mergeId,
      choices,
      moved: counts,
      coveragesEnded: moves.filter((m) => m.reason === 'same_as_survivor' || m.reason === 'no_free_order').length,
    });
  });
}
