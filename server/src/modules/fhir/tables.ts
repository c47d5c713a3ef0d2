import type { Generated } from 'kysely';

/** The FHIR module's own table (migration 0008_fhir_import.sql). */
export interface FhirTables {
  fhir_external_ids: {
    organization_id: string;
    resource_type: 'Patient' | 'Coverage' | 'Practitioner' | 'Organization' | 'Location' | 'Encounter';
    system: string;
    value: string;
    local_id: string;
    created_at: Generated<Date>;
  };
}
