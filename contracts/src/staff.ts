import { z } from 'zod';
import { Id } from './common.js';

// Staff: people, credentials, continuing education, the compliance matrix and CMM eligibility.

const isoDate = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);
const UsState = z.string().regex(/^[A-Z]{2}$/, 'a two-letter state code');

export const staffPositions = [
  'rn',
  'lpn',
  'cna',
  'medical_assistant',
  'physician',
  'nurse_practitioner',
  'physician_assistant',
  'front_desk',
  'scheduler',
  'biller',
  'coder',
  'office_manager',
  'nursing_home_administrator',
  'director_of_nursing',
  'social_worker',
  'compliance_officer',
] as const;
export const StaffPosition = z.enum(staffPositions);
export type StaffPosition = z.infer<typeof StaffPosition>;

export const EmploymentType = z.enum(['full_time', 'part_time', 'per_diem']);
export type EmploymentType = z.infer<typeof EmploymentType>;
export const Shift = z.enum(['day', 'evening', 'night']);
export type Shift = z.infer<typeof Shift>;

/** A credential's status on a day: what the compliance matrix and the badges show. */
export const CredentialState = z.enum(['valid', 'expiring_90', 'expiring_60', 'expiring_30', 'expired', 'missing', 'unverified']);
export type CredentialState = z.infer<typeof CredentialState>;

export const PayRate = z.object({
  amountCents: z.number().int().min(1).max(100_000_000),
  per: z.enum(['hour', 'year']),
  effectiveFrom: isoDate,
});
export type PayRate = z.infer<typeof PayRate>;

export const StaffMember = z.object({
  id: Id,
  facilityId: Id,
  userId: Id.nullable(),
  firstName: z.string(),
  lastName: z.string(),
  position: StaffPosition,
  employmentType: EmploymentType,
  flsaExempt: z.boolean(),
  department: z.string().nullable(),
  costCenter: z.string().nullable(),
  shift: Shift.nullable(),
  hireDate: isoDate,
  terminationDate: isoDate.nullable(),
  npi: z.string().nullable(),
});
export type StaffMember = z.infer<typeof StaffMember>;

export const StaffListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  facilityId: Id.optional(),
  position: StaffPosition.optional(),
  includeTerminated: z.enum(['true', 'false']).optional(),
});
export type StaffListQuery = z.infer<typeof StaffListQuery>;

const staffFields = {
  facilityId: Id,
  userId: Id.nullable().optional(),
  firstName: text(80),
  lastName: text(80),
  position: StaffPosition,
  employmentType: EmploymentType,
  flsaExempt: z.boolean().optional(),
  department: text(80).nullable().optional(),
  costCenter: text(40).nullable().optional(),
  shift: Shift.nullable().optional(),
  hireDate: isoDate,
  terminationDate: isoDate.nullable().optional(),
  // Format here; the check digit is checked by the server (rules.md section 4).
  npi: z
    .string()
    .regex(/^[0-9]{10}$/, 'must be 10 digits')
    .nullable()
    .optional(),
  // Searched in exclusion screening (rules.md 3.1, 3.3: name and date of birth, all known names).
  dateOfBirth: isoDate.nullable().optional(),
  /** maiden and other former last names */
  formerLastNames: z.array(text(100)).max(10).optional(),
};

export const CreateStaffRequest = z.object({ ...staffFields, payRate: PayRate.optional() });
export type CreateStaffRequest = z.infer<typeof CreateStaffRequest>;

export const UpdateStaffRequest = z.object({
  ...staffFields,
  facilityId: Id.optional(),
  firstName: text(80).optional(),
  lastName: text(80).optional(),
  position: StaffPosition.optional(),
  employmentType: EmploymentType.optional(),
  hireDate: isoDate.optional(),
  /** A new pay rate from its effective date; earlier rates stay as history. */
  payRate: PayRate.optional(),
});
export type UpdateStaffRequest = z.infer<typeof UpdateStaffRequest>;

export const CredentialType = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  family: z.string(),
  category: z.enum(['licence', 'certification', 'registration', 'facility']),
  jurisdiction: z.string().nullable(),
  stateBound: z.boolean(),
  renewalCycleMonths: z.number().int().nullable(),
  ceUnitsRequired: z.number().nullable(),
  ceApprovedMinimum: z.number().nullable(),
  renewalWindowDays: z.number().int().nullable(),
  expiryRule: z.enum(['as_issued', 'end_of_month', 'day_before_anniversary']),
});
export type CredentialType = z.infer<typeof CredentialType>;

export const VerificationMethod = z.enum(['primary_source', 'document', 'attestation']);
export type VerificationMethod = z.infer<typeof VerificationMethod>;

