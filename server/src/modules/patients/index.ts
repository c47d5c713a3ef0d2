// The patients module's public surface: routes, the dashboard cards and the demo data, and the
// write use cases the FHIR facade and its import call (same rules, duplicate check and audit).

export { activePatientIds, type PatientContact, type PatientLabel, patientContacts, patientLabels } from './lookup.js';
export { addCoverage, updateCoverage } from './records-service.js';
export { findPatientRef, type PatientRef, patientsWithCoverage } from './refs.js';
export { patientRoutes } from './routes.js';
export { seedPatients } from './seed.js';
export { type CreatePatientResult, createPatient, patientCards, updatePatient } from './service.js';
