-- Patient appointment scheduling: bookable resources (providers, rooms, equipment), appointment
-- types, weekly availability templates with iCalendar RRULE semantics in the facility's zone,
-- exceptions, appointments with a timestamp per status change, and one booking row per resource
-- an appointment holds. Double booking is refused by the database itself (an exclusion
-- constraint over time ranges), so it holds under concurrency and across app nodes.

CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE sched_resources (
  id uuid PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organizations(id),
  facility_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('provider', 'room', 'equipment')),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  -- a provider is a staff member; rooms and equipment are not people
  staff_member_id uuid,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'provider') = (staff_member_id IS NOT NULL)),
  UNIQUE (organization_id, id),
  FOREIGN KEY (organization_id, facility_id) REFERENCES facilities(organization_id, id),
  FOREIGN KEY (organization_id, staff_member_id) REFERENCES staff_members(organization_id, id)
);
CREATE UNIQUE INDEX sched_resources_staff ON sched_resources (organization_id, facility_id, staff_member_id)
  WHERE staff_member_id IS NOT NULL;
CREATE INDEX sched_resources_facility ON sched_resources (organization_id, facility_id, kind);

CREATE TABLE appointment_types (
  id uuid PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organizations(id),
  facility_id uuid NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 5 AND 480),
  -- resources stay blocked this long after the visit (cleaning a procedure room, notes)
  buffer_minutes integer NOT NULL DEFAULT 0 CHECK (buffer_minutes BETWEEN 0 AND 120),
  -- kinds of resource every appointment of this type holds at once; always includes 'provider'
  required_kinds text[] NOT NULL CHECK (required_kinds <@ ARRAY['provider', 'room', 'equipment'] AND 'provider' = ANY (required_kinds)),
  -- provider resources allowed to see this type; empty means any provider of the facility
  allowed_provider_ids uuid[] NOT NULL DEFAULT '{}',
  visit_kind text NOT NULL CHECK (visit_kind IN ('new', 'follow_up')),
  color text NOT NULL CHECK (color ~ '^[a-z]{3,12}$'),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organization_id, id),
  FOREIGN KEY (organization_id, facility_id) REFERENCES facilities(organization_id, id)
);

-- Weekly hours of one provider at one location. Local wall-clock times in the facility's zone;
-- the RRULE (FREQ=WEEKLY;INTERVAL=n;BYDAY=...) is expanded from effective_from.
CREATE TABLE availability_templates (
  id uuid PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organizations(id),
  facility_id uuid NOT NULL,
  resource_id uuid NOT NULL,
  rrule text NOT NULL CHECK (length(rrule) BETWEEN 1 AND 300),
  start_time time NOT NULL,
  end_time time NOT NULL CHECK (end_time > start_time),
  effective_from date NOT NULL,
  effective_until date CHECK (effective_until IS NULL OR effective_until >= effective_from),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organization_id, id),
  FOREIGN KEY (organization_id, facility_id) REFERENCES facilities(organization_id, id),
  FOREIGN KEY (organization_id, resource_id) REFERENCES sched_resources(organization_id, id)
);
CREATE INDEX availability_templates_resource ON availability_templates (organization_id, resource_id);

-- Time a resource (or, with no resource, the whole facility: holidays) is not bookable.
CREATE TABLE availability_exceptions (
  id uuid PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organizations(id),
  facility_id uuid NOT NULL,
  resource_id uuid,
  kind text NOT NULL CHECK (kind IN ('holiday', 'leave', 'blocked', 'meeting')),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL CHECK (ends_at > starts_at),
  reason text CHECK (reason IS NULL OR length(reason) <= 200),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organization_id, id),
  FOREIGN KEY (organization_id, facility_id) REFERENCES facilities(organization_id, id),
  FOREIGN KEY (organization_id, resource_id) REFERENCES sched_resources(organization_id, id)
);
CREATE INDEX availability_exceptions_range ON availability_exceptions (organization_id, facility_id, starts_at);

