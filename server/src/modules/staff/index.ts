// The staff module's public surface. isQualified is what scheduling and rostering ask before
// putting someone on a shift or booking them as a provider.

// a facility's calendar date, for modules that need "today" where the facility is
export { dateIn } from './domain/dates.js';
export { isValidNpi } from './domain/npi.js';
export type { HeldCredential, Qualification, QualificationPerson, Requirement } from './domain/qualification.js';
export { isQualified, isQualifiedForAll } from './domain/qualification.js';
export { findStaffRef, licenceSamples, type StaffRef } from './refs.js';
export { type RosterPerson, rosterPeople, staffMemberOfUser } from './roster-refs.js';
export { staffRoutes } from './routes.js';
export { type SeedAccount, seedCredentialCatalogue, seedStaff } from './seed.js';
export { type QualifiedStaffSeed, seedQualifiedStaff } from './seed-roster-staff.js';
export { credentialAlertsJob } from './service/alerts-job.js';
export { staffCards } from './service/compliance.js';
export { importLeie, type LeieImportResult } from './service/leie-import.js';
export {
  type ProviderQualification,
  providerCandidates,
  providerQualifications,
} from './service/provider-qualification.js';
export {
  listProviders,
  PROVIDER_POSITIONS,
  type ProviderOption,
  type ProviderProfile,
  providerProfile,
  staffNames,
} from './service/providers.js';
export { exclusionRescreenJob } from './service/screening-job.js';
export { createStaff } from './service/staff.js';
