import type { ColumnType, Generated } from 'kysely';

type Updated = ColumnType<Date, Date | string | undefined, Date | string>;

/** The encounters module's tables (migration 0006_encounters.sql). */
export interface EncounterTables {
  encounters: {
    id: string;
    organization_id: string;
    facility_id: string;
    patient_id: string;
    provider_id: string | null;
    status: 'planned' | 'in_progress' | 'finished' | 'cancelled';
    class: 'ambulatory' | 'inpatient' | 'emergency' | 'home' | 'virtual';
    starts_at: ColumnType<Date, Date | string, Date | string>;
    ends_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
    reason: string | null;
    created_by: string | null;
    created_at: Generated<Date>;
    updated_at: Updated;
  };
  encounter_diagnoses: {
    organization_id: string;
    encounter_id: string;
    position: number;
    code: string;
    description: string | null;
  };
  encounter_procedures: {
    organization_id: string;
    encounter_id: string;
    position: number;
    code: string;
    modifiers: Generated<string[]>;
    units: Generated<number>;
    diagnosis_pointers: Generated<number[]>;
    charge_cents: number | null;
    description: string | null;
  };
}
