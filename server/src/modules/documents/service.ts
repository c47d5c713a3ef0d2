import { createHash, randomUUID } from 'node:crypto';
import type {
  DocumentOwnerKind,
  Permission,
  RetractDocumentRequest,
  StoredDocument,
  UploadPatientDocumentFields,
  UploadStaffDocumentFields,
} from '@clinicops/contracts';
import { recordAudit } from '../../platform/audit/record.js';
import { type Ctx, inTransaction, type TxCtx } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { requirePermission } from '../../platform/permissions.js';
import { findPatientRef } from '../patients/index.js';
import { findStaffRef } from '../staff/index.js';
import { sniffContentType } from './domain/content-type.js';
import { sanitizeFileName } from './domain/file-name.js';
import { checkUpload } from './domain/upload-rules.js';
import * as q from './queries.js';
import { documentPath, readDocumentFile, removeDocumentFile, writeDocumentFile } from './storage.js';

// Use cases of the documents module. The bytes are checked before anything is written; the file
// is written (atomically) inside the transaction that inserts its row, and removed again if that
// transaction does not commit, so there is never a row without a file nor a file without a row.

export type UploadedFile = { bytes: Buffer; fileName: string | undefined; declaredType: string | undefined };

type Owner = { kind: DocumentOwnerKind; id: string; facilityId: string; linkIds: string[]; mergedIntoId?: string | null };

const permissionFor: Record<DocumentOwnerKind, { read: Permission; write: Permission }> = {
  patient: { read: 'patients:read', write: 'patients:write' },
  staff: { read: 'staff:read', write: 'staff:write' },
};

