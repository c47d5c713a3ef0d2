-- Documents: the files kept for a patient or a staff member. The bytes live in the data
-- directory (documents/<organization id>/<document id>); the row holds what is needed to find,
-- check and show them. Never deleted: a document put on the wrong record is retracted (kept,
-- hidden from the usual list), since what was on file when is part of the record.

-- A card image must belong to a coverage of the same patient, a licence scan to a credential of
-- the same person: the database says so with keys over (organization, owner, id).
ALTER TABLE patient_coverages ADD CONSTRAINT patient_coverages_owner_key UNIQUE (organization_id, patient_id, id);
ALTER TABLE staff_credentials ADD CONSTRAINT staff_credentials_owner_key UNIQUE (organization_id, staff_member_id, id);

CREATE TABLE documents (
  id uuid PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organizations(id),
  facility_id uuid NOT NULL,
  owner_kind text NOT NULL CHECK (owner_kind IN ('patient', 'staff')),
  -- Exactly one owner column is set, matching owner_kind, so each has a real foreign key.
  patient_id uuid,
  staff_member_id uuid,
  kind text NOT NULL CHECK (kind IN ('insurance_card_front', 'insurance_card_back', 'photo_id', 'consent_form',
                                      'referral', 'licence', 'certificate', 'other')),
  coverage_id uuid,
  credential_id uuid,
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
  content_type text NOT NULL CHECK (content_type IN ('application/pdf', 'image/png', 'image/jpeg')),
  size_bytes integer NOT NULL CHECK (size_bytes > 0),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  uploaded_by uuid,
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  retracted_at timestamptz,
  retracted_by uuid,
  retracted_reason text,
  UNIQUE (organization_id, id),
  CHECK ((owner_kind = 'patient') = (patient_id IS NOT NULL)),
  CHECK ((owner_kind = 'staff') = (staff_member_id IS NOT NULL)),
  CHECK (coverage_id IS NULL OR owner_kind = 'patient'),
  CHECK (credential_id IS NULL OR owner_kind = 'staff'),
  CHECK ((retracted_at IS NULL) = (retracted_reason IS NULL)),
  FOREIGN KEY (organization_id, facility_id) REFERENCES facilities(organization_id, id),
  FOREIGN KEY (organization_id, patient_id) REFERENCES patients(organization_id, id),
  FOREIGN KEY (organization_id, staff_member_id) REFERENCES staff_members(organization_id, id),
  FOREIGN KEY (organization_id, patient_id, coverage_id) REFERENCES patient_coverages(organization_id, patient_id, id),
  FOREIGN KEY (organization_id, staff_member_id, credential_id)
    REFERENCES staff_credentials(organization_id, staff_member_id, id),
  FOREIGN KEY (organization_id, uploaded_by) REFERENCES users(organization_id, id),
  FOREIGN KEY (organization_id, retracted_by) REFERENCES users(organization_id, id)
);
CREATE INDEX documents_patient ON documents (organization_id, patient_id) WHERE patient_id IS NOT NULL;
CREATE INDEX documents_staff ON documents (organization_id, staff_member_id) WHERE staff_member_id IS NOT NULL;

-- Never deleted, whoever connects (restores run with triggers off, as for the audit trail).
CREATE FUNCTION documents_refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'documents are retracted, never deleted';
END;
$$;
CREATE TRIGGER documents_never_deleted
  BEFORE DELETE ON documents
  FOR EACH ROW EXECUTE FUNCTION documents_refuse_delete();
