// The staff module's public surface. isQualified is what scheduling and rostering ask before
// putting someone on a shift or booking them as a provider.
export type { HeldCredential, Qualification, QualificationPerson, Requirement } from './domain/qualification.js';
export { isQualified, isQualifiedForAll } from './domain/qualification.js';
export { staffRoutes } from './routes.js';
export { type SeedAccount, seedCredentialCatalogue, seedStaff } from './seed.js';
export { staffCards } from './service/compliance.js';
export { importLeie, type LeieImportResult } from './service/leie-import.js';
export {
  listProviders,
  PROVIDER_POSITIONS,
  type ProviderOption,
  type ProviderProfile,
  providerProfile,
  staffNames,
} from './service/providers.js';
export { exclusionRescreenJob } from './service/screening-job.js';
