-- Records received over FHIR (create, update, the Synthea import) may not know a patient's
-- family name, given name or birth date (a newborn not yet named, a record from a system that
-- never asked), nor when a coverage started. Those columns become nullable: NULL means "unknown",
-- never an invented value. The REST API and the front-desk form still require them (the front
-- desk always asks); only FHIR writes may leave them out. Duplicate scoring skips what is unknown.
ALTER TABLE patients
  ALTER COLUMN given_name DROP NOT NULL,
  ALTER COLUMN family_name DROP NOT NULL,
  ALTER COLUMN date_of_birth DROP NOT NULL;

ALTER TABLE patient_coverages
  ALTER COLUMN effective_from DROP NOT NULL;
