import type { DocumentContentType, DocumentKind, DocumentOwnerKind } from '@clinicops/contracts';
import type { Generated } from 'kysely';

/** The documents module's table (migration 0007_documents.sql). The bytes live in the data directory. */
export interface DocumentTables {
  documents: {
    id: string;
    organization_id: string;
    facility_id: string;
    owner_kind: DocumentOwnerKind;
    patient_id: string | null;
    staff_member_id: string | null;
    kind: DocumentKind;
    coverage_id: string | null;
    credential_id: string | null;
    file_name: string;
    content_type: DocumentContentType;
    size_bytes: number;
    sha256: string;
    uploaded_by: string | null;
    uploaded_at: Generated<Date>;
    retracted_at: Date | null;
    retracted_by: string | null;
    retracted_reason: string | null;
  };
}
