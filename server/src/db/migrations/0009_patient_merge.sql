-- Patient merge (duplicate records), retention settings, and a correction of the ICD-10-CM check.

-- 1. Merge. A duplicate record is never deleted: it is marked merged and points at the survivor.
-- Its coverages, consents and encounters move to the survivor; what it looked like before is kept
-- in patient_merges.snapshot (who merged, when, and which fields were taken from which record).
ALTER TABLE patients DROP CONSTRAINT patients_status_check;
ALTER TABLE patients ADD CONSTRAINT patients_status_check
  CHECK (status IN ('active', 'inactive', 'deceased', 'merged'));
ALTER TABLE patients ADD COLUMN merged_into_id uuid;
ALTER TABLE patients ADD COLUMN merged_at timestamptz;
ALTER TABLE patients ADD CONSTRAINT patients_merged_into_fk
  FOREIGN KEY (organization_id, merged_into_id) REFERENCES patients(organization_id, id);
ALTER TABLE patients ADD CONSTRAINT patients_merged_consistent
  CHECK ((status = 'merged') = (merged_into_id IS NOT NULL) AND (merged_into_id IS NULL) = (merged_at IS NULL)
         AND (merged_into_id IS NULL OR merged_into_id <> id));
CREATE INDEX patients_merged_into ON patients (organization_id, merged_into_id) WHERE merged_into_id IS NOT NULL;

CREATE TABLE patient_merges (
  id uuid PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organizations(id),
  survivor_id uuid NOT NULL,
  merged_id uuid NOT NULL CHECK (merged_id <> survivor_id),
  merged_by uuid,
  merged_at timestamptz NOT NULL DEFAULT now(),
  -- field name -> 'survivor' | 'duplicate': where each demographic value came from
  choices jsonb NOT NULL,
  -- the duplicate's row as it was before the merge (the SSN only as its ciphertext)
  snapshot jsonb NOT NULL,
  -- ids of what moved: { coverages: [...], consents: [...], encounters: [...], ... }
  moved jsonb NOT NULL,
  UNIQUE (organization_id, merged_id),
  FOREIGN KEY (organization_id, survivor_id) REFERENCES patients(organization_id, id),
  FOREIGN KEY (organization_id, merged_id) REFERENCES patients(organization_id, id)
);
CREATE INDEX patient_merges_survivor ON patient_merges (organization_id, survivor_id);

-- 2. Retention as settings ("records are never hard-deleted; retention rules are settings").
-- Nothing purges: the settings compute a "retain until" date shown on the record.
CREATE TABLE retention_settings (
  organization_id uuid PRIMARY KEY REFERENCES organizations(id),
  adult_years_after_last_encounter smallint NOT NULL CHECK (adult_years_after_last_encounter BETWEEN 1 AND 100),
  age_of_majority smallint NOT NULL CHECK (age_of_majority BETWEEN 14 AND 25),
  minor_years_after_majority smallint NOT NULL CHECK (minor_years_after_majority BETWEEN 0 AND 100),
  source_note text CHECK (source_note IS NULL OR length(source_note) <= 500),
  updated_by uuid,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- 3. Right-of-access requests (45 CFR 164.524): act within 30 days of receipt, one extension of
-- at most 30 days with written notice within the first 30 (rules.md 2.5).
CREATE TABLE patient_access_requests (
  id uuid PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organizations(id),
  patient_id uuid NOT NULL,
  requested_on date NOT NULL,
  due_by date NOT NULL CHECK (due_by = requested_on + 30),
  extended_to date CHECK (extended_to IS NULL OR extended_to = due_by + 30),
  extension_reason text CHECK (extension_reason IS NULL OR length(extension_reason) BETWEEN 1 AND 500),
  fulfilled_on date CHECK (fulfilled_on IS NULL OR fulfilled_on >= requested_on),
  fulfilled_format text CHECK (fulfilled_format IS NULL OR fulfilled_format IN ('fhir', 'pdf', 'paper', 'other')),
  note text CHECK (note IS NULL OR length(note) <= 1000),
  recorded_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((extended_to IS NULL) = (extension_reason IS NULL)),
  CHECK ((fulfilled_on IS NULL) = (fulfilled_format IS NULL)),
  UNIQUE (organization_id, id),
  FOREIGN KEY (organization_id, patient_id) REFERENCES patients(organization_id, id)
);
CREATE INDEX patient_access_requests_open ON patient_access_requests (organization_id, due_by) WHERE fulfilled_on IS NULL;
CREATE INDEX patient_access_requests_patient ON patient_access_requests (organization_id, patient_id);

-- 4. ICD-10-CM codes may start with U (U07.1 COVID-19, U09.9 post COVID-19 condition); 0006
-- excluded the letter.
ALTER TABLE encounter_diagnoses DROP CONSTRAINT encounter_diagnoses_code_check;
ALTER TABLE encounter_diagnoses ADD CONSTRAINT encounter_diagnoses_code_check
  CHECK (code ~ '^[A-Z][0-9][0-9AB][0-9A-Z]{0,4}$');
