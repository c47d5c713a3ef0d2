import { randomUUID } from 'node:crypto';
import type {
  CeRecord,
  CreateCeRecordRequest,
  CreateCredentialRequest,
  Credential,
  CredentialType,
  FieldError,
  UpdateCredentialRequest,
  VerifyCredentialRequest,
} from '@clinicops/contracts';
import { recordAudit } from '../../../platform/audit/record.js';
import { type Ctx, inTransaction } from '../../../platform/context.js';
import { notFound } from '../../../platform/errors.js';
import { requirePermission } from '../../../platform/permissions.js';
import { impliedExpiry } from '../domain/renewal.js';
import * as q from '../queries.js';
import { throwIfInvalid, todayIn, visibleStaff } from './common.js';
import { toCeRecord, toCredential, toCredentialType } from './mappers.js';

export async function listCredentialTypes(ctx: Ctx): Promise<CredentialType[]> {
  requirePermission(ctx, 'staff:read');
  return (await q.listCredentialTypes(ctx.db, ctx.organizationId)).map(toCredentialType);
}

const datesInOrder = (issuedOn: string, expiresOn: string | null): FieldError[] =>
  expiresOn !== null && expiresOn <= issuedOn ? [{ field: 'expiresOn', message: 'must be after the issue date' }] : [];

async function credentialAnswer(ctx: Ctx, facilityIds: readonly string[], id: string): Promise<Credential> {
  const [row] = await q.listCredentials(ctx.db, ctx.organizationId, { facilityIds, id });
  if (!row) throw notFound('Credential');
  const [zone] = await q.facilityZones(ctx.db, ctx.organizationId, [row.facility_id]);
  return toCredential(row, todayIn(ctx, zone?.time_zone ?? 'UTC'));
}

export async function addCredential(ctx: Ctx, staffMemberId: string, input: CreateCredentialRequest): Promise<Credential> {
  const actor = requirePermission(ctx, 'staff:write');
  const staff = await visibleStaff(ctx, actor.facilityIds, staffMemberId);
  const type = await q.getCredentialType(ctx.db, ctx.organizationId, input.credentialTypeId);
  if (!type) throwIfInvalid([{ field: 'credentialTypeId', message: 'is not in the credential catalogue' }]);
  // Where the catalogue knows how the expiry follows from the issue date (AHA cards, CLIA), it
  // fills in a missing one; state boards print their own.
  const expiresOn =
    input.expiresOn ?? (type ? impliedExpiry(type.expiry_rule, input.issuedOn, type.renewal_cycle_months) : null) ?? null;
  throwIfInvalid(datesInOrder(input.issuedOn, expiresOn));
  const id = randomUUID();
  await inTransaction(ctx, async (tx) => {
    await q.insertCredential(tx.db, {
      id,
      organization_id: ctx.organizationId,
      facility_id: staff.facility_id,
      staff_member_id: staffMemberId,
      credential_type_id: input.credentialTypeId,
      number: input.number,
      issuing_state: input.issuingState ?? type?.jurisdiction ?? null,
      issuing_body: input.issuingBody ?? null,
      multistate: input.multistate ?? false,
      issued_on: input.issuedOn,
      expires_on: expiresOn,
    });
    // A renewal recorded as a new credential retires the one it renews, so the old expiry no
    // longer shows as a lapse.
    const superseded = expiresOn
      ? (await q.supersedeOlder(tx.db, ctx.organizationId, staffMemberId, input.credentialTypeId, expiresOn)).map((r) => r.id)
      : [];
    await recordAudit(tx, {
      action: 'staff.credential.create',
      entityType: 'staff_credential',
      entityId: id,
      facilityId: staff.facility_id,
      details: { staffMemberId, credentialTypeId: input.credentialTypeId, issuedOn: input.issuedOn, expiresOn, superseded },
    });
  });
  return credentialAnswer(ctx, actor.facilityIds, id);
}