export const Credential = z.object({
  id: Id,
  staffMemberId: Id.nullable(),
  facilityId: Id,
  credentialTypeId: Id,
  typeCode: z.string(),
  typeName: z.string(),
  family: z.string(),
  number: z.string(),
  issuingState: z.string().nullable(),
  issuingBody: z.string().nullable(),
  multistate: z.boolean(),
  issuedOn: isoDate,
  expiresOn: isoDate.nullable(),
  verifiedBy: Id.nullable(),
  verifiedAt: z.string().nullable(),
  verificationMethod: VerificationMethod.nullable(),
  status: z.enum(['active', 'revoked', 'superseded']),
  /** Computed for today in the organization's calendar. */
  state: CredentialState,
  daysLeft: z.number().int().nullable(),
  reasons: z.array(z.string()),
  renewalWindowOpens: isoDate.nullable(),
});
export type Credential = z.infer<typeof Credential>;

const expiryAfterIssue = (v: { issuedOn?: string | undefined; expiresOn?: string | null | undefined }, c: z.RefinementCtx) => {
  if (v.issuedOn && v.expiresOn && v.expiresOn <= v.issuedOn) {
    c.addIssue({ code: 'custom', path: ['expiresOn'], message: 'must be after the issue date' });
  }
};

const credentialFields = {
  number: text(60),
  issuingState: UsState.nullable().optional(),
  issuingBody: text(120).nullable().optional(),
  multistate: z.boolean().optional(),
  issuedOn: isoDate,
  expiresOn: isoDate.nullable().optional(),
};

export const CreateCredentialRequest = z.object({ credentialTypeId: Id, ...credentialFields }).superRefine(expiryAfterIssue);
export type CreateCredentialRequest = z.infer<typeof CreateCredentialRequest>;

export const UpdateCredentialRequest = z
  .object({
    ...credentialFields,
    number: text(60).optional(),
    issuedOn: isoDate.optional(),
    status: z.enum(['active', 'revoked', 'superseded']).optional(),
  })
  .superRefine(expiryAfterIssue);
export type UpdateCredentialRequest = z.infer<typeof UpdateCredentialRequest>;

export const VerifyCredentialRequest = z.object({ method: VerificationMethod });
export type VerifyCredentialRequest = z.infer<typeof VerifyCredentialRequest>;

export const CeCategory = z.enum(['approved', 'recognized', 'general']);
export const CeRecord = z.object({
  id: Id,
  credentialId: Id.nullable(),
  completedOn: isoDate,
  provider: z.string(),
  title: z.string(),
  units: z.number(),
  category: CeCategory,
});
export type CeRecord = z.infer<typeof CeRecord>;

export const CreateCeRecordRequest = z.object({
  credentialId: Id.nullable().optional(),
  completedOn: isoDate,
  provider: text(120),
  title: text(200),
  units: z.number().positive().max(100),
  category: CeCategory,
});
export type CreateCeRecordRequest = z.infer<typeof CreateCeRecordRequest>;

export const CeProgress = z.object({
  credentialId: Id,
  typeName: z.string(),
  cycleStart: isoDate,
  cycleEnd: isoDate,
  unitsEarned: z.number(),
  approvedEarned: z.number(),
  unitsRequired: z.number(),
  approvedMinimum: z.number(),
  complete: z.boolean(),
  projectedNonCompliance: isoDate.nullable(),
  reasons: z.array(z.string()),
});
export type CeProgress = z.infer<typeof CeProgress>;

export const RequirementCell = z.object({
  family: z.string(),
  label: z.string(),
  stateBound: z.boolean(),
  state: CredentialState,
  daysLeft: z.number().int().nullable(),
  reasons: z.array(z.string()),
});
export type RequirementCell = z.infer<typeof RequirementCell>;

export const StaffDetail = StaffMember.extend({
  /** Newest first; empty for readers without staff:write. */
  payRates: z.array(PayRate),
  /** What exclusion screening searches besides the current name; null for readers without staff:write. */
  screeningIdentity: z.object({ dateOfBirth: isoDate.nullable(), formerLastNames: z.array(z.string()) }).nullable(),
  credentials: z.array(Credential),
  ceRecords: z.array(CeRecord),
  ceProgress: z.array(CeProgress),
  requirements: z.array(RequirementCell),
  qualified: z.boolean(),
});
export type StaffDetail = z.infer<typeof StaffDetail>;

export const ComplianceQuery = z.object({
  facilityId: Id.optional(),
  position: StaffPosition.optional(),
  state: CredentialState.optional(),
});
export type ComplianceQuery = z.infer<typeof ComplianceQuery>;

export const ComplianceMatrix = z.object({
  date: isoDate,
  columns: z.array(z.object({ family: z.string(), label: z.string() })),
  rows: z.array(
    z.object({
      staffMemberId: Id,
      name: z.string(),
      position: StaffPosition,
      facilityId: Id,
      qualified: z.boolean(),
      /** One per column; null where the position does not require it. */
      cells: z.array(RequirementCell.nullable()),
    }),
  ),
});
export type ComplianceMatrix = z.infer<typeof ComplianceMatrix>;

