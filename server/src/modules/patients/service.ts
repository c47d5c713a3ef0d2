import { randomUUID } from 'node:crypto';
import type {
  CreatePatientRequest,
  DashboardCard,
  Patient,
  PatientSearchQuery,
  PatientSummary,
  PossibleDuplicate,
  UpdatePatientRequest,
} from '@clinicops/contracts';
import { recordAudit } from '../../platform/audit/record.js';
import { type Ctx, inTransaction } from '../../platform/context.js';
import { encryptField } from '../../platform/crypto.js';
import { AppError, fieldError, notFound } from '../../platform/errors.js';
import { requirePermission, scopeFacilities } from '../../platform/permissions.js';
import { DUPLICATE_THRESHOLD, scoreDuplicate } from './domain/duplicates.js';
import { formatMrn, isValidMrn } from './domain/mrn.js';
import { parseSearchTerm } from './domain/search-term.js';
import { toPatient, toSummary } from './mapping.js';
import { requireNotMerged } from './patient-ref.js';
import * as q from './queries.js';

const today = (ctx: Ctx) => ctx.clock.now().toISOString().slice(0, 10);

/**
 * What the use cases accept: the REST requests, whose schemas require the names and the birth
 * date, and the FHIR writes (the API and the import), which may leave them unknown (null). The
 * front desk always asks; a record received from elsewhere may not say, and nothing is invented.
 */
type Unknowable = { givenName: string | null; familyName: string | null; dateOfBirth: string | null };
export type RecordPatientInput = Omit<CreatePatientRequest, keyof Unknowable> & Unknowable;
export type RecordPatientChanges = Omit<UpdatePatientRequest, keyof Unknowable> & {
  [K in keyof Unknowable]?: Unknowable[K];
};

/**
 * Search as the front desk types. Results are patient data, so the search is audited too (the
 * ids returned, never the typed text, which is itself a name or a birth date).
 */
export async function searchPatients(ctx: Ctx, query: PatientSearchQuery): Promise<PatientSummary[]> {
  requirePermission(ctx, 'patients:read');
  const facilityIds = scopeFacilities(ctx, query.facilityId ? [query.facilityId] : undefined);
  const term = parseSearchTerm(query.q, today(ctx), isValidMrn);
  if (term.kind === 'empty') return [];
  return inTransaction(ctx, async (tx) => {
    const rows = await q.searchPatients(tx.db, ctx.organizationId, facilityIds, term, query.limit);
    await recordAudit(tx, {
      action: 'patient.search',
      entityType: 'patient',
      details: { by: term.kind, results: rows.length, patientIds: rows.map((r) => r.id) },
    });
    return rows.map(toSummary);
  });
}

/** One patient's record; every view is an audit event in the same transaction as the read. */
export async function getPatient(ctx: Ctx, id: string): Promise<Patient> {
  const actor = requirePermission(ctx, 'patients:read');
  return inTransaction(ctx, async (tx) => {
    const row = await q.findPatient(tx.db, ctx.organizationId, actor.facilityIds, id);
    // Another organization's or another facility's patient is "not found": existence is not disclosed.
    if (!row) throw notFound('Patient');
    await recordAudit(tx, {
      action: 'patient.view',
      entityType: 'patient',
      entityId: id,
      patientId: id,
      facilityId: row.facility_id,
    });
    return toPatient(row);
  });
}

function checkBirthDate(ctx: Ctx, date: string | null | undefined) {
  if (date === undefined || date === null) return;
  if (date > today(ctx)) throw fieldError('dateOfBirth', 'is in the future');
  if (date < '1880-01-01') throw fieldError('dateOfBirth', 'is too far in the past');
}

/** SSN digits, refusing numbers the SSA never issues (area 000 or 666, group 00, serial 0000). */
function ssnDigits(ssn: string): string {
  const d = ssn.replace(/\D/g, '');
  if (d.startsWith('000') || d.startsWith('666') || d.slice(3, 5) === '00' || d.endsWith('0000')) {
    throw fieldError('ssn', 'is not a number that is ever issued');
  }
  return d;
}

