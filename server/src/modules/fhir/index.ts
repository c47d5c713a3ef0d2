// The FHIR module's public surface: the /fhir/R4 routes and the bundle import of the CLI.
export { describeBundle, summariseImport } from './import-report.js';
export { fhirMergeStep } from './merge-step.js';
export { fhirRoutes } from './routes.js';
export { type BundleOutcome, type FhirImportResult, importFhir } from './service/import.js';
