-- FHIR import: which of our records an outside identifier was imported as. Importing the same
-- bundle again finds its resources here and creates nothing new; search by identifier reads it
-- too. One identifier names one record per organization and resource type.

CREATE TABLE fhir_external_ids (
  organization_id uuid NOT NULL REFERENCES organizations(id),
  resource_type text NOT NULL
    CHECK (resource_type IN ('Patient', 'Coverage', 'Practitioner', 'Organization', 'Location', 'Encounter')),
  system text NOT NULL CHECK (length(system) BETWEEN 1 AND 500),
  value text NOT NULL CHECK (length(value) BETWEEN 1 AND 500),
  local_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, resource_type, system, value)
);
-- identifiers of the records on one page of results
CREATE INDEX fhir_external_ids_local ON fhir_external_ids (organization_id, local_id);
-- `identifier=value` searches (no system) and the import's batch look-up by value
CREATE INDEX fhir_external_ids_value ON fhir_external_ids (organization_id, resource_type, value);
