-- Patients: demographics, insurance coverages, consents. Records are never deleted (status
-- changes instead), so there is no ON DELETE anywhere and the application never issues DELETE.

CREATE EXTENSION IF NOT EXISTS unaccent;
-- pg_trgm: for typo-tolerant name search later (similarity()); prefix search needs only btree.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- unaccent() is only STABLE (its dictionary could change), so it cannot appear in a generated
-- column or an index. This wrapper pins the dictionary by schema-qualified name and is declared
-- IMMUTABLE on purpose: if the unaccent rules were ever edited, REINDEX the patient indexes.
CREATE FUNCTION clinicops_fold(text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$;

-- A phone number as its last ten digits, whatever punctuation it was typed with.
CREATE FUNCTION clinicops_phone_digits(text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT right(regexp_replace($1, '[^0-9]', '', 'g'), 10) $$;

-- MRNs are numbered per organization; the row lock on the counter serialises concurrent creates.
CREATE TABLE patient_mrn_counters (
  organization_id uuid PRIMARY KEY REFERENCES organizations(id),
  last_value bigint NOT NULL CHECK (last_value >= 0)
);

CREATE TABLE patients (
  id uuid PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organizations(id),
  facility_id uuid NOT NULL,
  mrn text NOT NULL CHECK (mrn ~ '^[0-9]{8}$'),
  given_name text NOT NULL CHECK (length(given_name) BETWEEN 1 AND 100),
  family_name text NOT NULL CHECK (length(family_name) BETWEEN 1 AND 100),
  preferred_name text,
  date_of_birth date NOT NULL,
  sex_at_birth text NOT NULL CHECK (sex_at_birth IN ('female', 'male', 'unknown')),
  gender_identity text,
  phone text,
  email text,
  address_line1 text,
  address_line2 text,
  city text,
  state text,
  postal_code text,
  preferred_language text,
  sms_consent boolean NOT NULL DEFAULT false,
  email_consent boolean NOT NULL DEFAULT false,
  emergency_contact_name text,
  emergency_contact_relationship text,
  emergency_contact_phone text,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive', 'deceased')),
  -- AES-256-GCM ciphertext (platform/crypto.ts); the last four digits stay searchable.
  ssn_encrypted text,
  ssn_last4 text CHECK (ssn_last4 ~ '^[0-9]{4}$'),
  notes text,
  alerts text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((ssn_encrypted IS NULL) = (ssn_last4 IS NULL)),
  UNIQUE (organization_id, mrn),
  UNIQUE (organization_id, id),
  FOREIGN KEY (organization_id, facility_id) REFERENCES facilities(organization_id, id)
);
-- Search keys are expression indexes rather than generated columns, so that backup/restore
-- (which inserts every column) needs no special case. COLLATE "C" makes the btree serve both
-- LIKE 'smi%' and ORDER BY on the same expression, so a search reads only the rows it returns.
CREATE INDEX patients_family_prefix ON patients (organization_id, (clinicops_fold(family_name) COLLATE "C"));
CREATE INDEX patients_given_prefix ON patients (organization_id, (clinicops_fold(given_name) COLLATE "C"));
CREATE INDEX patients_dob ON patients (organization_id, date_of_birth);
CREATE INDEX patients_phone ON patients (organization_id, clinicops_phone_digits(phone) text_pattern_ops) WHERE phone IS NOT NULL;
CREATE INDEX patients_ssn_last4 ON patients (organization_id, ssn_last4) WHERE ssn_last4 IS NOT NULL;
CREATE INDEX patients_created ON patients (organization_id, facility_id, created_at);

CREATE TABLE patient_coverages (
  id uuid PRIMARY KEY,
  organization_id uuid NOT NULL,
  patient_id uuid NOT NULL,
  payer_name text NOT NULL CHECK (length(payer_name) BETWEEN 1 AND 200),
  payer_kind text NOT NULL CHECK (payer_kind IN ('commercial', 'medicare', 'medicaid', 'self_pay', 'other')),
  plan_name text,
  member_id text,
  group_id text,
  subscriber_name text,
  relationship text NOT NULL CHECK (relationship IN ('self', 'spouse', 'child', 'other')),
  coverage_order smallint NOT NULL CHECK (coverage_order BETWEEN 1 AND 3),
  effective_from date NOT NULL,
  effective_to date,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (effective_to IS NULL OR effective_to >= effective_from),
  FOREIGN KEY (organization_id, patient_id) REFERENCES patients(organization_id, id)
);
-- One active primary, one active secondary, one active tertiary per patient.
CREATE UNIQUE INDEX patient_coverages_order ON patient_coverages (patient_id, coverage_order) WHERE active;
CREATE INDEX patient_coverages_patient ON patient_coverages (organization_id, patient_id);

CREATE TABLE patient_consents (
  id uuid PRIMARY KEY,
  organization_id uuid NOT NULL,
  patient_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('npp', 'treatment', 'communication')),
  signed_on date NOT NULL,
  note text,
  recorded_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (organization_id, patient_id) REFERENCES patients(organization_id, id)
);
CREATE INDEX patient_consents_patient ON patient_consents (organization_id, patient_id);
