-- Rostering: units, shift types, coverage demand, contracts, leave and requests, rosters with
-- their assignments, solve runs, open shifts, swap requests and the private calendar feed tokens.
-- Rows reference (organization_id, id) pairs so nothing points across tenants.

CREATE TABLE roster_units (
  id uuid PRIMARY KEY,
  organization_id uuid NOT NULL,
  facility_id uuid NOT NULL,
  name text NOT NULL CHECK (length(name) > 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organization_id, id),
  UNIQUE (organization_id, facility_id, name),
  FOREIGN KEY (organization_id, facility_id) REFERENCES facilities(organization_id, id)
);

CREATE TABLE shift_types (
  id uuid PRIMARY KEY,
  organization_id uuid NOT NULL,
  facility_id uuid NOT NULL,
  unit_id uuid NOT NULL,
  code text NOT NULL CHECK (code ~ '^[A-Z0-9]{1,4}$'),
  name text NOT NULL,
  start_time time NOT NULL,
  minutes integer NOT NULL CHECK (minutes BETWEEN 60 AND 1440),
  -- the positions that may work it (rn, lpn, cna ...)
  positions text[] NOT NULL CHECK (cardinality(positions) > 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organization_id, id),
  UNIQUE (unit_id, code),
  FOREIGN KEY (organization_id, unit_id) REFERENCES roster_units(organization_id, id),
  FOREIGN KEY (organization_id, facility_id) REFERENCES facilities(organization_id, id)
);

-- Demand per weekday (0 Monday .. 6 Sunday) or for one date (which then replaces the weekday's).
CREATE TABLE coverage_demands (
  id uuid PRIMARY KEY,
  organization_id uuid NOT NULL,
  facility_id uuid NOT NULL,
  unit_id uuid NOT NULL,
  shift_type_id uuid NOT NULL,
  position text NOT NULL,
  weekday smallint CHECK (weekday BETWEEN 0 AND 6),
  on_date date,
  required integer NOT NULL CHECK (required BETWEEN 0 AND 100),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((weekday IS NULL) <> (on_date IS NULL)),
  FOREIGN KEY (organization_id, shift_type_id) REFERENCES shift_types(organization_id, id),
  FOREIGN KEY (organization_id, unit_id) REFERENCES roster_units(organization_id, id)
);
CREATE UNIQUE INDEX coverage_demands_weekday ON coverage_demands (shift_type_id, position, weekday) WHERE weekday IS NOT NULL;
CREATE UNIQUE INDEX coverage_demands_date ON coverage_demands (shift_type_id, position, on_date) WHERE on_date IS NOT NULL;

-- A person's own limits; without a row the defaults of their employment type apply (domain/contracts.ts).
CREATE TABLE staff_contracts (
  organization_id uuid NOT NULL,
  staff_member_id uuid PRIMARY KEY,
  min_minutes_per_week integer NOT NULL CHECK (min_minutes_per_week >= 0),
  max_minutes_per_week integer NOT NULL CHECK (max_minutes_per_week >= min_minutes_per_week),
  max_consecutive_shifts integer NOT NULL CHECK (max_consecutive_shifts BETWEEN 1 AND 14),
  min_consecutive_days_off integer NOT NULL CHECK (min_consecutive_days_off BETWEEN 1 AND 7),
  max_weekends_per_4_weeks integer NOT NULL CHECK (max_weekends_per_4_weeks BETWEEN 0 AND 4),
  max_nights_per_4_weeks integer CHECK (max_nights_per_4_weeks IS NULL OR max_nights_per_4_weeks >= 0),
  updated_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (organization_id, staff_member_id) REFERENCES staff_members(organization_id, id)
);

-- Approved leave and days off: hard.
CREATE TABLE staff_leave (
  id uuid PRIMARY KEY,
  organization_id uuid NOT NULL,
  facility_id uuid NOT NULL,
  staff_member_id uuid NOT NULL,
  starts_on date NOT NULL,
  ends_on date NOT NULL CHECK (ends_on >= starts_on),
  kind text NOT NULL CHECK (kind IN ('vacation', 'sick', 'day_off', 'training', 'other')),
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (organization_id, staff_member_id) REFERENCES staff_members(organization_id, id),
  FOREIGN KEY (organization_id, facility_id) REFERENCES facilities(organization_id, id)
);
CREATE INDEX staff_leave_dates ON staff_leave (organization_id, facility_id, starts_on, ends_on);

-- Wishes to work (on) or not (off) a shift, or any shift of a day (shift_type_id null): soft, weighted.
CREATE TABLE shift_requests (
  id uuid PRIMARY KEY,
  organization_id uuid NOT NULL,
  facility_id uuid NOT NULL,
  staff_member_id uuid NOT NULL,
  on_date date NOT NULL,
  shift_type_id uuid,
  kind text NOT NULL CHECK (kind IN ('on', 'off')),
  weight integer NOT NULL CHECK (weight BETWEEN 1 AND 10),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (kind = 'off' OR shift_type_id IS NOT NULL),
  FOREIGN KEY (organization_id, staff_member_id) REFERENCES staff_members(organization_id, id),
  FOREIGN KEY (organization_id, shift_type_id) REFERENCES shift_types(organization_id, id)
);
CREATE INDEX shift_requests_dates ON shift_requests (organization_id, facility_id, on_date);

CREATE TABLE rosters (
  id uuid PRIMARY KEY,
  organization_id uuid NOT NULL,
  facility_id uuid NOT NULL,
  unit_id uuid NOT NULL,
  start_date date NOT NULL CHECK (extract(isodow FROM start_date) = 1),
  days integer NOT NULL CHECK (days BETWEEN 7 AND 56 AND days % 7 = 0),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
  -- bumped by every change; writers send the version they read (optimistic locking)
  version integer NOT NULL DEFAULT 1,
  published_at timestamptz,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organization_id, id),
  FOREIGN KEY (organization_id, unit_id) REFERENCES roster_units(organization_id, id),
  FOREIGN KEY (organization_id, facility_id) REFERENCES facilities(organization_id, id)
);
CREATE INDEX rosters_unit ON rosters (organization_id, unit_id, start_date);

