import { randomUUID } from 'node:crypto';
import type { CreateFacilityCredentialRequest, Credential, FacilityCredentialsQuery, FieldError } from '@clinicops/contracts';
import { recordAudit } from '../../../platform/audit/record.js';
import { type Ctx, inTransaction } from '../../../platform/context.js';
import { notFound } from '../../../platform/errors.js';
import { requirePermission } from '../../../platform/permissions.js';
import { impliedExpiry } from '../domain/renewal.js';
import * as q from '../queries.js';
import { throwIfInvalid, todayIn } from './common.js';
import { toCredential } from './mappers.js';

// A facility's own credentials (the CLIA certificate of a clinic's lab): held by no person, they
// are renewed, verified and alerted on like anyone's, through the same table and endpoints.

async function answer(ctx: Ctx, facilityIds: readonly string[], opts: { id?: string }): Promise<Credential[]> {
  const rows = await q.listCredentials(ctx.db, ctx.organizationId, { facilityIds, facilityLevel: true, ...opts });
  const zones = new Map(
    (
      await q.facilityZones(
        ctx.db,
        ctx.organizationId,
        rows.map((r) => r.facility_id),
      )
    ).map((f) => [f.id, f.time_zone]),
  );
  return rows.map((r) => toCredential(r, todayIn(ctx, zones.get(r.facility_id) ?? 'UTC')));
}

export async function listFacilityCredentials(ctx: Ctx, query: FacilityCredentialsQuery): Promise<Credential[]> {
  const actor = requirePermission(ctx, 'staff:read');
  // A facility outside the actor's grants filters to nothing rather than revealing whether it exists.
  const facilityIds = query.facilityId ? actor.facilityIds.filter((id) => id === query.facilityId) : actor.facilityIds;
  return answer(ctx, facilityIds, {});
}

export async function addFacilityCredential(ctx: Ctx, input: CreateFacilityCredentialRequest): Promise<Credential> {
  const actor = requirePermission(ctx, 'staff:write');
  const errors: FieldError[] = [];
  if (!actor.facilityIds.includes(input.facilityId))
    errors.push({ field: 'facilityId', message: 'is not a facility you manage' });
  const type = await q.getCredentialType(ctx.db, ctx.organizationId, input.credentialTypeId);
  if (!type) errors.push({ field: 'credentialTypeId', message: 'is not in the credential catalogue' });
  else if (type.category !== 'facility') {
    errors.push({ field: 'credentialTypeId', message: "is a person's credential, not a facility's" });
  }
  throwIfInvalid(errors);
  const expiresOn =
    input.expiresOn ?? (type ? impliedExpiry(type.expiry_rule, input.issuedOn, type.renewal_cycle_months) : null) ?? null;
  if (expiresOn !== null && expiresOn <= input.issuedOn)
    throwIfInvalid([{ field: 'expiresOn', message: 'must be after the issue date' }]);
  const id = randomUUID();
  await inTransaction(ctx, async (tx) => {
    await q.insertCredential(tx.db, {
      id,
      organization_id: ctx.organizationId,
      facility_id: input.facilityId,
      staff_member_id: null,
      credential_type_id: input.credentialTypeId,
      number: input.number,
      issuing_state: input.issuingState ?? type?.jurisdiction ?? null,
      issuing_body: input.issuingBody ?? null,
      multistate: false,
      issued_on: input.issuedOn,
      expires_on: expiresOn,
    });
    // a renewal recorded as a new certificate retires the one it renews
    const superseded = expiresOn
      ? (await q.supersedeOlderOfFacility(tx.db, ctx.organizationId, input.facilityId, input.credentialTypeId, expiresOn)).map(
          (r) => r.id,
        )
      : [];
    await recordAudit(tx, {
      action: 'staff.credential.create',
      entityType: 'staff_credential',
      entityId: id,
      facilityId: input.facilityId,
      details: { facilityLevel: true, credentialTypeId: input.credentialTypeId, issuedOn: input.issuedOn, expiresOn, superseded },
    });
  });
  const [created] = await answer(ctx, actor.facilityIds, { id });
  if (!created) throw notFound('Credential');
  return created;
}
