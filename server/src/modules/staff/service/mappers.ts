import type {
  CeProgress,
  CeRecord,
  Credential,
  CredentialType,
  RequirementCell,
  StaffMember,
  StaffPosition,
} from '@clinicops/contracts';
import { ceProgress } from '../domain/ce-progress.js';
import { credentialStatus } from '../domain/credential-status.js';
import type { HeldCredential, Requirement } from '../domain/qualification.js';
import { requirementStatus } from '../domain/qualification.js';
import { renewalWindowOpens } from '../domain/renewal.js';
import type * as q from '../queries.js';

type TypeRow = Awaited<ReturnType<typeof q.listCredentialTypes>>[number];
type CeRow = Awaited<ReturnType<typeof q.listCeRecords>>[number];
type RequirementRow = Awaited<ReturnType<typeof q.listRequirements>>[number];

const num = (v: string | null) => (v === null ? null : Number(v));

export const toStaffMember = (r: q.StaffRow): StaffMember => ({
  id: r.id,
  facilityId: r.facility_id,
  userId: r.user_id,
  firstName: r.first_name,
  lastName: r.last_name,
  position: r.position as StaffPosition,
  employmentType: r.employment_type,
  flsaExempt: r.flsa_exempt,
  department: r.department,
  costCenter: r.cost_center,
  shift: r.shift,
  hireDate: r.hire_date,
  terminationDate: r.termination_date,
  npi: r.npi,
});

export const toCredentialType = (r: TypeRow): CredentialType => ({
  id: r.id,
  code: r.code,
  name: r.name,
  family: r.family,
  category: r.category,
  jurisdiction: r.jurisdiction,
  stateBound: r.state_bound,
  renewalCycleMonths: r.renewal_cycle_months,
  ceUnitsRequired: num(r.ce_units_required),
  ceApprovedMinimum: num(r.ce_approved_min),
  renewalWindowDays: r.renewal_window_days,
  expiryRule: r.expiry_rule,
});

export const heldCredential = (r: q.CredentialRow): HeldCredential => ({
  label: r.type_name,
  family: r.family,
  issuingState: r.issuing_state,
  multistate: r.multistate,
  issuedOn: r.issued_on,
  expiresOn: r.expires_on,
  verified: r.verified_at !== null,
  status: r.status,
});

export function toCredential(r: q.CredentialRow, today: string): Credential {
  const s = credentialStatus(heldCredential(r), today);
  return {
    id: r.id,
    staffMemberId: r.staff_member_id,
    facilityId: r.facility_id,
    credentialTypeId: r.credential_type_id,
    typeCode: r.type_code,
    typeName: r.type_name,
    family: r.family,
    number: r.number,
    issuingState: r.issuing_state,
    issuingBody: r.issuing_body,
    multistate: r.multistate,
    issuedOn: r.issued_on,
    expiresOn: r.expires_on,
    verifiedBy: r.verified_by,
    verifiedAt: r.verified_at?.toISOString() ?? null,
    verificationMethod: r.verification_method,
    status: r.status,
    state: s.state,
    daysLeft: s.daysLeft,
    reasons: s.reasons,
    renewalWindowOpens:
      r.expires_on && r.renewal_window_days !== null ? renewalWindowOpens(r.expires_on, r.renewal_window_days) : null,
  };
}

export const toCeRecord = (r: CeRow): CeRecord => ({
  id: r.id,
  credentialId: r.credential_id,
  completedOn: r.completed_on,
  provider: r.provider,
  title: r.title,
  units: Number(r.units),
  category: r.category,
});

/**
 * A requirement is stored against one catalogue entry (RN licence (OH)), but any credential of
 * the same family satisfies it, so its label drops the state: "RN licence".
 */
export const toRequirement = (r: RequirementRow): Requirement & { position: string } => ({
  position: r.position,
  family: r.family,
  label: r.type_name.replace(/\s*\([A-Z]{2}\)$/, ''),
  stateBound: r.state_bound,
});

export function requirementCell(
  person: { facilityState: string | null; credentials: HeldCredential[] },
  req: Requirement,
  today: string,
): RequirementCell {
  const s = requirementStatus(person, req, today);
  return {
    family: req.family,
    label: req.label,
    stateBound: req.stateBound,
    state: s.state,
    daysLeft: s.daysLeft,
    reasons: s.reasons,
  };
}

/** CE progress over the current cycle of each in-date credential that requires CE. */
export function currentCeProgress(
  credentials: readonly q.CredentialRow[],
  ceRecords: readonly CeRecord[],
  today: string,
): CeProgress[] {
  return (
    credentials
      // The current cycles only: a lapsed credential's CE no longer matters.
      .filter(
        (c) =>
          c.status === 'active' &&
          c.expires_on !== null &&
          c.expires_on >= today &&
          c.ce_units_required !== null &&
          c.renewal_cycle_months !== null,
      )
      .map((c) => ({
        credentialId: c.id,
        typeName: c.type_name,
        ...ceProgress(
          ceRecords.filter((r) => r.credentialId === null || r.credentialId === c.id),
          {
            cycleEnd: c.expires_on ?? today,
            cycleMonths: c.renewal_cycle_months ?? 24,
            unitsRequired: Number(c.ce_units_required),
            approvedMinimum: Number(c.ce_approved_min ?? 0),
          },
          today,
        ),
      }))
  );
}
