import {
  type DocumentContentType,
  type DocumentKind,
  type DocumentOwnerKind,
  documentKindLabels,
  documentKindsFor,
  type FieldError,
} from '@clinicops/contracts';
import { isAccepted, isComplete, normaliseDeclaredType, type SniffedType } from './content-type.js';

// Everything that can be wrong with an upload, as data: the service refuses with all of it at once.

export type UploadFacts = {
  ownerKind: DocumentOwnerKind;
  kind: DocumentKind;
  sizeBytes: number;
  maxBytes: number;
  sniffed: SniffedType | null;
  declaredType: string | undefined;
  /** The file's bytes, for the completeness check (only read when the type is accepted). */
  bytes: Uint8Array;
  /** The linked coverage or credential, and whether it belongs to the owner. */
  link?: { field: 'coverageId' | 'credentialId'; belongsToOwner: boolean };
};

/** A size limit as people read it: "10 MB", "1.5 MB", "50 KB". */
export function formatMegabytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

/** The size rule alone: not empty, not above the configured maximum. */
export function sizeViolation(sizeBytes: number, maxBytes: number): FieldError | null {
  if (sizeBytes <= 0) return { field: 'file', message: 'is empty' };
  if (sizeBytes > maxBytes) return { field: 'file', message: `is larger than the ${formatMegabytes(maxBytes)} limit` };
  return null;
}

const typeLabels: Record<SniffedType, string> = {
  'application/pdf': 'a PDF',
  'image/png': 'a PNG image',
  'image/jpeg': 'a JPEG image',
  'image/webp': 'a WebP image',
  'image/heic': 'a HEIC photo',
  'image/gif': 'a GIF image',
};

export function checkUpload(f: UploadFacts): { errors: FieldError[]; contentType: DocumentContentType | null } {
  const errors: FieldError[] = [];
  if (!documentKindsFor[f.ownerKind].includes(f.kind)) {
    errors.push({ field: 'kind', message: `${documentKindLabels[f.kind]} is not a kind of ${f.ownerKind} document` });
  }
  if (f.link && !f.link.belongsToOwner) {
    errors.push({
      field: f.link.field,
      message:
        f.link.field === 'coverageId' ? 'is not one of this patient’s coverages' : 'is not one of this person’s credentials',
    });
  }
  const size = sizeViolation(f.sizeBytes, f.maxBytes);
  if (size) return { errors: [...errors, size], contentType: null };
  if (!isAccepted(f.sniffed)) {
    const what = f.sniffed ? `is ${typeLabels[f.sniffed]}` : 'is not a PDF, PNG or JPEG file';
    const hint = f.sniffed === 'image/heic' || f.sniffed === 'image/webp' ? ': export it as JPEG' : '';
    errors.push({ field: 'file', message: `${what}; only PDF, PNG and JPEG are accepted${hint}` });
    return { errors, contentType: null };
  }
  const declared = normaliseDeclaredType(f.declaredType);
  if (declared !== null && declared !== f.sniffed) {
    errors.push({ field: 'file', message: `is ${typeLabels[f.sniffed]} but was sent as ${declared}` });
  } else if (!isComplete(f.sniffed, f.bytes)) {
    errors.push({ field: 'file', message: `is ${typeLabels[f.sniffed]} that is cut short; upload it again` });
  }
  return { errors, contentType: errors.length === 0 ? f.sniffed : null };
}
