import type { PatientRetention, RetentionSettings, RetentionSettingsView } from '@clinicops/contracts';
import type { Bundle } from '@medplum/fhirtypes';
import { recordAudit } from '../../platform/audit/record.js';
import { type Ctx, inTransaction } from '../../platform/context.js';
import { requirePermission } from '../../platform/permissions.js';
import { encountersOf } from '../encounters/index.js';
import { recordResources } from '../fhir/index.js';
import { listFacilities } from '../organization/index.js';
import { patientRecordForExport } from '../patients/index.js';
import { buildPatientBundle } from './domain/fhir-bundle.js';
import { DEFAULT_RETENTION, retainUntil } from './domain/retention.js';
import { buildPdfSummary } from './pdf-summary.js';
import * as q from './queries.js';

export type ExportResult = { format: 'fhir'; bundle: Bundle; mrn: string } | { format: 'pdf'; pdf: Buffer; mrn: string };

/**
 * The right of access (45 CFR 164.524, rules.md 2.5): the whole record as a FHIR R4 Bundle or a
 * readable PDF. Recorded as one disclosure in the audit trail: who, when, which format.
 */
export async function exportPatientRecord(ctx: Ctx, patientId: string, format: 'fhir' | 'pdf'): Promise<ExportResult> {
  const actor = requirePermission(ctx, 'patients:read');
  const facilities = await listFacilities(ctx);
  return inTransaction(ctx, async (tx) => {
    const record = await patientRecordForExport(tx, patientId);
    const encounters = await encountersOf(tx, patientId);
    const full = { ...record, encounters };
    await recordAudit(tx, {
      action: 'patient.export',
      entityType: 'patient',
      entityId: patientId,
      patientId,
      facilityId: record.patient.facilityId,
      details: {
        disclosure: 'right_of_access',
        format,
        coverages: record.coverages.length,
        consents: record.consents.length,
        encounters: encounters.length,
      },
    });
    const generatedAt = ctx.clock.now().toISOString();
    if (format === 'fhir') {
      // One mapping: Patient, Coverage and Encounter as /fhir/R4 answers them; facilities by name.
      const displays = new Map(facilities.map((f) => [`Location/${f.id}`, f.name]));
      const bundle = buildPatientBundle(recordResources(full), full, generatedAt, displays);
      return { format, bundle, mrn: record.patient.mrn };
    }
    const facility = facilities.find((f) => f.id === record.patient.facilityId)?.name ?? 'ClinicOps';
    const pdf = await buildPdfSummary(full, { organization: facility, generatedAt, generatedBy: actor.label });
    return { format, pdf, mrn: record.patient.mrn };
  });
}

async function settingsOf(ctx: Ctx): Promise<RetentionSettingsView> {
  const row = await q.findRetentionSettings(ctx.db, ctx.organizationId);
  if (!row) return { ...DEFAULT_RETENTION, customized: false, updatedAt: null };
  return {
    adultYearsAfterLastEncounter: row.adult_years_after_last_encounter,
    ageOfMajority: row.age_of_majority,
    minorYearsAfterMajority: row.minor_years_after_majority,
    sourceNote: row.source_note,
    customized: true,
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function getRetentionSettings(ctx: Ctx): Promise<RetentionSettingsView> {
  requirePermission(ctx, 'patients:read');
  return settingsOf(ctx);
}

/** The manager's settings; nothing is ever purged by them (there is no purge job). */
export async function updateRetentionSettings(ctx: Ctx, input: RetentionSettings): Promise<RetentionSettingsView> {
  const actor = requirePermission(ctx, 'users:write');
  return inTransaction(ctx, async (tx) => {
    await q.upsertRetentionSettings(tx.db, {
      organization_id: ctx.organizationId,
      adult_years_after_last_encounter: input.adultYearsAfterLastEncounter,
      age_of_majority: input.ageOfMajority,
      minor_years_after_majority: input.minorYearsAfterMajority,
      source_note: input.sourceNote?.trim() || null,
      updated_by: actor.via === 'system' ? null : actor.userId,
    });
    await recordAudit(tx, {
      action: 'retention_settings.update',
      entityType: 'organization',
      entityId: ctx.organizationId,
      details: {
        adultYearsAfterLastEncounter: input.adultYearsAfterLastEncounter,
        ageOfMajority: input.ageOfMajority,
        minorYearsAfterMajority: input.minorYearsAfterMajority,
      },
    });
    return settingsOf(tx);
  });
}

export async function patientRetention(ctx: Ctx, patientId: string): Promise<PatientRetention> {
  requirePermission(ctx, 'patients:read');
  return inTransaction(ctx, async (tx) => {
    const { patient } = await patientRecordForExport(tx, patientId);
    const encounters = await encountersOf(tx, patientId);
    const last = encounters
      .filter((e) => e.status === 'finished')
      .map((e) => e.startsAt.slice(0, 10))
      .sort()
      .at(-1);
    await recordAudit(tx, {
      action: 'patient.retention.view',
      entityType: 'patient',
      entityId: patientId,
      patientId,
      facilityId: patient.facilityId,
    });
    const r = retainUntil(
      { dateOfBirth: patient.dateOfBirth, lastEncounterOn: last ?? null, openedOn: patient.createdAt.slice(0, 10) },
      await settingsOf(tx),
    );
    return { patientId, lastEncounterOn: last ?? null, ...r };
  });
}
