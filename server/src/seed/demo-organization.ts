import type { Role } from '@clinicops/contracts';

// The demo organization of ../shared/PRODUCT.md, entirely synthetic: a family practice and a
// 60-bed nursing home under one organization. Names are invented; emails use the reserved
// example.org domain (RFC 2606) so nothing can be mailed by accident.

export const DEMO_ORGANIZATION = 'Maple & Riverside Health';

export const DEMO_FACILITIES = [
  {
    key: 'clinic',
    name: 'Maple Street Family Practice',
    kind: 'clinic',
    timeZone: 'America/New_York',
    addressLine: '214 Maple Street',
    city: 'Columbus',
    state: 'OH',
    postalCode: '43215',
    beds: null,
  },
  {
    key: 'nursing_home',
    name: 'Riverside Care Center',
    kind: 'nursing_home',
    timeZone: 'America/New_York',
    addressLine: '90 River Road',
    city: 'Dayton',
    state: 'OH',
    postalCode: '45402',
    beds: 60,
  },
] as const;

export type FacilityKey = (typeof DEMO_FACILITIES)[number]['key'];

export type DemoUser = { name: string; title: string; roles: Role[]; facilities: FacilityKey[] };

/** People with accounts; the manager comes first and gets the printed login. */
export const DEMO_USERS: DemoUser[] = [
  { name: 'Dana Whitfield', title: 'Office manager', roles: ['manager'], facilities: ['clinic', 'nursing_home'] },
  // Maple Street Family Practice: 2 physicians, 2 NPs, 1 PA, 4 MAs, 3 front desk, 2 billers
  { name: 'Dr. Samuel Okafor', title: 'Physician (MD)', roles: ['clinician'], facilities: ['clinic'] },
  { name: 'Dr. Helen Marsh', title: 'Physician (DO)', roles: ['clinician'], facilities: ['clinic', 'nursing_home'] },
  { name: 'Priya Raman', title: 'Nurse practitioner', roles: ['clinician'], facilities: ['clinic'] },
  { name: 'Luis Ortega', title: 'Nurse practitioner', roles: ['clinician'], facilities: ['clinic'] },
  { name: 'Megan Doyle', title: 'Physician assistant', roles: ['clinician'], facilities: ['clinic'] },
  { name: 'Tasha Greene', title: 'Medical assistant', roles: ['clinician'], facilities: ['clinic'] },
  { name: 'Kevin Brandt', title: 'Medical assistant', roles: ['clinician'], facilities: ['clinic'] },
  { name: 'Rosa Delgado', title: 'Medical assistant', roles: ['clinician'], facilities: ['clinic'] },
  { name: 'Aaron Fields', title: 'Medical assistant', roles: ['clinician'], facilities: ['clinic'] },
  { name: 'Jenna Park', title: 'Front desk', roles: ['front_desk'], facilities: ['clinic'] },
  { name: 'Marcus Bell', title: 'Front desk', roles: ['front_desk'], facilities: ['clinic'] },
  { name: 'Olivia Chen', title: 'Scheduler', roles: ['front_desk'], facilities: ['clinic'] },
  { name: 'Hannah Kowalski', title: 'Biller', roles: ['billing'], facilities: ['clinic', 'nursing_home'] },
  { name: 'Derek Simmons', title: 'Coder', roles: ['billing'], facilities: ['clinic', 'nursing_home'] },
  // Riverside Care Center
  { name: 'Margaret Ellison', title: 'Licensed nursing home administrator', roles: ['manager'], facilities: ['nursing_home'] },
  { name: 'Nadia Brennan', title: 'Staffing scheduler', roles: ['manager'], facilities: ['nursing_home'] },
  { name: 'Ana Ruiz', title: 'RN, director of nursing', roles: ['clinician'], facilities: ['nursing_home'] },
  { name: 'Brian Foster', title: 'RN charge nurse', roles: ['clinician'], facilities: ['nursing_home'] },
  { name: 'Grace Lin', title: 'LPN', roles: ['clinician'], facilities: ['nursing_home'] },
  { name: 'Tyrone Jackson', title: 'CNA', roles: ['staff'], facilities: ['nursing_home'] },
  { name: 'Maria Santos', title: 'CNA', roles: ['staff'], facilities: ['nursing_home'] },
  { name: 'Emily Novak', title: 'Receptionist', roles: ['front_desk'], facilities: ['nursing_home'] },
  // Oversight
  {
    name: 'Carol Whitman',
    title: 'Privacy and compliance officer',
    roles: ['compliance_auditor'],
    facilities: ['clinic', 'nursing_home'],
  },
];

/** first.last@example.org, without titles or punctuation. */
export function demoEmail(name: string): string {
  const parts = name
    .replace(/^Dr\.\s+/, '')
    .toLowerCase()
    .replace(/[^a-z\s]/g, '')
    .split(/\s+/)
    .filter(Boolean);
  return `${parts.join('.')}@example.org`;
}
