-- Encounters (visits): the clinical basis for billing. Diagnoses (ICD-10-CM) and procedures
-- (CPT/HCPCS with modifiers and units) are rows of their own, ordered by position, because a claim
-- line points at diagnoses by their position (1-12) on the claim.
-- Codes are format-checked here as a last line of defence; the domain rules give the field errors.

CREATE TABLE encounters (
  id uuid PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organizations(id),
  facility_id uuid NOT NULL,
  patient_id uuid NOT NULL,
  -- the rendering provider (a staff member); null for imported visits whose provider is unknown
  provider_id uuid,
  status text NOT NULL CHECK (status IN ('planned', 'in_progress', 'finished', 'cancelled')),
  class text NOT NULL CHECK (class IN ('ambulatory', 'inpatient', 'emergency', 'home', 'virtual')),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz CHECK (ends_at IS NULL OR ends_at >= starts_at),
  reason text CHECK (reason IS NULL OR length(reason) <= 500),
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organization_id, id),
  FOREIGN KEY (organization_id, facility_id) REFERENCES facilities(organization_id, id),
  FOREIGN KEY (organization_id, patient_id) REFERENCES patients(organization_id, id),
  FOREIGN KEY (organization_id, provider_id) REFERENCES staff_members(organization_id, id)
);
CREATE INDEX encounters_patient ON encounters (organization_id, patient_id, starts_at DESC);
CREATE INDEX encounters_facility_day ON encounters (organization_id, facility_id, starts_at);

CREATE TABLE encounter_diagnoses (
  organization_id uuid NOT NULL,
  encounter_id uuid NOT NULL,
  position smallint NOT NULL CHECK (position BETWEEN 1 AND 12),
  -- ICD-10-CM, stored without the dot: letter, digit, alphanumeric, then up to 4 more
  code text NOT NULL CHECK (code ~ '^[A-TV-Z][0-9][0-9AB][0-9A-Z]{0,4}$'),
  description text CHECK (description IS NULL OR length(description) <= 300),
  PRIMARY KEY (organization_id, encounter_id, position),
  FOREIGN KEY (organization_id, encounter_id) REFERENCES encounters(organization_id, id)
);

CREATE TABLE encounter_procedures (
  organization_id uuid NOT NULL,
  encounter_id uuid NOT NULL,
  position smallint NOT NULL CHECK (position BETWEEN 1 AND 50),
  -- CPT (5 digits, or 4 digits + F/T for categories II/III) or HCPCS Level II (letter + 4 digits)
  code text NOT NULL CHECK (code ~ '^([0-9]{4}[0-9FT]|[A-V][0-9]{4})$'),
  modifiers text[] NOT NULL DEFAULT '{}' CHECK (cardinality(modifiers) <= 4),
  units integer NOT NULL DEFAULT 1 CHECK (units BETWEEN 1 AND 999),
  -- positions in encounter_diagnoses, at most 4, as on a claim line
  diagnosis_pointers smallint[] NOT NULL DEFAULT '{}' CHECK (cardinality(diagnosis_pointers) <= 4),
  charge_cents bigint CHECK (charge_cents IS NULL OR charge_cents >= 0),
  description text CHECK (description IS NULL OR length(description) <= 300),
  PRIMARY KEY (organization_id, encounter_id, position),
  FOREIGN KEY (organization_id, encounter_id) REFERENCES encounters(organization_id, id)
);
