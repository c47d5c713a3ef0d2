import type { TxCtx } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { toConsent, toCoverage, toPatient } from './mapping.js';
import * as q from './queries.js';

// What other modules (encounters, documents, billing) need of a patient record without reading
// the patients table: that it exists in the actor's facilities, where it lives, and whether it
// still takes new data (a merged record does not: its data lives on in the survivor).

export type PatientRef = { id: string; facilityId: string; status: string; mergedIntoId: string | null };

/** The patient if the actor may see it (another facility's or organization's: not found). */
export async function visiblePatientRef(tx: TxCtx, id: string, opts: { lock?: boolean } = {}): Promise<PatientRef> {
  const facilityIds = tx.actor?.facilityIds ?? [];
  const row = opts.lock
    ? await q.lockPatient(tx.db, tx.organizationId, facilityIds, id)
    : await q.findPatient(tx.db, tx.organizationId, facilityIds, id);
  if (!row) throw notFound('Patient');
  return { id: row.id, facilityId: row.facility_id, status: row.status, mergedIntoId: row.merged_into_id ?? null };
}

/** Refuses new data for a record merged into another one. */
export function requireNotMerged(p: PatientRef) {
  if (p.mergedIntoId !== null) {
    throw new AppError('conflict', 'This record was merged into another one; add data to the surviving record', {
      details: { mergedIntoId: p.mergedIntoId },
    });
  }
}

/** The active patients of a facility with their birth dates, for other modules' demo data (seed only). */
export const seedPatientsOf = (tx: TxCtx, facilityId: string) => q.activePatientsOf(tx.db, tx.organizationId, facilityId);

/**
 * The whole record for a right-of-access export, read in the caller's transaction. Not audited
 * here: the caller records the export itself as one disclosure.
 */
export async function patientRecordForExport(tx: TxCtx, id: string) {
  const row = await q.findPatient(tx.db, tx.organizationId, tx.actor?.facilityIds ?? [], id);
  if (!row) throw notFound('Patient');
  const [coverages, consents] = await Promise.all([
    q.listCoverages(tx.db, tx.organizationId, id),
    q.listConsents(tx.db, tx.organizationId, id),
  ]);
  return { patient: toPatient(row), coverages: coverages.map(toCoverage), consents: consents.map(toConsent) };
}
