import type { ColumnType } from 'kysely';

type Updated = ColumnType<Date, Date | string | undefined, Date | string>;

/** The records module's tables (migration 0009_patient_merge.sql). */
export interface RecordTables {
  retention_settings: {
    organization_id: string;
    adult_years_after_last_encounter: number;
    age_of_majority: number;
    minor_years_after_majority: number;
    source_note: string | null;
    updated_by: string | null;
    updated_at: Updated;
  };
}

export interface AccessRequestTables {
  patient_access_requests: {
    id: string;
    organization_id: string;
    patient_id: string;
    requested_on: string;
    due_by: string;
    extended_to: string | null;
    extension_reason: string | null;
    fulfilled_on: string | null;
    fulfilled_format: 'fhir' | 'pdf' | 'paper' | 'other' | null;
    note: string | null;
    recorded_by: string | null;
    created_at: ColumnType<Date, Date | string | undefined, Date | string>;
    updated_at: Updated;
  };
}