export const CmmEligibilityRule = z.object({
  minYearsExperience: z.number().min(0).max(50),
  creditsRequired: z.number().min(0).max(200),
  creditsWaivedPerExtraYear: z.number().min(0).max(200),
});
export type CmmEligibilityRule = z.infer<typeof CmmEligibilityRule>;

export const CmmEligibilityRequest = z.object({
  yearsExperience: z.number().min(0).max(70),
  credits: z.number().min(0).max(500),
  rule: CmmEligibilityRule.optional(),
});
export type CmmEligibilityRequest = z.infer<typeof CmmEligibilityRequest>;

export const CmmEligibilityResult = z.object({
  eligible: z.boolean(),
  creditsNeeded: z.number(),
  reasons: z.array(z.string()),
  rule: CmmEligibilityRule,
});
export type CmmEligibilityResult = z.infer<typeof CmmEligibilityResult>;

/** A credential alert due today: what the daily job mails and the compliance page lists. */
export const StaffAlert = z.object({
  /** names the message: the outbox sends each key once */
  key: z.string(),
  kind: z.enum(['credential_expiring', 'credential_expired', 'ce_at_risk', 'exclusion_review']),
  /** 90, 60 or 30 days before expiry; null for the other kinds */
  threshold: z.number().int().nullable(),
  /** null for a facility's own credential */
  staffMemberId: Id.nullable(),
  facilityId: Id,
  holderName: z.string(),
  credentialId: Id.nullable(),
  label: z.string(),
  dueOn: isoDate,
  daysLeft: z.number().int().nullable(),
  message: z.string(),
});
export type StaffAlert = z.infer<typeof StaffAlert>;

export const SendAlertsRequest = z.object({}).strict();
export type SendAlertsRequest = z.infer<typeof SendAlertsRequest>;

export const AlertRun = z.object({
  alerts: z.number().int(),
  /** new messages in the outbox; alerts mailed before are not mailed again */
  emailsQueued: z.number().int(),
});
export type AlertRun = z.infer<typeof AlertRun>;

/** The organization's CMM rule in use: its own, or the product default (rules.md 6.1). */
export const StoredCmmRule = CmmEligibilityRule.extend({
  isDefault: z.boolean(),
  updatedAt: z.string().nullable(),
});
export type StoredCmmRule = z.infer<typeof StoredCmmRule>;

// Reference pay: published statistics, dated, with their source, so newer figures can be added.
export const PayOccupation = z.enum(['medical_and_health_services_managers']);
export type PayOccupation = z.infer<typeof PayOccupation>;
export const PayIndustry = z.enum([
  'all',
  'government',
  'hospitals',
  'nursing_and_residential_care',
  'physician_offices',
  'outpatient_care',
]);
export type PayIndustry = z.infer<typeof PayIndustry>;

export const PayBenchmark = z.object({
  id: Id,
  occupation: PayOccupation,
  /** the date the figure describes: May 2018 is 2018-05-01 */
  referenceDate: isoDate,
  industry: PayIndustry,
  medianAnnualCents: z.number().int(),
  projectedGrowthPercent: z.number().nullable(),
  projectionPeriod: z.string().nullable(),
  source: z.string(),
  sourceUrl: z.string().nullable(),
  /** shipped with the product (true) or added by the organization */
  shipped: z.boolean(),
});
export type PayBenchmark = z.infer<typeof PayBenchmark>;

export const CreatePayBenchmarkRequest = z.object({
  occupation: PayOccupation,
  referenceDate: isoDate,
  industry: PayIndustry,
  medianAnnualCents: z.number().int().min(100_00).max(10_000_000_00),
  projectedGrowthPercent: z.number().min(-100).max(1000).nullable().optional(),
  projectionPeriod: z
    .string()
    .regex(/^[0-9]{4}-[0-9]{4}$/, 'years as 2018-2028')
    .nullable()
    .optional(),
  source: text(300),
  sourceUrl: z.url().max(500).nullable().optional(),
});
export type CreatePayBenchmarkRequest = z.infer<typeof CreatePayBenchmarkRequest>;

// Facility-level credentials (a CLIA certificate): held by the facility, not a person.
export const CreateFacilityCredentialRequest = z
  .object({ facilityId: Id, credentialTypeId: Id, ...credentialFields })
  .superRefine(expiryAfterIssue);
export type CreateFacilityCredentialRequest = z.infer<typeof CreateFacilityCredentialRequest>;

export const FacilityCredentialsQuery = z.object({ facilityId: Id.optional() });
export type FacilityCredentialsQuery = z.infer<typeof FacilityCredentialsQuery>;