export async function updateCredential(ctx: Ctx, id: string, input: UpdateCredentialRequest): Promise<Credential> {
  const actor = requirePermission(ctx, 'staff:write');
  await inTransaction(ctx, async (tx) => {
    const [current] = await q.listCredentials(tx.db, ctx.organizationId, { facilityIds: actor.facilityIds, id });
    if (!current) throw notFound('Credential');
    const issuedOn = input.issuedOn ?? current.issued_on;
    const expiresOn = input.expiresOn !== undefined ? input.expiresOn : current.expires_on;
    throwIfInvalid(datesInOrder(issuedOn, expiresOn));
    // A changed number or date is a different document: what was verified no longer is.
    const reverify =
      (input.number !== undefined && input.number !== current.number) ||
      issuedOn !== current.issued_on ||
      expiresOn !== current.expires_on;
    await q.updateCredential(tx.db, ctx.organizationId, id, {
      ...(input.number !== undefined ? { number: input.number } : {}),
      ...(input.issuingState !== undefined ? { issuing_state: input.issuingState } : {}),
      ...(input.issuingBody !== undefined ? { issuing_body: input.issuingBody } : {}),
      ...(input.multistate !== undefined ? { multistate: input.multistate } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
      issued_on: issuedOn,
      expires_on: expiresOn,
      ...(reverify ? { verified_at: null, verified_by: null, verification_method: null } : {}),
    });
    await recordAudit(tx, {
      action: 'staff.credential.update',
      entityType: 'staff_credential',
      entityId: id,
      facilityId: current.facility_id,
      details: { changes: input, verificationCleared: reverify && current.verified_at !== null },
    });
  });
  return credentialAnswer(ctx, actor.facilityIds, id);
}

export async function verifyCredential(ctx: Ctx, id: string, input: VerifyCredentialRequest): Promise<Credential> {
  const actor = requirePermission(ctx, 'staff:write');
  await inTransaction(ctx, async (tx) => {
    const [current] = await q.listCredentials(tx.db, ctx.organizationId, { facilityIds: actor.facilityIds, id });
    if (!current) throw notFound('Credential');
    await q.updateCredential(tx.db, ctx.organizationId, id, {
      verified_at: ctx.clock.now(),
      // The seed and jobs act as nobody; the audit event names them instead.
      verified_by: actor.via === 'system' ? null : actor.userId,
      verification_method: input.method,
    });
    await recordAudit(tx, {
      action: 'staff.credential.verify',
      entityType: 'staff_credential',
      entityId: id,
      facilityId: current.facility_id,
      details: { method: input.method },
    });
  });
  return credentialAnswer(ctx, actor.facilityIds, id);
}

export async function addCeRecord(ctx: Ctx, staffMemberId: string, input: CreateCeRecordRequest): Promise<CeRecord> {
  const actor = requirePermission(ctx, 'staff:write');
  const staff = await visibleStaff(ctx, actor.facilityIds, staffMemberId);
  if (input.credentialId) {
    const [credential] = await q.listCredentials(ctx.db, ctx.organizationId, {
      facilityIds: actor.facilityIds,
      id: input.credentialId,
      staffMemberIds: [staffMemberId],
    });
    if (!credential) throwIfInvalid([{ field: 'credentialId', message: 'is not a credential of this person' }]);
  }
  const row = {
    id: randomUUID(),
    organization_id: ctx.organizationId,
    staff_member_id: staffMemberId,
    credential_id: input.credentialId ?? null,
    completed_on: input.completedOn,
    provider: input.provider,
    title: input.title,
    units: input.units,
    category: input.category,
  };
  await inTransaction(ctx, async (tx) => {
    await q.insertCeRecord(tx.db, row);
    await recordAudit(tx, {
      action: 'staff.ce.create',
      entityType: 'ce_record',
      entityId: row.id,
      facilityId: staff.facility_id,
      details: { staffMemberId, units: input.units, category: input.category },
    });
  });
  return toCeRecord({ ...row, units: String(row.units), created_at: new Date() });
}
