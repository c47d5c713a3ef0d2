// The patients module's public surface: routes, the dashboard cards and the demo data.

export { findPatientRef, type PatientRef, patientsWithCoverage } from './refs.js';
export { patientRoutes } from './routes.js';
export { seedPatients } from './seed.js';
export { patientCards } from './service.js';
