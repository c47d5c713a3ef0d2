// "Records are never hard-deleted; retention rules are settings" (issue 3). A patient record's
// "retain until" date from the organization's settings. Nothing purges on that date: it tells the
// manager from when the record may be destroyed under their policy.
//
// Figures: ../shared/domain/rules.md has none for medical records themselves. Its 2.2 gives 6 years
// (45 CFR 164.316(b)(2) and 164.530(j)) for HIPAA documentation, which is where the default comes
// from; medical record retention is state law (and payer rules, e.g. Medicare), so the defaults
// are a starting point the manager must set to their state's figures. The rule for minors (kept to
// the age of majority plus some years) is the common shape of those state laws, not a sourced figure.

export type RetentionSettings = {
  adultYearsAfterLastEncounter: number;
  ageOfMajority: number;
  minorYearsAfterMajority: number;
  sourceNote: string | null;
};

export const DEFAULT_RETENTION: RetentionSettings = {
  adultYearsAfterLastEncounter: 6,
  ageOfMajority: 18,
  minorYearsAfterMajority: 6,
  sourceNote:
    "Default: 6 years, the HIPAA documentation period (45 CFR 164.316(b)(2), 164.530(j)). Medical record retention is set by state law: replace with your state's figures.",
};

/** Adds whole years to a plain date; 29 February becomes 28 February in a common year. */
export function addYears(date: string, years: number): string {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  const year = y + years;
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * Keep until `adultYears` after the last encounter (or after the record was opened, when there is
 * none); for a patient who was a minor at that encounter, at least until majority + N years.
 */
export function retainUntil(
  p: { dateOfBirth: string | null; lastEncounterOn: string | null; openedOn: string },
  s: RetentionSettings,
): { retainUntil: string; basis: string } {
  const from = p.lastEncounterOn ?? p.openedOn;
  const adult = addYears(from, s.adultYearsAfterLastEncounter);
  const what = p.lastEncounterOn ? `the last encounter (${from})` : `the record was opened (${from}; no encounters)`;
  // An unknown birth date (a record received over FHIR) cannot tell a minor: say so, rather than
  // guess an age, since the minors' rule could only keep the record longer.
  if (p.dateOfBirth === null) {
    return {
      retainUntil: adult,
      basis: `${s.adultYearsAfterLastEncounter} years after ${what}; the date of birth is unknown, so the rule for minors (which may keep it longer) could not be applied`,
    };
  }
  const majority = addYears(p.dateOfBirth, s.ageOfMajority);
  if (from < majority) {
    const minor = addYears(majority, s.minorYearsAfterMajority);
    if (minor > adult) {
      return {
        retainUntil: minor,
        basis: `A minor at ${p.lastEncounterOn ? 'the last encounter' : 'registration'}: ${s.minorYearsAfterMajority} years after turning ${s.ageOfMajority} (${majority})`,
      };
    }
  }
  return { retainUntil: adult, basis: `${s.adultYearsAfterLastEncounter} years after ${what}` };
}
