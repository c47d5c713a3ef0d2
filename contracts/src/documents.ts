import { z } from 'zod';
import { Id } from './common.js';

// Documents: files kept for a patient (insurance card images, photo id, signed forms) or a staff
// member (licences, certificates). The file itself travels as multipart/form-data; these are the
// form's other fields and what the API answers about a stored document.

export const documentOwnerKinds = ['patient', 'staff'] as const;
export const DocumentOwnerKind = z.enum(documentOwnerKinds);
export type DocumentOwnerKind = z.infer<typeof DocumentOwnerKind>;

export const documentKinds = [
  'insurance_card_front',
  'insurance_card_back',
  'photo_id',
  'consent_form',
  'referral',
  'licence',
  'certificate',
  'other',
] as const;
export const DocumentKind = z.enum(documentKinds);
export type DocumentKind = z.infer<typeof DocumentKind>;

/** Which kinds belong to which owner: a patient has no licence, a staff member no insurance card. */
export const documentKindsFor: Record<DocumentOwnerKind, readonly DocumentKind[]> = {
  patient: ['insurance_card_front', 'insurance_card_back', 'photo_id', 'consent_form', 'referral', 'other'],
  staff: ['licence', 'certificate', 'photo_id', 'other'],
};

export const documentKindLabels: Record<DocumentKind, string> = {
  insurance_card_front: 'Insurance card (front)',
  insurance_card_back: 'Insurance card (back)',
  photo_id: 'Photo ID',
  consent_form: 'Signed consent form',
  referral: 'Referral',
  licence: 'Licence',
  certificate: 'Certificate',
  other: 'Other',
};

/** What the server accepts, recognised from the file's first bytes, never from its name. */
export const documentContentTypes = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export const DocumentContentType = z.enum(documentContentTypes);
export type DocumentContentType = z.infer<typeof DocumentContentType>;

/** The text fields of a patient's document upload (the form's `file` part is the file). */
export const UploadPatientDocumentFields = z.object({
  kind: DocumentKind,
  coverageId: Id.optional().describe('The coverage an insurance card image belongs to'),
});
export type UploadPatientDocumentFields = z.infer<typeof UploadPatientDocumentFields>;

/** The text fields of a staff member's document upload (the form's `file` part is the file). */
export const UploadStaffDocumentFields = z.object({
  kind: DocumentKind,
  credentialId: Id.optional().describe('The credential a licence or certificate proves'),
});
export type UploadStaffDocumentFields = z.infer<typeof UploadStaffDocumentFields>;

export const RetractDocumentRequest = z.object({
  reason: z.string().trim().min(3).max(500).describe('Why the document is withdrawn (wrong patient, illegible, ...)'),
});
export type RetractDocumentRequest = z.infer<typeof RetractDocumentRequest>;

export const DocumentListQuery = z.object({
  includeRetracted: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type DocumentListQuery = z.infer<typeof DocumentListQuery>;

export const StoredDocument = z.object({
  id: Id,
  ownerKind: DocumentOwnerKind,
  ownerId: Id,
  facilityId: Id,
  kind: DocumentKind,
  coverageId: Id.nullable(),
  credentialId: Id.nullable(),
  fileName: z.string(),
  contentType: DocumentContentType,
  sizeBytes: z.number().int(),
  sha256: z.string(),
  uploadedBy: Id.nullable(),
  uploadedAt: z.string(),
  retractedAt: z.string().nullable(),
  retractedReason: z.string().nullable(),
});
export type StoredDocument = z.infer<typeof StoredDocument>;
