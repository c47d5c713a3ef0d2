// Identifier and code systems the FHIR facade speaks. The MRN system is ours: MRNs are numbered
// per organization, so the URI names ClinicOps, and a client pairs it with the server's base URL.
export const MRN_SYSTEM = 'https://clinicops.dev/fhir/sid/mrn';
export const NPI_SYSTEM = 'http://hl7.org/fhir/sid/us-npi';
export const SSN_SYSTEM = 'http://hl7.org/fhir/sid/us-ssn';
export const PAYER_KIND_SYSTEM = 'https://clinicops.dev/fhir/CodeSystem/payer-kind';
export const POSITION_SYSTEM = 'https://clinicops.dev/fhir/CodeSystem/staff-position';
export const V2_0203 = 'http://terminology.hl7.org/CodeSystem/v2-0203';
export const SUBSCRIBER_RELATIONSHIP = 'http://terminology.hl7.org/CodeSystem/subscriber-relationship';
export const COVERAGE_CLASS = 'http://terminology.hl7.org/CodeSystem/coverage-class';
export const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
export const ICD10_CM = 'http://hl7.org/fhir/sid/icd-10-cm';
export const SNOMED = 'http://snomed.info/sct';

/** Which of the organization's facilities holds a patient's record (Patient.extension). */
export const FACILITY_EXTENSION = 'https://clinicops.dev/fhir/StructureDefinition/facility';

export const FHIR_JSON = 'application/fhir+json';