CREATE TABLE appointments (
  id uuid PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organizations(id),
  facility_id uuid NOT NULL,
  patient_id uuid NOT NULL,
  appointment_type_id uuid NOT NULL,
  provider_resource_id uuid NOT NULL,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL CHECK (ends_at > starts_at),
  status text NOT NULL CHECK (status IN ('booked', 'checked_in', 'roomed', 'seen', 'checked_out', 'cancelled', 'no_show')),
  booked_at timestamptz NOT NULL,
  checked_in_at timestamptz,
  roomed_at timestamptz,
  seen_at timestamptz,
  checked_out_at timestamptz,
  cancelled_at timestamptz,
  cancel_reason text CHECK (cancel_reason IS NULL OR length(cancel_reason) <= 300),
  no_show_at timestamptz,
  -- booked on top of another appointment on purpose (needs the overbooking permission)
  overbooked boolean NOT NULL DEFAULT false,
  -- occurrences of one recurring series share this id
  series_id uuid,
  reschedule_count integer NOT NULL DEFAULT 0,
  notes text CHECK (notes IS NULL OR length(notes) <= 500),
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL)),
  CHECK ((status = 'no_show') = (no_show_at IS NOT NULL)),
  UNIQUE (organization_id, id),
  FOREIGN KEY (organization_id, facility_id) REFERENCES facilities(organization_id, id),
  FOREIGN KEY (organization_id, patient_id) REFERENCES patients(organization_id, id),
  FOREIGN KEY (organization_id, appointment_type_id) REFERENCES appointment_types(organization_id, id),
  FOREIGN KEY (organization_id, provider_resource_id) REFERENCES sched_resources(organization_id, id)
);
CREATE INDEX appointments_facility_day ON appointments (organization_id, facility_id, starts_at);
CREATE INDEX appointments_provider_day ON appointments (organization_id, provider_resource_id, starts_at);
CREATE INDEX appointments_patient ON appointments (organization_id, patient_id, starts_at DESC);

-- One row per resource an appointment holds, over the visit plus the type's buffer. Rows of
-- cancelled and no-show appointments stay (inactive) as history. Overbooked rows are outside
-- the constraint on purpose: that is what overbooking means.
CREATE TABLE appointment_bookings (
  organization_id uuid NOT NULL,
  appointment_id uuid NOT NULL,
  resource_id uuid NOT NULL,
  during tstzrange NOT NULL CHECK (NOT isempty(during) AND lower_inc(during) AND NOT upper_inc(during)),
  active boolean NOT NULL DEFAULT true,
  overbooked boolean NOT NULL DEFAULT false,
  PRIMARY KEY (organization_id, appointment_id, resource_id),
  FOREIGN KEY (organization_id, appointment_id) REFERENCES appointments(organization_id, id),
  FOREIGN KEY (organization_id, resource_id) REFERENCES sched_resources(organization_id, id),
  CONSTRAINT appointment_bookings_no_double_booking
    EXCLUDE USING gist (organization_id WITH =, resource_id WITH =, during WITH &&)
    WHERE (active AND NOT overbooked)
);
-- The slot finder reads the busy times of a facility's resources over a few days: a btree on the
-- start serves "these 40 resources, starting in this window" far better than the gist (40 probes
-- of a range scan each, rather than 40 gist searches). Visits are shorter than a day, which bounds
-- how early an overlapping booking can start.
CREATE INDEX appointment_bookings_resource_start ON appointment_bookings (organization_id, resource_id, lower(during))
  WHERE active;

-- Patients who want an earlier appointment: a cancellation proposes the best of them.
CREATE TABLE waitlist_entries (
  id uuid PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organizations(id),
  facility_id uuid NOT NULL,
  patient_id uuid NOT NULL,
  appointment_type_id uuid NOT NULL,
  -- a preferred provider; null: anyone who sees the type
  provider_resource_id uuid,
  earliest_date date NOT NULL,
  latest_date date NOT NULL CHECK (latest_date >= earliest_date),
  status text NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'booked', 'removed')),
  appointment_id uuid,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organization_id, id),
  FOREIGN KEY (organization_id, facility_id) REFERENCES facilities(organization_id, id),
  FOREIGN KEY (organization_id, patient_id) REFERENCES patients(organization_id, id),
  FOREIGN KEY (organization_id, appointment_type_id) REFERENCES appointment_types(organization_id, id),
  FOREIGN KEY (organization_id, provider_resource_id) REFERENCES sched_resources(organization_id, id),
  FOREIGN KEY (organization_id, appointment_id) REFERENCES appointments(organization_id, id)
);
CREATE INDEX waitlist_entries_waiting ON waitlist_entries (organization_id, facility_id, created_at) WHERE status = 'waiting';

-- Private iCalendar feed URLs per provider: only the SHA-256 of the token is kept; a new token
-- revokes the previous ones.
CREATE TABLE sched_feed_tokens (
  token_hash text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  organization_id uuid NOT NULL REFERENCES organizations(id),
  resource_id uuid NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  FOREIGN KEY (organization_id, resource_id) REFERENCES sched_resources(organization_id, id)
);
CREATE INDEX sched_feed_tokens_resource ON sched_feed_tokens (organization_id, resource_id) WHERE revoked_at IS NULL;
