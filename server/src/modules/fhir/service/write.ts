import type { Resource } from '@medplum/fhirtypes';
import { type Ctx, inTransaction } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors.js';
import { requirePermission } from '../../../platform/permissions.js';
import { addCoverage, createPatient, updateCoverage, updatePatient } from '../../patients/index.js';
import {
  type CoverageInput,
  coverageElements,
  coverageFromFhir,
  facilityOf,
  type PatientInput,
  patientElements,
  patientFromFhir,
} from '../domain/from-fhir.js';
import { issue } from '../domain/outcome.js';
import * as q from '../queries.js';
import { fhirError, restated } from './errors.js';
import { writtenResource } from './read.js';

// Create and update of Patient and Coverage. The FHIR resource becomes the same request the REST
// API takes, and the patients module's use cases do the rest: permission, facility scope, rules,
// duplicate detection, audit. Their refusals are restated with the FHIR element at fault.

export type Written = { resource: Resource; created: boolean };

const unprocessable = (issues: Parameters<typeof fhirError>[1]) => fhirError('validation', issues, { unprocessable: true });

/**
 * A resource that is not well-formed (wrong resource type, id or JSON shape) is a 400, as FHIR
 * asks; a well-formed one that breaks our rules (a missing birth date, a bad phone) is a 422.
 */
const MALFORMED: readonly string[] = ['structure', 'code-invalid', 'invalid'];
const refusal = (issues: Parameters<typeof fhirError>[1]) =>
  issues.every((i) => MALFORMED.includes(i.code)) ? fhirError('bad_request', issues) : unprocessable(issues);

/** The facility a new patient goes to: the one named in the resource, else the user's first. */
function targetFacility(ctx: Ctx, resource: unknown): string {
  const named = facilityOf(resource);
  const granted = ctx.actor?.facilityIds ?? [];
  if (named) {
    if (!granted.includes(named)) {
      throw unprocessable([issue('value', 'Patient.extension: the facility is not one you work at', 'Patient.extension')]);
    }
    return named;
  }
  const first = granted[0];
  if (!first) throw new AppError('forbidden', 'You have no facility to register patients at');
  return first;
}

/** Registers a patient; `confirmNotDuplicate` says the caller has seen the possible duplicates. */
export async function createFhirPatient(ctx: Ctx, body: unknown, opts: { confirmNotDuplicate: boolean }): Promise<Written> {
  requirePermission(ctx, 'patients:write');
  const mapped = patientFromFhir(body);
  if (!mapped.ok) throw refusal(mapped.issues);
  const facilityId = targetFacility(ctx, body);
  const id = await createPatientFrom(ctx, mapped.value, facilityId, opts.confirmNotDuplicate);
  return { resource: await writtenResource(ctx, 'Patient', id), created: true };
}

/** Shared with the import: create, then the status when it is not "active" (create has none). */
export async function createPatientFrom(
  ctx: Ctx,
  input: PatientInput,
  facilityId: string,
  confirmNotDuplicate: boolean,
): Promise<string> {
  const { status, ...fields } = input;
  return inTransaction(ctx, async (tx) => {
    try {
      const result = await createPatient(tx, { ...fields, facilityId, confirmNotDuplicate });
      if (result.status === 'possible_duplicates') {
        throw fhirError(
          'conflict',
          result.duplicates.map((d) =>
            issue(
              'duplicate',
              `Possible duplicate of Patient/${d.id} (${d.reasons.join(', ')}); resend with the header clinicops-confirm-not-duplicate: true to register anyway`,
              'Patient',
            ),
          ),
        );
      }
      if (status !== 'active') await updatePatient(tx, result.patient.id, { status });
      return result.patient.id;
    } catch (err) {
      throw restated(err, patientElements, 'Patient');
    }
  });
}

export async function updateFhirPatient(ctx: Ctx, id: string, body: unknown): Promise<Written> {
  requirePermission(ctx, 'patients:write');
  const mapped = patientFromFhir(body, id);
  if (!mapped.ok) throw refusal(mapped.issues);
  await inTransaction(ctx, async (tx) => {
    try {
      await updatePatient(tx, id, mapped.value);
    } catch (err) {
      if (err instanceof AppError && err.code === 'not_found')
        throw fhirError('not_found', [issue('not-found', `Patient/${id} is not known`, 'Patient.id')]);
      throw restated(err, patientElements, 'Patient');
    }
  });
  return { resource: await writtenResource(ctx, 'Patient', id), created: false };
}

export async function createFhirCoverage(ctx: Ctx, body: unknown): Promise<Written> {
  requirePermission(ctx, 'patients:write');
  const mapped = coverageFromFhir(body);
  if (!mapped.ok) throw refusal(mapped.issues);
  const id = await createCoverageFrom(ctx, mapped.value);
  return { resource: await writtenResource(ctx, 'Coverage', id), created: true };
}

/** Shared with the import. A beneficiary the user cannot see is an invalid reference, not a 404. */
export async function createCoverageFrom(ctx: Ctx, input: CoverageInput): Promise<string> {
  const { patientId, ...fields } = input;
  return inTransaction(ctx, async (tx) => {
    try {
      return (await addCoverage(tx, patientId, fields)).id;
    } catch (err) {
      if (err instanceof AppError && err.code === 'not_found') {
        throw unprocessable([issue('value', 'Coverage.beneficiary: no such patient', 'Coverage.beneficiary')]);
      }
      throw restated(err, coverageElements, 'Coverage');
    }
  });
}

export async function updateFhirCoverage(ctx: Ctx, id: string, body: unknown): Promise<Written> {
  requirePermission(ctx, 'patients:write');
  const mapped = coverageFromFhir(body, id);
  if (!mapped.ok) throw refusal(mapped.issues);
  const { patientId, ...fields } = mapped.value;
  const notKnown = fhirError('not_found', [issue('not-found', `Coverage/${id} is not known`, 'Coverage.id')]);
  if (!/^[0-9a-fA-F-]{36}$/.test(id)) throw notKnown;
  await inTransaction(ctx, async (tx) => {
    const current = await q.coveragePatient(tx.db, ctx.organizationId, id);
    if (!current) throw notKnown;
    if (current !== patientId) {
      throw unprocessable([
        issue('value', 'Coverage.beneficiary: a coverage cannot move to another patient', 'Coverage.beneficiary'),
      ]);
    }
    try {
      await updateCoverage(tx, patientId, id, fields);
    } catch (err) {
      if (err instanceof AppError && err.code === 'not_found') throw notKnown;
      throw restated(err, coverageElements, 'Coverage');
    }
  });
  return { resource: await writtenResource(ctx, 'Coverage', id), created: false };
}
