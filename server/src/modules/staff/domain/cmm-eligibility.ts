// CMM eligibility as rule data (rules.md 6.1): the certifying body's own rule could not be
// confirmed, so the product ships its default and lets an organization edit the numbers.

export type CmmEligibilityRule = {
  minYearsExperience: number;
  creditsRequired: number;
  /** Credits waived for each whole year of experience beyond the minimum. */
  creditsWaivedPerExtraYear: number;
};

export const DEFAULT_CMM_RULE: CmmEligibilityRule = { minYearsExperience: 2, creditsRequired: 12, creditsWaivedPerExtraYear: 1 };

export type CmmEligibility = { eligible: boolean; creditsNeeded: number; reasons: string[] };

export function checkCmmEligibility(
  applicant: { yearsExperience: number; credits: number },
  rule: CmmEligibilityRule = DEFAULT_CMM_RULE,
): CmmEligibility {
  const extraYears = Math.max(0, Math.floor(applicant.yearsExperience - rule.minYearsExperience));
  const creditsNeeded = Math.max(0, rule.creditsRequired - extraYears * rule.creditsWaivedPerExtraYear);
  const reasons: string[] = [];
  if (applicant.yearsExperience < rule.minYearsExperience) {
    reasons.push(`needs at least ${rule.minYearsExperience} years of experience (has ${applicant.yearsExperience})`);
  }
  if (applicant.credits < creditsNeeded) {
    reasons.push(`needs ${creditsNeeded} credits (has ${applicant.credits})`);
  }
  return { eligible: reasons.length === 0, creditsNeeded, reasons };
}
