-- Appointment reminders and the patient's confirmation: the organization's reminder offsets, the
-- confirmation stamp on an appointment, and the SMS outbox the development SMS adapter writes to
-- (no SMS provider is wired: messages are held there and shown on the outbox page).

CREATE TABLE reminder_settings (
  organization_id uuid PRIMARY KEY REFERENCES organizations(id),
  -- minutes before the start; each offset is one reminder per appointment (48 h and 2 h: {2880,120})
  offsets_minutes integer[] NOT NULL CHECK (
    cardinality(offsets_minutes) BETWEEN 0 AND 5
    AND 15 <= ALL (offsets_minutes) AND 20160 >= ALL (offsets_minutes)
  ),
  email_enabled boolean NOT NULL DEFAULT true,
  sms_enabled boolean NOT NULL DEFAULT true,
  updated_by uuid,
  updated_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (organization_id, updated_by) REFERENCES users(organization_id, id)
);

ALTER TABLE appointments ADD COLUMN confirmed_at timestamptz;

CREATE TABLE sms_outbox (
  id uuid PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organizations(id),
  facility_id uuid,
  -- digits with an optional leading +
  recipient text NOT NULL CHECK (recipient ~ '^\+?[0-9]{7,15}$'),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 1600),
  kind text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_.-]{0,63}$'),
  dedupe_key text NOT NULL CHECK (length(dedupe_key) BETWEEN 1 AND 300),
  -- held: written by the development adapter, never sent anywhere
  status text NOT NULL DEFAULT 'held' CHECK (status IN ('held', 'sent', 'failed')),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organization_id, dedupe_key),
  FOREIGN KEY (organization_id, facility_id) REFERENCES facilities(organization_id, id)
);
CREATE INDEX sms_outbox_recent ON sms_outbox (organization_id, created_at DESC);