const blankToNull = (v: string | null | undefined) =>
  v === undefined ? undefined : v === null || v.trim() === '' ? null : v.trim();

/** Column values for the demographic fields present in `input`. */
function demographicColumns(input: RecordPatientChanges): q.PatientChanges {
  const set: q.PatientChanges = {};
  const put = <K extends keyof q.PatientChanges>(key: K, value: q.PatientChanges[K] | undefined) => {
    if (value !== undefined) set[key] = value;
  };
  put('given_name', input.givenName);
  put('family_name', input.familyName);
  put('preferred_name', blankToNull(input.preferredName));
  put('date_of_birth', input.dateOfBirth);
  put('sex_at_birth', input.sexAtBirth);
  put('gender_identity', blankToNull(input.genderIdentity));
  put('phone', blankToNull(input.phone));
  put('email', blankToNull(input.email === undefined || input.email === null ? input.email : input.email.toLowerCase()));
  put('address_line1', blankToNull(input.addressLine1));
  put('address_line2', blankToNull(input.addressLine2));
  put('city', blankToNull(input.city));
  put('state', blankToNull(input.state === undefined || input.state === null ? input.state : input.state.toUpperCase()));
  put('postal_code', blankToNull(input.postalCode));
  put('preferred_language', blankToNull(input.preferredLanguage));
  put('sms_consent', input.smsConsent);
  put('email_consent', input.emailConsent);
  put('notes', blankToNull(input.notes));
  put('alerts', input.alerts);
  put('status', input.status);
  if (input.emergencyContact !== undefined) {
    const c = input.emergencyContact;
    set.emergency_contact_name = c?.name ? c.name : null;
    set.emergency_contact_relationship = c?.name ? blankToNull(c.relationship) : null;
    set.emergency_contact_phone = c?.name ? blankToNull(c.phone) : null;
  }
  return set;
}

/** Field names changed, for the audit trail: which fields, never their values. */
const changedFields = (input: object) => Object.keys(input).filter((k) => k !== 'confirmNotDuplicate');

async function findDuplicates(ctx: Ctx, facilityIds: readonly string[], input: RecordPatientInput, ssn: string | null) {
  const phoneDigits = input.phone ? input.phone.replace(/\D/g, '').slice(-10) : null;
  const facts = { ...input, phoneDigits, ssnLast4: ssn ? ssn.slice(-4) : null };
  const candidates = await q.duplicateCandidates(ctx.db, ctx.organizationId, facilityIds, facts);
  return candidates
    .map((c) => ({
      candidate: c,
      ...scoreDuplicate(facts, {
        givenName: c.given_name,
        familyName: c.family_name,
        dateOfBirth: c.date_of_birth,
        phoneDigits: c.phone_digits,
        ssnLast4: c.ssn_last4,
      }),
    }))
    .filter((d) => d.score >= DUPLICATE_THRESHOLD)
    .sort((a, b) => b.score - a.score)
    .slice(0, 5);
}

export type CreatePatientResult =
  | { status: 'created'; patient: Patient }
  | { status: 'possible_duplicates'; duplicates: PossibleDuplicate[] };

/**
 * Registers a patient. Unless `confirmNotDuplicate` is set, patients resembling the new one are
 * returned instead (and nothing is created); showing them is a disclosure, so it is audited.
 */
