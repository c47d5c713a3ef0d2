-- Merging a duplicate patient moves its coverages to the survivor. A card image is keyed to its
-- coverage over (organization, patient, coverage), so that key now follows the coverage on update;
-- the documents merge step then moves the duplicate's other documents.
ALTER TABLE documents
  DROP CONSTRAINT documents_organization_id_patient_id_coverage_id_fkey,
  ADD CONSTRAINT documents_organization_id_patient_id_coverage_id_fkey
    FOREIGN KEY (organization_id, patient_id, coverage_id)
    REFERENCES patient_coverages(organization_id, patient_id, id) ON UPDATE CASCADE;
