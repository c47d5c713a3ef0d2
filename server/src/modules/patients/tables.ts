import type { ColumnType, Generated } from 'kysely';

type Updated = ColumnType<Date, Date | string | undefined, Date | string>;

/** The patients module's tables (migration 0004_patients.sql). Plain dates are ISO strings. */
export interface PatientTables {
  patient_mrn_counters: { organization_id: string; last_value: number };
  patients: {
    id: string;
    organization_id: string;
    facility_id: string;
    mrn: string;
    /** 0015: NULL when unknown (FHIR writes and the import only; the REST API requires them). */
    given_name: string | null;
    family_name: string | null;
    preferred_name: string | null;
    date_of_birth: string | null;
    sex_at_birth: 'female' | 'male' | 'unknown';
    gender_identity: string | null;
    phone: string | null;
    email: string | null;
    address_line1: string | null;
    address_line2: string | null;
    city: string | null;
    state: string | null;
    postal_code: string | null;
    preferred_language: string | null;
    sms_consent: Generated<boolean>;
    email_consent: Generated<boolean>;
    emergency_contact_name: string | null;
    emergency_contact_relationship: string | null;
    emergency_contact_phone: string | null;
    status: Generated<'active' | 'inactive' | 'deceased' | 'merged'>;
    ssn_encrypted: string | null;
    ssn_last4: string | null;
    notes: string | null;
    alerts: Generated<string[]>;
    /** 0009_patient_merge.sql: the survivor this record was merged into. */
    merged_into_id: Generated<string | null>;
    merged_at: Generated<Date | null>;
    created_at: Generated<Date>;
    updated_at: Updated;
  };
  patient_merges: {
    id: string;
    organization_id: string;
    survivor_id: string;
    merged_id: string;
    merged_by: string | null;
    merged_at: Generated<Date>;
    choices: ColumnType<Record<string, 'survivor' | 'duplicate'>, string, string>;
    snapshot: ColumnType<Record<string, unknown>, string, string>;
    moved: ColumnType<Record<string, string[]>, string, string>;
  };
  patient_coverages: {
    id: string;
    organization_id: string;
    patient_id: string;
    payer_name: string;
    payer_kind: 'commercial' | 'medicare' | 'medicaid' | 'self_pay' | 'other';
    plan_name: string | null;
    member_id: string | null;
    group_id: string | null;
    subscriber_name: string | null;
    relationship: 'self' | 'spouse' | 'child' | 'other';
    coverage_order: number;
    /** 0015: NULL when the start is unknown (FHIR writes only). */
    effective_from: string | null;
    effective_to: string | null;
    active: Generated<boolean>;
    created_at: Generated<Date>;
    updated_at: Updated;
  };
  patient_consents: {
    id: string;
    organization_id: string;
    patient_id: string;
    kind: 'npp' | 'treatment' | 'communication';
    signed_on: string;
    note: string | null;
    recorded_by: string | null;
    created_at: Generated<Date>;
  };
}
