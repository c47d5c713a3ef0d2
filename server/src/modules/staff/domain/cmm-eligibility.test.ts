import { describe, expect, it } from 'vitest';
import { checkCmmEligibility } from './cmm-eligibility.js';

describe('checkCmmEligibility (rules.md 6.1 default rule)', () => {
  it('1.5 years, 30 credits: not eligible (experience)', () => {
    const r = checkCmmEligibility({ yearsExperience: 1.5, credits: 30 });
    expect(r.eligible).toBe(false);
    expect(r.reasons).toEqual(['needs at least 2 years of experience (has 1.5)']);
  });
  it('2 years, 11 credits: not eligible (needs 12)', () => {
    expect(checkCmmEligibility({ yearsExperience: 2, credits: 11 })).toEqual({
      eligible: false,
      creditsNeeded: 12,
      reasons: ['needs 12 credits (has 11)'],
    });
  });
  it('5 years, 9 credits: eligible (needs 9)', () => {
    expect(checkCmmEligibility({ yearsExperience: 5, credits: 9 })).toEqual({ eligible: true, creditsNeeded: 9, reasons: [] });
  });
  it('14 years, 0 credits: eligible', () => {
    expect(checkCmmEligibility({ yearsExperience: 14, credits: 0 })).toEqual({ eligible: true, creditsNeeded: 0, reasons: [] });
  });
  it('follows an edited rule', () => {
    const r = checkCmmEligibility(
      { yearsExperience: 3, credits: 12 },
      { minYearsExperience: 3, creditsRequired: 12, creditsWaivedPerExtraYear: 0 },
    );
    expect(r.eligible).toBe(true);
    expect(
      checkCmmEligibility(
        { yearsExperience: 2.9, credits: 12 },
        { minYearsExperience: 3, creditsRequired: 12, creditsWaivedPerExtraYear: 0 },
      ).eligible,
    ).toBe(false);
  });
});