export async function createPatient(ctx: Ctx, input: RecordPatientInput): Promise<CreatePatientResult> {
  requirePermission(ctx, 'patients:write');
  scopeFacilities(ctx, [input.facilityId]);
  checkBirthDate(ctx, input.dateOfBirth);
  const ssn = input.ssn ? ssnDigits(input.ssn) : null;
  // Duplicates are looked for in every facility the user may see, not only the target one.
  const facilityIds = scopeFacilities(ctx);
  const duplicates = await findDuplicates(ctx, facilityIds, input, ssn);
  if (duplicates.length > 0 && input.confirmNotDuplicate !== true) {
    await inTransaction(ctx, async (tx) => {
      for (const d of duplicates) {
        await recordAudit(tx, {
          action: 'patient.duplicate_shown',
          entityType: 'patient',
          entityId: d.candidate.id,
          patientId: d.candidate.id,
          details: { score: d.score, reasons: d.reasons },
        });
      }
    });
    return {
      status: 'possible_duplicates',
      duplicates: duplicates.map((d) => ({
        id: d.candidate.id,
        mrn: d.candidate.mrn,
        givenName: d.candidate.given_name,
        familyName: d.candidate.family_name,
        dateOfBirth: d.candidate.date_of_birth,
        score: d.score,
        reasons: d.reasons,
      })),
    };
  }
  const id = randomUUID();
  const row = await inTransaction(ctx, async (tx) => {
    const mrn = formatMrn(await q.reserveMrnSequences(tx.db, ctx.organizationId));
    await q.insertPatients(tx.db, [
      {
        sms_consent: false,
        email_consent: false,
        ...demographicColumns(input),
        id,
        organization_id: ctx.organizationId,
        facility_id: input.facilityId,
        mrn,
        given_name: input.givenName,
        family_name: input.familyName,
        date_of_birth: input.dateOfBirth,
        sex_at_birth: input.sexAtBirth,
        ssn_encrypted: ssn ? encryptField(ctx.config, ssn, id) : null,
        ssn_last4: ssn ? ssn.slice(-4) : null,
      },
    ]);
    await recordAudit(tx, {
      action: 'patient.create',
      entityType: 'patient',
      entityId: id,
      patientId: id,
      facilityId: input.facilityId,
      details: {
        fields: changedFields(input),
        ...(duplicates.length > 0 ? { duplicatesOverridden: duplicates.map((d) => d.candidate.id) } : {}),
      },
    });
    return q.findPatient(tx.db, ctx.organizationId, [input.facilityId], id);
  });
  if (!row) throw new AppError('internal', 'The new patient could not be read back');
  return { status: 'created', patient: toPatient(row) };
}

export async function updatePatient(ctx: Ctx, id: string, input: RecordPatientChanges): Promise<Patient> {
  const actor = requirePermission(ctx, 'patients:write');
  checkBirthDate(ctx, input.dateOfBirth);
  const ssn = input.ssn ? ssnDigits(input.ssn) : input.ssn;
  return inTransaction(ctx, async (tx) => {
    const current = await q.lockPatient(tx.db, ctx.organizationId, actor.facilityIds, id);
    if (!current) throw notFound('Patient');
    requireNotMerged({ id, facilityId: current.facility_id, status: current.status, mergedIntoId: current.merged_into_id });
    const set = demographicColumns(input);
    if (ssn !== undefined) {
      set.ssn_encrypted = ssn ? encryptField(ctx.config, ssn, id) : null;
      set.ssn_last4 = ssn ? ssn.slice(-4) : null;
    }
    if (Object.keys(set).length > 0) await q.updatePatient(tx.db, ctx.organizationId, id, set);
    const statusChanged = input.status !== undefined && input.status !== current.status;
    await recordAudit(tx, {
      action: statusChanged ? 'patient.status_change' : 'patient.update',
      entityType: 'patient',
      entityId: id,
      patientId: id,
      facilityId: current.facility_id,
      details: { fields: changedFields(input), ...(statusChanged ? { from: current.status, to: input.status } : {}) },
    });
    const row = await q.findPatient(tx.db, ctx.organizationId, actor.facilityIds, id);
    if (!row) throw notFound('Patient');
    return toPatient(row);
  });
}

export async function patientCards(ctx: Ctx): Promise<DashboardCard[]> {
  if (!ctx.actor?.permissions.has('patients:read')) return [];
  const weekAgo = new Date(ctx.clock.now().getTime() - 7 * 86_400_000);
  const c = await q.registrationCounts(ctx.db, ctx.organizationId, ctx.actor.facilityIds, weekAgo);
  return [
    {
      key: 'patients.registered-week',
      title: 'Patients registered this week',
      value: String(c.recent),
      tone: 'neutral',
      detail: 'In the last 7 days, across your facilities',
      href: '/patients',
    },
    {
      key: 'patients.active',
      title: 'Active patients',
      value: String(c.active),
      tone: 'neutral',
      detail: null,
      href: '/patients',
    },
  ];
}
