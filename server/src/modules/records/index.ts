// The records module: a patient record's life beyond its data: the right-of-access export (FHIR
// Bundle, PDF summary) and retention settings with the computed "retain until" date.
export { recordRoutes } from './routes.js';
