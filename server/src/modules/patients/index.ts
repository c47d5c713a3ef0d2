// The patients module's public surface: routes, the dashboard cards and the demo data.
export { activePatientIds, type PatientLabel, patientLabels } from './lookup.js';
export { patientRoutes } from './routes.js';
export { seedPatients } from './seed.js';
export { patientCards } from './service.js';
