import { type CredentialFacts, type CredentialStatus, credentialStatus, isUsable } from './credential-status.js';

// Whether a person may be put on a shift or booked as a provider, as a pure function so that
// scheduling and rostering ask the same question the compliance matrix answers. Reasons are
// sentences a manager can act on: "RN licence (OH) expired 2026-11-02".

export type HeldCredential = CredentialFacts & {
  /** Groups one credential across states: RN licences of Ohio and Indiana are both family RN. */
  family: string;
  issuingState: string | null;
  /** A Nurse Licensure Compact multistate licence. */
  multistate: boolean;
};

export type QualificationPerson = {
  /** The state of the facility the person works at; state-bound requirements are held there. */
  facilityState: string | null;
  credentials: readonly HeldCredential[];
  /** Listed on an exclusion list (OIG LEIE): never qualified, whatever they hold. */
  excluded?: boolean;
};

export type Requirement = { family: string; label: string; stateBound: boolean };

export type Qualification = { qualified: boolean; reasons: string[] };

const rank: Record<CredentialStatus['state'], number> = {
  valid: 0,
  expiring_90: 1,
  expiring_60: 2,
  expiring_30: 3,
  unverified: 4,
  expired: 5,
  missing: 6,
};

/** The best status among the person's credentials that could satisfy the requirement. */
export function requirementStatus(person: QualificationPerson, requirement: Requirement, date: string): CredentialStatus {
  const family = person.credentials.filter((c) => c.family === requirement.family);
  const state = person.facilityState;
  const candidates = requirement.stateBound && state ? family.filter((c) => c.issuingState === state || c.multistate) : family;
  if (candidates.length === 0) {
    const held = [...new Set(family.map((c) => c.issuingState).filter((s) => s !== null))];
    const where = requirement.stateBound && state ? ` for ${state}` : '';
    const holds = held.length > 0 ? ` (holds ${held.join(', ')})` : '';
    return credentialStatus(null, date, `${requirement.label}${where}${holds}`);
  }
  const statuses = candidates.map((c) => credentialStatus(c, date));
  return statuses.reduce((best, s) => (rank[s.state] < rank[best.state] ? s : best));
}

export function isQualified(person: QualificationPerson, requirement: Requirement, date: string): Qualification {
  const reasons: string[] = person.excluded ? ['listed as excluded from federal health care programs'] : [];
  const status = requirementStatus(person, requirement, date);
  if (!isUsable(status.state)) reasons.push(...status.reasons);
  return { qualified: reasons.length === 0, reasons };
}

/** Every requirement of a position at once, so a refusal lists all that is wrong. */
export function isQualifiedForAll(
  person: QualificationPerson,
  requirements: readonly Requirement[],
  date: string,
): Qualification {
  const results = requirements.map((r) => isQualified(person, r, date));
  // An excluded person is refused even for a position that requires no credential.
  const excluded = person.excluded ? ['listed as excluded from federal health care programs'] : [];
  const reasons = [...new Set([...excluded, ...results.flatMap((r) => r.reasons)])];
  return { qualified: reasons.length === 0, reasons };
}