/** The owner as the actor may see it, or "not found" (another facility's or organization's). */
async function visibleOwner(tx: TxCtx, kind: DocumentOwnerKind, id: string): Promise<Owner> {
  if (kind === 'patient') {
    const p = await findPatientRef(tx, id);
    if (!p) throw notFound('Patient');
    return { kind, id, facilityId: p.facilityId, linkIds: p.coverageIds, mergedIntoId: p.mergedIntoId };
  }
  const s = await findStaffRef(tx, id);
  if (!s) throw notFound('Staff member');
  return { kind, id, facilityId: s.facilityId, linkIds: s.credentialIds };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toDocument(r: q.DocumentRow): StoredDocument {
  return {
    id: r.id,
    ownerKind: r.owner_kind,
    ownerId: (r.owner_kind === 'patient' ? r.patient_id : r.staff_member_id) as string,
    facilityId: r.facility_id,
    kind: r.kind,
    coverageId: r.coverage_id,
    credentialId: r.credential_id,
    fileName: r.file_name,
    contentType: r.content_type,
    sizeBytes: r.size_bytes,
    sha256: r.sha256,
    uploadedBy: r.uploaded_by,
    uploadedAt: r.uploaded_at.toISOString(),
    retractedAt: iso(r.retracted_at),
    retractedReason: r.retracted_reason,
  };
}

/** The audit fields naming a document's owner: patient events carry the patient id for access reports. */
const ownerAudit = (o: { kind: DocumentOwnerKind; id: string; facilityId: string }) => ({
  patientId: o.kind === 'patient' ? o.id : null,
  facilityId: o.facilityId,
});

async function upload(
  ctx: Ctx,
  ownerKind: DocumentOwnerKind,
  ownerId: string,
  fields: { kind: StoredDocument['kind']; linkId: string | undefined },
  file: UploadedFile,
): Promise<StoredDocument> {
  const actor = requirePermission(ctx, permissionFor[ownerKind].write);
  const id = randomUUID();
  const target = documentPath(ctx.config.dataDir, ctx.organizationId, id);
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  let written = false;
  try {
    return await inTransaction(ctx, async (tx) => {
      const owner = await visibleOwner(tx, ownerKind, ownerId);
      if (owner.mergedIntoId) {
        throw new AppError('conflict', 'This record was merged into another one; add documents to the surviving record', {
          details: { mergedIntoId: owner.mergedIntoId },
        });
      }
      const linkField = ownerKind === 'patient' ? 'coverageId' : 'credentialId';
      const { errors, contentType } = checkUpload({
        ownerKind,
        kind: fields.kind,
        sizeBytes: file.bytes.length,
        maxBytes: ctx.config.documentMaxBytes,
        sniffed: sniffContentType(file.bytes),
        declaredType: file.declaredType,
        bytes: file.bytes,
        ...(fields.linkId ? { link: { field: linkField, belongsToOwner: owner.linkIds.includes(fields.linkId) } } : {}),
      });
      if (errors.length > 0 || !contentType) {
        throw new AppError('validation', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
      }
      const fileName = sanitizeFileName(file.fileName, contentType);
      await writeDocumentFile(target, file.bytes);
      written = true;
      await q.insertDocument(tx.db, {
        id,
        organization_id: ctx.organizationId,
        facility_id: owner.facilityId,
        owner_kind: ownerKind,
        patient_id: ownerKind === 'patient' ? ownerId : null,
        staff_member_id: ownerKind === 'staff' ? ownerId : null,
        kind: fields.kind,
        coverage_id: ownerKind === 'patient' ? (fields.linkId ?? null) : null,
        credential_id: ownerKind === 'staff' ? (fields.linkId ?? null) : null,
        file_name: fileName,
        content_type: contentType,
        size_bytes: file.bytes.length,
        sha256,
        uploaded_by: actor.via === 'system' ? null : actor.userId,
      });
      // The file name stays out of the audit details: it is often the patient's name.
      await recordAudit(tx, {
        action: 'document.upload',
        entityType: 'document',
        entityId: id,
        ...ownerAudit(owner),
        details: { ownerKind, ownerId, kind: fields.kind, contentType, sizeBytes: file.bytes.length, sha256 },
      });
      const row = await q.findDocument(tx.db, ctx.organizationId, id);
      if (!row) throw notFound('Document');
      return toDocument(row);
    });
  } catch (err) {
    if (written) await removeDocumentFile(target);
    throw err;
  }
}

export const uploadPatientDocument = (ctx: Ctx, patientId: string, fields: UploadPatientDocumentFields, file: UploadedFile) =>
  upload(ctx, 'patient', patientId, { kind: fields.kind, linkId: fields.coverageId }, file);

export const uploadStaffDocument = (ctx: Ctx, staffMemberId: string, fields: UploadStaffDocumentFields, file: UploadedFile) =>
  upload(ctx, 'staff', staffMemberId, { kind: fields.kind, linkId: fields.credentialId }, file);

/** A patient's or staff member's documents; listing a patient's is an audited read of their record. */
export async function listDocuments(
  ctx: Ctx,
  ownerKind: DocumentOwnerKind,
  ownerId: string,
  opts: { includeRetracted?: boolean | undefined } = {},
): Promise<StoredDocument[]> {
  requirePermission(ctx, permissionFor[ownerKind].read);
  return inTransaction(ctx, async (tx) => {
    const owner = await visibleOwner(tx, ownerKind, ownerId);
    await recordAudit(tx, {
      action: 'document.list',
      entityType: ownerKind === 'patient' ? 'patient' : 'staff_member',
      entityId: ownerId,
      ...ownerAudit(owner),
    });
    const rows = await q.listDocuments(
      tx.db,
      ctx.organizationId,
      { kind: ownerKind, id: ownerId },
      opts.includeRetracted ?? false,
    );
    return rows.map(toDocument);
  });
}

/**
 * Refuses early, before looking the id up, an actor (or no actor) who could not read or change
 * any document: the answer then does not depend on whether the id exists.
 */
function requireAny(ctx: Ctx, perms: readonly [Permission, ...Permission[]]) {
  const actor = ctx.actor;
  if (!actor || !perms.some((p) => actor.permissions.has(p))) requirePermission(ctx, perms[0]);
}

/** The document and its owner, checked against the actor's permission and facilities. */
async function accessibleDocument(tx: TxCtx, id: string, need: 'read' | 'write') {
  const row = await q.findDocument(tx.db, tx.organizationId, id);
  if (!row) throw notFound('Document');
  requirePermission(tx, permissionFor[row.owner_kind][need]);
  const ownerId = (row.owner_kind === 'patient' ? row.patient_id : row.staff_member_id) as string;
  // The owner's current facility decides, so moving a patient moves who may see their files.
  const owner = await visibleOwner(tx, row.owner_kind, ownerId).catch((err) => {
    throw err instanceof AppError && err.code === 'not_found' ? notFound('Document') : err;
  });
  return { row, owner };
}

export type DocumentContent = { document: StoredDocument; bytes: Buffer };

/**
 * The file, audited with the document's and the owner's ids. The checksum is verified on every
 * download: files are at most a few megabytes, hashing them costs milliseconds, and a card image
 * that changed on disk (bit rot, a restore gone wrong, someone editing the data directory) must
 * not be sent to a payer as if it were the one uploaded.
 */
export async function downloadDocument(ctx: Ctx, id: string): Promise<DocumentContent> {
  requireAny(ctx, ['patients:read', 'staff:read']);
  return inTransaction(ctx, async (tx) => {
    const { row, owner } = await accessibleDocument(tx, id, 'read');
    let bytes: Buffer;
    try {
      bytes = await readDocumentFile(documentPath(ctx.config.dataDir, ctx.organizationId, row.id));
    } catch {
      ctx.log.error({ documentId: row.id }, 'document file missing');
      throw new AppError('unavailable', 'The file of this document is missing from the data directory; restore it from a backup');
    }
    if (createHash('sha256').update(bytes).digest('hex') !== row.sha256) {
      ctx.log.error({ documentId: row.id }, 'document file does not match its checksum');
      throw new AppError('unavailable', 'The stored file does not match its checksum; restore it from a backup');
    }
    await recordAudit(tx, {
      action: 'document.download',
      entityType: 'document',
      entityId: row.id,
      ...ownerAudit(owner),
      details: { ownerKind: owner.kind, ownerId: owner.id, kind: row.kind, sha256: row.sha256 },
    });
    return { document: toDocument(row), bytes };
  });
}

/** Withdraws a document (wrong patient, illegible): kept with who and why, hidden from the usual list. */
export async function retractDocument(ctx: Ctx, id: string, input: RetractDocumentRequest): Promise<StoredDocument> {
  requireAny(ctx, ['patients:write', 'staff:write']);
  return inTransaction(ctx, async (tx) => {
    const { row, owner } = await accessibleDocument(tx, id, 'write');
    const actor = tx.actor;
    const by = actor && actor.via !== 'system' ? actor.userId : null;
    const result = await q.retractDocument(tx.db, ctx.organizationId, row.id, by, input.reason, ctx.clock.now());
    if (Number(result.numUpdatedRows) === 0) throw new AppError('conflict', 'This document was already retracted');
    // The reason stays out of the audit details: it may name the patient it really belonged to.
    await recordAudit(tx, {
      action: 'document.retract',
      entityType: 'document',
      entityId: row.id,
      ...ownerAudit(owner),
      details: { ownerKind: owner.kind, ownerId: owner.id, kind: row.kind },
    });
    const updated = await q.findDocument(tx.db, ctx.organizationId, row.id);
    if (!updated) throw notFound('Document');
    return toDocument(updated);
  });
}