CREATE TABLE roster_assignments (
  organization_id uuid NOT NULL,
  roster_id uuid NOT NULL,
  staff_member_id uuid NOT NULL,
  on_date date NOT NULL,
  shift_type_id uuid NOT NULL,
  PRIMARY KEY (roster_id, staff_member_id, on_date),
  FOREIGN KEY (organization_id, roster_id) REFERENCES rosters(organization_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organization_id, staff_member_id) REFERENCES staff_members(organization_id, id),
  FOREIGN KEY (organization_id, shift_type_id) REFERENCES shift_types(organization_id, id)
);
CREATE INDEX roster_assignments_person ON roster_assignments (organization_id, staff_member_id, on_date);

-- One row per solve or repair; the worker writes its progress here, the UI polls it.
CREATE TABLE roster_solve_runs (
  id uuid PRIMARY KEY,
  organization_id uuid NOT NULL,
  roster_id uuid NOT NULL,
  mode text NOT NULL CHECK (mode IN ('solve', 'repair')),
  status text NOT NULL CHECK (status IN ('running', 'done', 'stopped', 'failed')),
  time_limit_ms integer NOT NULL,
  objective integer,
  hard_violations integer,
  elapsed_ms integer NOT NULL DEFAULT 0,
  iterations bigint NOT NULL DEFAULT 0,
  stop_requested boolean NOT NULL DEFAULT false,
  error text,
  started_by uuid,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  FOREIGN KEY (organization_id, roster_id) REFERENCES rosters(organization_id, id) ON DELETE CASCADE
);

CREATE TABLE open_shifts (
  id uuid PRIMARY KEY,
  organization_id uuid NOT NULL,
  roster_id uuid NOT NULL,
  on_date date NOT NULL,
  shift_type_id uuid NOT NULL,
  position text NOT NULL,
  reason text NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'claimed', 'cancelled')),
  claimed_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (organization_id, roster_id) REFERENCES rosters(organization_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organization_id, shift_type_id) REFERENCES shift_types(organization_id, id),
  FOREIGN KEY (organization_id, claimed_by) REFERENCES staff_members(organization_id, id)
);

CREATE TABLE swap_requests (
  id uuid PRIMARY KEY,
  organization_id uuid NOT NULL,
  roster_id uuid NOT NULL,
  requester_id uuid NOT NULL,
  on_date date NOT NULL,
  -- who takes the requester's shift on that date
  taker_id uuid NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  decided_by uuid,
  decided_at timestamptz,
  decision_note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (organization_id, roster_id) REFERENCES rosters(organization_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organization_id, requester_id) REFERENCES staff_members(organization_id, id),
  FOREIGN KEY (organization_id, taker_id) REFERENCES staff_members(organization_id, id)
);

-- The private iCalendar feed: the URL carries a random token; only its SHA-256 is stored.
CREATE TABLE roster_feed_tokens (
  organization_id uuid NOT NULL,
  staff_member_id uuid PRIMARY KEY,
  token_sha256 text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (organization_id, staff_member_id) REFERENCES staff_members(organization_id, id)
);
