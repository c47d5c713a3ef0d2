import type { StaffPosition } from '@clinicops/contracts';

// The credential catalogue every new organization starts with (rules.md 6.2), and which
// credentials each position needs. Data, not code: an organization edits its copy.

type CatalogueEntry = {
  code: string;
  name: string;
  family: string;
  category: 'licence' | 'certification' | 'registration' | 'facility';
  jurisdiction: string | null;
  stateBound: boolean;
  cycleMonths: number | null;
  ceUnits: number | null;
  ceApproved: number | null;
  windowDays: number | null;
  expiryRule: 'as_issued' | 'end_of_month' | 'day_before_anniversary';
};

const stateLicence = (family: string, title: string, states: string[], ceUnits: number | null): CatalogueEntry[] =>
  states.map((state) => ({
    code: `${family}-${state}`,
    name: `${title} (${state})`,
    family,
    category: 'licence',
    jurisdiction: state,
    stateBound: true,
    // Most boards renew every two years, on their own printed date.
    cycleMonths: 24,
    ceUnits,
    ceApproved: null,
    windowDays: null,
    expiryRule: 'as_issued',
  }));

const NEARBY = ['OH', 'IN', 'KY', 'MI', 'PA'];

export const CATALOGUE: CatalogueEntry[] = [
  ...stateLicence('RN', 'RN licence', NEARBY, 24),
  ...stateLicence('LPN', 'LPN licence', NEARBY, 24),
  ...stateLicence('CNA', 'Nurse aide registry', ['OH', 'IN'], null),
  ...stateLicence('MD', 'Physician licence', ['OH'], 50),
  ...stateLicence('APRN', 'APRN licence', ['OH'], 24),
  ...stateLicence('PA', 'Physician assistant licence', ['OH'], 100),
  ...stateLicence('LSW', 'Social work licence', ['OH'], 30),
  ...stateLicence('NHA', 'Nursing home administrator licence', ['OH', 'IN'], 50),
  {
    code: 'DEA',
    name: 'DEA registration',
    family: 'DEA',
    category: 'registration',
    jurisdiction: null,
    stateBound: false,
    cycleMonths: 36,
    ceUnits: null,
    ceApproved: null,
    windowDays: 60,
    expiryRule: 'as_issued',
  },
  ...(['BLS', 'ACLS'] as const).map(
    (family): CatalogueEntry => ({
      code: family,
      name: `${family} provider (AHA)`,
      family,
      category: 'certification',
      jurisdiction: null,
      stateBound: false,
      cycleMonths: 24,
      ceUnits: null,
      ceApproved: null,
      windowDays: null,
      expiryRule: 'end_of_month',
    }),
  ),
  {
    code: 'CLIA-WAIVER',
    name: 'CLIA certificate of waiver',
    family: 'CLIA',
    category: 'facility',
    jurisdiction: null,
    stateBound: false,
    cycleMonths: 24,
    ceUnits: null,
    ceApproved: null,
    windowDays: null,
    expiryRule: 'day_before_anniversary',
  },
  {
    code: 'CMM',
    name: 'Certified Medical Manager (PAHCOM)',
    family: 'CMM',
    category: 'certification',
    jurisdiction: null,
    stateBound: false,
    cycleMonths: 24,
    ceUnits: 24,
    ceApproved: 12,
    windowDays: null,
    expiryRule: 'as_issued',
  },
];

/** Position -> catalogue code; state-bound where the licence must be held in the facility's state. */
export const REQUIREMENTS: [StaffPosition, string, boolean][] = [
  ['rn', 'RN-OH', true],
  ['rn', 'BLS', false],
  ['director_of_nursing', 'RN-OH', true],
  ['director_of_nursing', 'BLS', false],
  ['lpn', 'LPN-OH', true],
  ['lpn', 'BLS', false],
  ['cna', 'CNA-OH', true],
  ['physician', 'MD-OH', true],
  ['physician', 'DEA', false],
  ['physician', 'BLS', false],
  ['nurse_practitioner', 'APRN-OH', true],
  ['nurse_practitioner', 'DEA', false],
  ['nurse_practitioner', 'BLS', false],
  ['physician_assistant', 'PA-OH', true],
  ['physician_assistant', 'BLS', false],
  ['medical_assistant', 'BLS', false],
  ['social_worker', 'LSW-OH', true],
  ['nursing_home_administrator', 'NHA-OH', true],
];
