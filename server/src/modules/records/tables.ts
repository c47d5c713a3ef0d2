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
