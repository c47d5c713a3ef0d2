-- Staff: people, pay, the credential catalogue, credentials, continuing education and the
-- credentials each position requires. Rows reference (organization_id, id) pairs so nothing can
-- point across tenants; dates of issue, expiry and CE completion are plain dates.

CREATE TABLE staff_members (
  id uuid PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organizations(id),
  facility_id uuid NOT NULL,
  user_id uuid,
  first_name text NOT NULL CHECK (length(first_name) > 0),
  last_name text NOT NULL CHECK (length(last_name) > 0),
  position text NOT NULL,
  employment_type text NOT NULL CHECK (employment_type IN ('full_time', 'part_time', 'per_diem')),
  flsa_exempt boolean NOT NULL DEFAULT false,
  department text,
  cost_center text,
  -- the usual shift, where the facility works in shifts (nursing homes)
  shift text CHECK (shift IS NULL OR shift IN ('day', 'evening', 'night')),
  hire_date date NOT NULL,
  termination_date date CHECK (termination_date IS NULL OR termination_date >= hire_date),
  npi text CHECK (npi IS NULL OR npi ~ '^[0-9]{10}$'),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organization_id, id),
  FOREIGN KEY (organization_id, facility_id) REFERENCES facilities(organization_id, id),
  FOREIGN KEY (organization_id, user_id) REFERENCES users(organization_id, id)
);
CREATE INDEX staff_members_facility ON staff_members (organization_id, facility_id, last_name, first_name);
-- one staff record per account
CREATE UNIQUE INDEX staff_members_user ON staff_members (organization_id, user_id) WHERE user_id IS NOT NULL;

CREATE TABLE pay_rates (
  id uuid PRIMARY KEY,
  organization_id uuid NOT NULL,
  staff_member_id uuid NOT NULL,
  amount_cents integer NOT NULL CHECK (amount_cents > 0),
  per text NOT NULL CHECK (per IN ('hour', 'year')),
  effective_from date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (staff_member_id, effective_from),
  FOREIGN KEY (organization_id, staff_member_id) REFERENCES staff_members(organization_id, id)
);

-- The catalogue is data, per organization, so a state's rules can be added without a release.
-- `family` groups the same credential across states (RN-OH and RN-IN are both family RN).
CREATE TABLE credential_types (
  id uuid PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organizations(id),
  code text NOT NULL,
  name text NOT NULL,
  family text NOT NULL,
  category text NOT NULL CHECK (category IN ('licence', 'certification', 'registration', 'facility')),
  jurisdiction text CHECK (jurisdiction IS NULL OR jurisdiction ~ '^[A-Z]{2}$'),
  state_bound boolean NOT NULL DEFAULT false,
  renewal_cycle_months integer CHECK (renewal_cycle_months IS NULL OR renewal_cycle_months > 0),
  ce_units_required numeric(6, 2) CHECK (ce_units_required IS NULL OR ce_units_required >= 0),
  ce_approved_min numeric(6, 2) CHECK (ce_approved_min IS NULL OR ce_approved_min >= 0),
  renewal_window_days integer CHECK (renewal_window_days IS NULL OR renewal_window_days >= 0),
  -- how the expiry follows from the issue date: as printed, the end of the month a cycle later
  -- (AHA cards), or the day before the anniversary (CLIA's "no more than 2 years")
  expiry_rule text NOT NULL DEFAULT 'as_issued' CHECK (expiry_rule IN ('as_issued', 'end_of_month', 'day_before_anniversary')),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organization_id, code),
  UNIQUE (organization_id, id)
);

-- A credential held by a person (staff_member_id) or, for facility certificates such as CLIA,
-- by the facility alone (staff_member_id null).
CREATE TABLE staff_credentials (
  id uuid PRIMARY KEY,
  organization_id uuid NOT NULL,
  facility_id uuid NOT NULL,
  staff_member_id uuid,
  credential_type_id uuid NOT NULL,
  number text NOT NULL,
  issuing_state text CHECK (issuing_state IS NULL OR issuing_state ~ '^[A-Z]{2}$'),
  issuing_body text,
  -- a Nurse Licensure Compact multistate licence
  multistate boolean NOT NULL DEFAULT false,
  issued_on date NOT NULL,
  expires_on date,
  verified_by uuid,
  verified_at timestamptz,
  verification_method text CHECK (verification_method IS NULL OR verification_method IN ('primary_source', 'document', 'attestation')),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'revoked', 'superseded')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (expires_on IS NULL OR expires_on > issued_on),
  CHECK ((verified_at IS NULL) = (verification_method IS NULL)),
  UNIQUE (organization_id, id),
  FOREIGN KEY (organization_id, facility_id) REFERENCES facilities(organization_id, id),
  FOREIGN KEY (organization_id, staff_member_id) REFERENCES staff_members(organization_id, id),
  FOREIGN KEY (organization_id, credential_type_id) REFERENCES credential_types(organization_id, id),
  FOREIGN KEY (organization_id, verified_by) REFERENCES users(organization_id, id)
);
CREATE INDEX staff_credentials_member ON staff_credentials (organization_id, staff_member_id);
CREATE INDEX staff_credentials_expiry ON staff_credentials (organization_id, expires_on) WHERE status = 'active';

CREATE TABLE ce_records (
  id uuid PRIMARY KEY,
  organization_id uuid NOT NULL,
  staff_member_id uuid NOT NULL,
  -- the credential whose renewal cycle this counts towards, when known
  credential_id uuid,
  completed_on date NOT NULL,
  provider text NOT NULL,
  title text NOT NULL,
  units numeric(6, 2) NOT NULL CHECK (units > 0),
  category text NOT NULL CHECK (category IN ('approved', 'recognized', 'general')),
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (organization_id, staff_member_id) REFERENCES staff_members(organization_id, id),
  FOREIGN KEY (organization_id, credential_id) REFERENCES staff_credentials(organization_id, id)
);
CREATE INDEX ce_records_member ON ce_records (organization_id, staff_member_id, completed_on);

CREATE TABLE position_requirements (
  id uuid PRIMARY KEY,
  organization_id uuid NOT NULL,
  position text NOT NULL,
  credential_type_id uuid NOT NULL,
  -- must be held in the facility's state (or as a compact multistate licence)
  state_bound boolean NOT NULL DEFAULT false,
  UNIQUE (organization_id, position, credential_type_id),
  FOREIGN KEY (organization_id, credential_type_id) REFERENCES credential_types(organization_id, id)
);
