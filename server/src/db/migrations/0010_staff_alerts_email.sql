-- The platform's email outbox, and the staff module's alert, rule and reference-pay data.

-- Every message the system sends goes through this table, written in the transaction of the
-- change that causes it, so a message exists exactly when its cause was committed. A job sends
-- queued rows over SMTP; without SMTP configured they are marked held and stay readable on the
-- development outbox page. dedupe_key is the caller's name for the message ("credential <id>
-- expires within 30 days"): enqueueing the same key twice keeps the first.
CREATE TABLE email_outbox (
  id uuid PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organizations(id),
  -- the facility the message is about, when one: the outbox page shows it to those who may see
  -- that facility; a message about several (a digest) has none and is shown to its recipient and
  -- to those who see every facility
  facility_id uuid,
  recipient text NOT NULL CHECK (length(recipient) BETWEEN 3 AND 320 AND position('@' IN recipient) > 1),
  subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 300),
  body text NOT NULL,
  kind text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_.-]{0,63}$'),
  dedupe_key text NOT NULL CHECK (length(dedupe_key) BETWEEN 1 AND 300),
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed', 'held')),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  -- when a queued message may next be tried (backoff after a failure)
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  -- an SMTP code or error class only: never the server's text, which may quote the message
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  CHECK ((status = 'sent') = (sent_at IS NOT NULL)),
  UNIQUE (organization_id, dedupe_key),
  FOREIGN KEY (organization_id, facility_id) REFERENCES facilities(organization_id, id)
);
CREATE INDEX email_outbox_due ON email_outbox (next_attempt_at) WHERE status = 'queued';
CREATE INDEX email_outbox_recent ON email_outbox (organization_id, created_at DESC);

-- CMM eligibility (rules.md 6.1) as an organization's rule data; no row means the product default.
CREATE TABLE cmm_eligibility_rules (
  organization_id uuid PRIMARY KEY REFERENCES organizations(id),
  min_years_experience numeric(4, 1) NOT NULL CHECK (min_years_experience >= 0),
  credits_required numeric(5, 1) NOT NULL CHECK (credits_required >= 0),
  credits_waived_per_extra_year numeric(5, 1) NOT NULL CHECK (credits_waived_per_extra_year >= 0),
  updated_by uuid,
  updated_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (organization_id, updated_by) REFERENCES users(organization_id, id)
);

-- Reference pay (the manager's own role benchmark), dated and with its source. Rows without an
-- organization ship with the product (public statistics, the same for everyone); an organization
-- adds newer figures as its own rows, which no other tenant sees.
CREATE TABLE pay_benchmarks (
  id uuid PRIMARY KEY,
  organization_id uuid REFERENCES organizations(id),
  occupation text NOT NULL CHECK (occupation IN ('medical_and_health_services_managers')),
  -- the date the figure describes (May 2018: 2018-05-01)
  reference_date date NOT NULL,
  industry text NOT NULL CHECK (industry IN ('all', 'government', 'hospitals', 'nursing_and_residential_care', 'physician_offices', 'outpatient_care')),
  median_annual_cents integer NOT NULL CHECK (median_annual_cents > 0),
  projected_growth_percent numeric(5, 1),
  projection_period text CHECK (projection_period IS NULL OR projection_period ~ '^[0-9]{4}-[0-9]{4}$'),
  source text NOT NULL CHECK (length(source) BETWEEN 3 AND 300),
  source_url text,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE NULLS NOT DISTINCT (organization_id, occupation, reference_date, industry),
  FOREIGN KEY (organization_id, created_by) REFERENCES users(organization_id, id)
);

INSERT INTO pay_benchmarks (id, organization_id, occupation, reference_date, industry, median_annual_cents, projected_growth_percent, projection_period, source, source_url)
VALUES
  ('6b1f3a52-5d0e-4f0a-9a51-2a0b6c1e2018', NULL, 'medical_and_health_services_managers', '2018-05-01', 'all', 9973000, 18.0, '2018-2028',
   'US Bureau of Labor Statistics, Occupational Outlook Handbook: Medical and Health Services Managers', 'https://www.bls.gov/ooh/management/medical-and-health-services-managers.htm'),
  ('6b1f3a52-5d0e-4f0a-9a51-2a0b6c1e2019', NULL, 'medical_and_health_services_managers', '2018-05-01', 'government', 11046000, NULL, NULL,
   'US Bureau of Labor Statistics, Occupational Outlook Handbook: Medical and Health Services Managers', 'https://www.bls.gov/ooh/management/medical-and-health-services-managers.htm'),
  ('6b1f3a52-5d0e-4f0a-9a51-2a0b6c1e2020', NULL, 'medical_and_health_services_managers', '2018-05-01', 'hospitals', 10873000, NULL, NULL,
   'US Bureau of Labor Statistics, Occupational Outlook Handbook: Medical and Health Services Managers', 'https://www.bls.gov/ooh/management/medical-and-health-services-managers.htm'),
  ('6b1f3a52-5d0e-4f0a-9a51-2a0b6c1e2021', NULL, 'medical_and_health_services_managers', '2018-05-01', 'nursing_and_residential_care', 8426000, NULL, NULL,
   'US Bureau of Labor Statistics, Occupational Outlook Handbook: Medical and Health Services Managers', 'https://www.bls.gov/ooh/management/medical-and-health-services-managers.htm');
