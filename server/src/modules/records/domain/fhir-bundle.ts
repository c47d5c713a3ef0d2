import type { Consent, Coverage, Encounter, Patient } from '@clinicops/contracts';
import type {
  Bundle,
  BundleEntry,
  Condition,
  Consent as FhirConsent,
  Coverage as FhirCoverage,
  Encounter as FhirEncounter,
  Patient as FhirPatient,
  Procedure,
  Resource,
} from '@medplum/fhirtypes';

// The right-of-access export as a FHIR R4 Bundle of type collection: Patient, Coverage,
// Encounter, Condition (each encounter diagnosis), Procedure (each coded procedure) and Consent.
// Patient, Coverage and Encounter come mapped by the fhir module (the /fhir/R4 API's own mapping,
// passed in by the service: domain/ cannot reach another module); this file adds what only the
// export carries (Conditions, Procedures, Consents, the Encounter's links to its Conditions) and
// turns references to resources outside the bundle (the facility, the provider) into names, so a
// patient reading their record sees who and where rather than our internal ids.

export const SYSTEMS = {
  icd10cm: 'http://hl7.org/fhir/sid/icd-10-cm',
  cpt: 'http://www.ama-assn.org/go/cpt',
  hcpcs: 'http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets',
  actCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  conditionCategory: 'http://terminology.hl7.org/CodeSystem/condition-category',
  consentScope: 'http://terminology.hl7.org/CodeSystem/consentscope',
  loinc: 'http://loinc.org',
} as const;

const ref = (type: string, id: string) => ({ reference: `${type}/${id}` });

const procedureStatus = {
  planned: 'preparation',
  in_progress: 'in-progress',
  finished: 'completed',
  cancelled: 'not-done',
} as const;
export const conditionId = (encounterId: string, position: number) => `${encounterId}-dx${position}`;
export const procedureId = (encounterId: string, position: number) => `${encounterId}-px${position}`;

/**
 * An encounter (as the fhir module maps it) linked to its diagnoses as Conditions, and its coded
 * procedures as Procedures.
 */
export function encounterResources(mapped: FhirEncounter, e: Encounter): Resource[] {
  const encounter: FhirEncounter = {
    ...mapped,
    ...(e.diagnoses.length > 0
      ? { diagnosis: e.diagnoses.map((d) => ({ condition: ref('Condition', conditionId(e.id, d.position)), rank: d.position })) }
      : {}),
  };
  const conditions: Condition[] = e.diagnoses.map((d) => ({
    resourceType: 'Condition',
    id: conditionId(e.id, d.position),
    category: [{ coding: [{ system: SYSTEMS.conditionCategory, code: 'encounter-diagnosis', display: 'Encounter Diagnosis' }] }],
    code: {
      coding: [{ system: SYSTEMS.icd10cm, code: d.display, ...(d.description ? { display: d.description } : {}) }],
      ...(d.description ? { text: d.description } : {}),
    },
    subject: ref('Patient', e.patientId),
    encounter: ref('Encounter', e.id),
    recordedDate: e.startsAt,
  }));
  const procedures: Procedure[] = e.procedures.map((p) => ({
    resourceType: 'Procedure',
    id: procedureId(e.id, p.position),
    status: procedureStatus[e.status],
    code: {
      coding: [{ system: /^[A-Z]/.test(p.code) ? SYSTEMS.hcpcs : SYSTEMS.cpt, code: p.code }],
      text: [p.code, ...p.modifiers].join('-') + (p.units > 1 ? ` x${p.units}` : ''),
    },
    subject: ref('Patient', e.patientId),
    encounter: ref('Encounter', e.id),
    performedDateTime: e.startsAt,
    ...(p.diagnosisPointers.length > 0
      ? { reasonReference: p.diagnosisPointers.map((n) => ref('Condition', conditionId(e.id, n))) }
      : {}),
  }));
  return [encounter, ...conditions, ...procedures];
}

const consentTitles = {
  npp: 'Acknowledgment of the notice of privacy practices',
  treatment: 'Consent to treatment',
  communication: 'Consent to communication (SMS, email)',
} as const;

export function toFhirConsent(c: Consent): FhirConsent {
  return {
    resourceType: 'Consent',
    id: c.id,
    status: 'active',
    scope: {
      coding: [
        c.kind === 'treatment'
          ? { system: SYSTEMS.consentScope, code: 'treatment', display: 'Treatment' }
          : { system: SYSTEMS.consentScope, code: 'patient-privacy', display: 'Privacy Consent' },
      ],
    },
    category: [{ coding: [{ system: SYSTEMS.loinc, code: '59284-0', display: 'Patient Consent' }] }],
    patient: ref('Patient', c.patientId),
    dateTime: c.signedOn,
    policyRule: { text: consentTitles[c.kind] },
  };
}

export type ExportRecord = { patient: Patient; coverages: Coverage[]; consents: Consent[]; encounters: Encounter[] };

/** The fhir module's resources for the record's Patient, Coverages and Encounters (same order). */
export type MappedRecord = { patient: FhirPatient; coverages: FhirCoverage[]; encounters: FhirEncounter[] };

type Json = unknown;

/**
 * References to resources not in the bundle become their names: `displays` names them by
 * reference (`Location/<id>` → the facility's name); a reference that already carries a display
 * keeps only the display. Anything else is left as it is.
 */
export function localReferences<T extends Json>(
  value: T,
  inBundle: ReadonlySet<string>,
  displays: ReadonlyMap<string, string>,
): T {
  if (Array.isArray(value)) return value.map((v) => localReferences(v, inBundle, displays)) as T;
  if (typeof value !== 'object' || value === null) return value;
  const o = value as Record<string, Json>;
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(o)) out[k] = localReferences(v, inBundle, displays);
  const r = o.reference;
  if (typeof r === 'string' && !inBundle.has(r)) {
    const display = typeof o.display === 'string' ? o.display : displays.get(r);
    if (display !== undefined) {
      delete out.reference;
      out.display = display;
    }
  }
  return out as T;
}

export function buildPatientBundle(
  mapped: MappedRecord,
  r: ExportRecord,
  generatedAt: string,
  displays: ReadonlyMap<string, string> = new Map(),
): Bundle {
  const resources: Resource[] = [
    mapped.patient,
    ...mapped.coverages,
    ...r.encounters.flatMap((e, i) => {
      const m = mapped.encounters[i];
      return m ? encounterResources(m, e) : [];
    }),
    ...r.consents.map(toFhirConsent),
  ];
  const inBundle = new Set(resources.map((x) => `${x.resourceType}/${x.id}`));
  return {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp: generatedAt,
    entry: resources.map((resource): BundleEntry => ({ resource: localReferences(resource, inBundle, displays) })),
  };
}
