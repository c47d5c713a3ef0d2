// The records module: a patient record's life beyond its data: the right-of-access export (FHIR
// Bundle, PDF summary) and retention settings with the computed "retain until" date.

export { accessRequestCards, accessRequestMergeStep } from './access-service.js';
export { recordRoutes } from './routes.js';
