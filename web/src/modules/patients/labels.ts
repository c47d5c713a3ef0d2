import type { Consent, Coverage, Patient } from '@clinicops/contracts';

// Words the front desk uses for the contract's codes.

export const coverageOrderLabels: Record<number, string> = { 1: 'Primary', 2: 'Secondary', 3: 'Tertiary' };

export const payerKindLabels: Record<Coverage['payerKind'], string> = {
  commercial: 'Commercial',
  medicare: 'Medicare',
  medicaid: 'Medicaid',
  self_pay: 'Self-pay',
  other: 'Other',
};

export const relationshipLabels: Record<Coverage['relationship'], string> = {
  self: 'Self',
  spouse: 'Spouse',
  child: 'Child',
  other: 'Other',
};

export const consentKindLabels: Record<Consent['kind'], string> = {
  npp: 'Notice of privacy practices',
  treatment: 'Consent to treatment',
  communication: 'Communication consent',
};

export const sexAtBirthLabels: Record<Patient['sexAtBirth'], string> = { female: 'Female', male: 'Male', unknown: 'Unknown' };

/** What an audit action on a patient record means, for "who accessed this record". */
export const accessActionLabels: Record<string, string> = {
  'patient.create': 'Registered the patient',
  'patient.view': 'Opened the record',
  'patient.update': 'Edited demographics',
  'patient.status_change': 'Changed the status',
  'patient.coverage.view': 'Viewed coverage',
  'patient.coverage.add': 'Added a coverage',
  'patient.coverage.update': 'Changed a coverage',
  'patient.consent.view': 'Viewed consents',
  'patient.consent.add': 'Recorded a consent',
  'patient.access_history.view': 'Viewed this access history',
  'document.list': 'Viewed the list of documents',
  'document.upload': 'Uploaded a document',
  'document.download': 'Opened or downloaded a document',
  'document.retract': 'Retracted a document',
};

// A record received over FHIR may not know a name or the birth date (null): it reads "unknown",
// never a blank that looks like a form left half-filled.
const known = (v: string | null) => v ?? 'unknown';
type Named = { givenName: string | null; familyName: string | null };
/** "Family, Given", as lists sort. */
export const familyGiven = (p: Named) => `${known(p.familyName)}, ${known(p.givenName)}`;
/** "Given Family", as a sentence says it. */
export const givenFamily = (p: Named) => `${known(p.givenName)} ${known(p.familyName)}`;
export const birthDateLabel = (d: string | null) => known(d);
