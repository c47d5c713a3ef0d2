-- OIG LEIE exclusion screening: the list itself, its imports, and each screening of a staff
-- member kept as evidence (date, names searched, result, reviewer's decision).

-- The LEIE is published by HHS-OIG for everyone and is the same for every customer, so it is
-- installation-wide reference data, not an organization's data: one copy serves every tenant,
-- no tenant can change it, and it carries no organization_id. (Distributed by organization later,
-- it becomes a reference table, replicated to every node.) An import replaces it whole, because
-- the monthly full file is the authoritative list: reinstated people are removed from it.
CREATE TABLE leie_imports (
  id uuid PRIMARY KEY,
  file_name text NOT NULL,
  checksum text NOT NULL CHECK (checksum ~ '^[0-9a-f]{64}$'),
  rows integer NOT NULL CHECK (rows >= 0),
  imported_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE leie_exclusions (
  import_id uuid NOT NULL REFERENCES leie_imports(id),
  line_no integer NOT NULL,
  -- the file's 18 columns; '' becomes NULL, "00000000" dates and the "0000000000" NPI too
  last_name text,
  first_name text,
  mid_name text,
  bus_name text,
  general text,
  specialty text,
  upin text,
  npi text CHECK (npi IS NULL OR npi ~ '^[0-9]{10}$'),
  dob date,
  address text,
  city text,
  state text,
  zip text,
  excl_type text NOT NULL,
  excl_date date,
  rein_date date,
  waiver_date date,
  waiver_state text,
  -- normalized names (domain/leie-names.ts): upper case, no accents, punctuation or suffixes
  last_key text,
  first_key text,
  bus_key text,
  PRIMARY KEY (import_id, line_no)
);
CREATE INDEX leie_exclusions_npi ON leie_exclusions (npi) WHERE npi IS NOT NULL;
CREATE INDEX leie_exclusions_last_key ON leie_exclusions (last_key) WHERE last_key IS NOT NULL;

-- What screening needs of a person beyond the staff record: the date of birth (a name alone is
-- only a possible match) and former last names (maiden names must be searched too).
ALTER TABLE staff_members
  ADD COLUMN date_of_birth date,
  ADD COLUMN former_last_names text[] NOT NULL DEFAULT '{}';

CREATE TABLE exclusion_screenings (
  id uuid PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organizations(id),
  staff_member_id uuid NOT NULL,
  facility_id uuid NOT NULL,
  run_at timestamptz NOT NULL,
  -- which list was searched (kept when the list is replaced: the evidence names the file's checksum)
  leie_import_id uuid NOT NULL REFERENCES leie_imports(id),
  leie_checksum text NOT NULL,
  -- the names, date of birth and NPI searched, as they were at the time
  searched jsonb NOT NULL,
  matches jsonb NOT NULL DEFAULT '[]',
  status text NOT NULL CHECK (status IN ('clear', 'possible_match', 'confirmed', 'cleared_by_review')),
  reviewed_by uuid,
  reviewed_at timestamptz,
  note text CHECK (note IS NULL OR length(note) > 0),
  CHECK ((status IN ('confirmed', 'cleared_by_review')) = (reviewed_at IS NOT NULL)),
  CHECK ((reviewed_at IS NULL) = (note IS NULL)),
  UNIQUE (organization_id, id),
  FOREIGN KEY (organization_id, staff_member_id) REFERENCES staff_members(organization_id, id),
  FOREIGN KEY (organization_id, facility_id) REFERENCES facilities(organization_id, id),
  FOREIGN KEY (organization_id, reviewed_by) REFERENCES users(organization_id, id)
);
CREATE INDEX exclusion_screenings_person ON exclusion_screenings (organization_id, staff_member_id, run_at DESC);
CREATE INDEX exclusion_screenings_queue ON exclusion_screenings (organization_id, run_at) WHERE status = 'possible_match';
