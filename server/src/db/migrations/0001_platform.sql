-- Platform tables: tenancy, identity, sessions, tokens, emergency access, audit.
-- Every row names its organization; facility-scoped rows name their facility.

CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE organizations (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE facilities (
  id uuid PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organizations(id),
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('clinic', 'nursing_home', 'hospital_department')),
  time_zone text NOT NULL,
  address_line text,
  city text,
  state text,
  postal_code text,
  beds integer CHECK (beds IS NULL OR beds >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organization_id, name),
  -- lets child tables reference (organization_id, id) so a row can never point across tenants
  UNIQUE (organization_id, id)
);

CREATE TABLE users (
  id uuid PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organizations(id),
  email text NOT NULL,
  display_name text NOT NULL,
  password_hash text NOT NULL,
  roles text[] NOT NULL CHECK (cardinality(roles) > 0),
  active boolean NOT NULL DEFAULT true,
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  mfa_secret text,
  mfa_enabled boolean NOT NULL DEFAULT false,
  must_change_password boolean NOT NULL DEFAULT false,
  last_login_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organization_id, id)
);
-- One account per email across the installation: sign-in takes only an email.
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE user_facilities (
  organization_id uuid NOT NULL,
  user_id uuid NOT NULL,
  facility_id uuid NOT NULL,
  PRIMARY KEY (user_id, facility_id),
  FOREIGN KEY (organization_id, user_id) REFERENCES users(organization_id, id),
  FOREIGN KEY (organization_id, facility_id) REFERENCES facilities(organization_id, id)
);

CREATE TABLE mfa_recovery_codes (
  id uuid PRIMARY KEY,
  organization_id uuid NOT NULL,
  user_id uuid NOT NULL,
  code_hash text NOT NULL,
  used_at timestamptz,
  FOREIGN KEY (organization_id, user_id) REFERENCES users(organization_id, id)
);
CREATE INDEX mfa_recovery_codes_user ON mfa_recovery_codes (user_id);

-- Sessions are keyed by the SHA-256 of the cookie value, so a database read does not yield a
-- usable cookie.
CREATE TABLE sessions (
  id_hash text PRIMARY KEY,
  organization_id uuid NOT NULL,
  user_id uuid NOT NULL,
  stage text NOT NULL CHECK (stage IN ('mfa', 'enrol', 'full')),
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  ip text,
  user_agent text,
  FOREIGN KEY (organization_id, user_id) REFERENCES users(organization_id, id)
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
  id uuid PRIMARY KEY,
  organization_id uuid NOT NULL,
  user_id uuid NOT NULL,
  name text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz,
  FOREIGN KEY (organization_id, user_id) REFERENCES users(organization_id, id)
);

CREATE TABLE break_glass_accesses (
  id uuid PRIMARY KEY,
  organization_id uuid NOT NULL,
  user_id uuid NOT NULL,
  reason text NOT NULL CHECK (length(reason) >= 10),
  started_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL CHECK (expires_at > started_at),
  reviewed_by uuid,
  reviewed_at timestamptz,
  review_note text,
  FOREIGN KEY (organization_id, user_id) REFERENCES users(organization_id, id)
);
CREATE INDEX break_glass_active ON break_glass_accesses (user_id, expires_at);

-- The audit trail (45 CFR 164.312(b)). Each organization's events form a hash chain:
-- hash = sha256(prev_hash || canonical(event)), and audit_chain_heads keeps the last link, so
-- an edited, inserted or deleted row (including the newest) breaks verification.
CREATE TABLE audit_events (
  id bigserial PRIMARY KEY,
  organization_id uuid NOT NULL,
  seq bigint NOT NULL,
  occurred_at timestamptz NOT NULL,
  actor_user_id uuid,
  actor_label text,
  actor_role text,
  action text NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('success', 'failure', 'denied')),
  entity_type text,
  entity_id text,
  patient_id uuid,
  facility_id uuid,
  ip text,
  request_id text,
  break_glass boolean NOT NULL DEFAULT false,
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  UNIQUE (organization_id, seq)
);
CREATE INDEX audit_events_org_time ON audit_events (organization_id, occurred_at DESC);
CREATE INDEX audit_events_actor ON audit_events (organization_id, actor_user_id, occurred_at DESC);
CREATE INDEX audit_events_patient ON audit_events (organization_id, patient_id, occurred_at DESC)
  WHERE patient_id IS NOT NULL;

CREATE TABLE audit_chain_heads (
  organization_id uuid PRIMARY KEY,
  seq bigint NOT NULL,
  hash text NOT NULL
);

-- Append-only, whoever connects: updates and deletes are refused by a trigger, and the
-- application role (below) is not granted them either.
CREATE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP;
END;
$$;
CREATE TRIGGER audit_events_append_only
  BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();
CREATE TRIGGER audit_events_no_truncate
  BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();
