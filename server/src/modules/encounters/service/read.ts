import type { Encounter, EncounterProvider } from '@clinicops/contracts';
import { recordAudit } from '../../../platform/audit/record.js';
import { type Ctx, inTransaction, type TxCtx } from '../../../platform/context.js';
import { requirePermission } from '../../../platform/permissions.js';
import { visiblePatientRef } from '../../patients/index.js';
import { listProviders } from '../../staff/index.js';
import { toEncounter } from '../mapping.js';
import * as q from '../queries.js';
import { namesOf, openVisitWarnings } from './common.js';

// Reading a patient's encounters: audited as views of the record.

export async function listEncounters(ctx: Ctx, patientId: string): Promise<Encounter[]> {
  const actor = requirePermission(ctx, 'patients:read');
  return inTransaction(ctx, async (tx) => {
    const patient = await visiblePatientRef(tx, patientId);
    const rows = await q.listEncounters(tx.db, ctx.organizationId, actor.facilityIds, patientId);
    const codes = await q.codesOf(
      tx.db,
      ctx.organizationId,
      rows.map((r) => r.id),
    );
    await recordAudit(tx, {
      action: 'patient.encounter.view',
      entityType: 'patient',
      entityId: patientId,
      patientId,
      facilityId: patient.facilityId,
      details: { encounters: rows.length },
    });
    const names = await namesOf(tx, rows);
    const warnings = await openVisitWarnings(tx, rows);
    return rows.map((r) =>
      toEncounter(
        r,
        codes.diagnoses,
        codes.procedures,
        r.provider_id ? (names.get(r.provider_id) ?? null) : null,
        warnings.get(r.id) ?? [],
      ),
    );
  });
}

/** Providers one may name on a visit: physicians, NPs and PAs of the actor's facilities. */
export async function listEncounterProviders(ctx: Ctx): Promise<EncounterProvider[]> {
  const actor = requirePermission(ctx, 'patients:read');
  return listProviders(ctx, actor.facilityIds, ctx.clock.now().toISOString().slice(0, 10));
}

/** A patient's encounters for an export or another module's view, read in the caller's transaction (not audited here). */
export async function encountersOf(tx: TxCtx, patientId: string): Promise<Encounter[]> {
  const rows = await q.listEncounters(tx.db, tx.organizationId, tx.actor?.facilityIds ?? [], patientId);
  const codes = await q.codesOf(
    tx.db,
    tx.organizationId,
    rows.map((r) => r.id),
  );
  const names = await namesOf(tx, rows);
  return rows.map((r) =>
    toEncounter(r, codes.diagnoses, codes.procedures, r.provider_id ? (names.get(r.provider_id) ?? null) : null),
  );
}
