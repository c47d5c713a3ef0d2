// The FHIR module's public surface: the /fhir/R4 routes, the bundle import of the CLI, and the
// mapping of a patient's record to FHIR resources (the right-of-access export builds on it).
export { type RecordParts, type RecordResources, recordResources } from './domain/record-resources.js';
export { describeBundle, summariseImport } from './import-report.js';
export { fhirMergeStep } from './merge-step.js';
export { fhirRoutes, isFhirRequest, sendFhirUrlError } from './routes.js';
export { type BundleOutcome, type FhirImportResult, importFhir } from './service/import.js';
