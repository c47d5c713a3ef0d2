import type { Ctx } from '../../platform/context.js';

// What other modules (scheduling) may know of a patient to show them on a list: the name and
// facility, for patients of facilities the caller may see. The caller audits what it shows.

export type PatientLabel = {
  id: string;
  facilityId: string;
  name: string;
  status: 'active' | 'inactive' | 'deceased' | 'merged';
};

export async function patientLabels(
  ctx: Ctx,
  facilityIds: readonly string[],
  ids: readonly string[],
): Promise<Map<string, PatientLabel>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0 || facilityIds.length === 0) return new Map();
  const rows = await ctx.db
    .selectFrom('patients')
    .select(['id', 'facility_id', 'given_name', 'family_name', 'preferred_name', 'status'])
    .where('organization_id', '=', ctx.organizationId)
    .where('facility_id', 'in', [...facilityIds])
    .where('id', 'in', unique)
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        facilityId: r.facility_id,
        // An unknown name (null: a record received over FHIR) reads "unknown", never "null".
        name: `${r.family_name ?? 'unknown'}, ${r.preferred_name ?? r.given_name ?? 'unknown'}`,
        status: r.status,
      },
    ]),
  );
}

/** Active patients' ids of one facility, oldest registration first: for demo and benchmark data. */
export async function activePatientIds(ctx: Ctx, facilityId: string): Promise<string[]> {
  const rows = await ctx.db
    .selectFrom('patients')
    .select('id')
    .where('organization_id', '=', ctx.organizationId)
    .where('facility_id', '=', facilityId)
    .where('status', '=', 'active')
    .orderBy('created_at')
    .orderBy('mrn')
    .execute();
  return rows.map((r) => r.id);
}

export type PatientContact = {
  id: string;
  email: string | null;
  phone: string | null;
  emailConsent: boolean;
  smsConsent: boolean;
};

/**
 * How a patient agreed to be reached, for reminders: the address and number only where the
 * patient consented to that channel, and nothing for patients who are not active.
 */
export async function patientContacts(ctx: Ctx, ids: readonly string[]): Promise<Map<string, PatientContact>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await ctx.db
    .selectFrom('patients')
    .select(['id', 'email', 'phone', 'email_consent', 'sms_consent'])
    .where('organization_id', '=', ctx.organizationId)
    .where('id', 'in', unique)
    .where('status', '=', 'active')
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        email: r.email_consent ? r.email : null,
        phone: r.sms_consent ? r.phone : null,
        emailConsent: r.email_consent,
        smsConsent: r.sms_consent,
      },
    ]),
  );
}
