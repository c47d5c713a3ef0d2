export { activePatientIds, type PatientContact, type PatientLabel, patientContacts, patientLabels } from './lookup.js';
// The patients module's public surface: routes, the dashboard cards and the demo data, and for
// modules that hang data on a patient (encounters, documents): the visibility check and the merge
// step they register so that their rows follow a merged duplicate to the survivor.
export type { MergeStep } from './merge-service.js';
export {
  type PatientRef,
  patientRecordForExport,
  requireNotMerged,
  seedPatientsOf,
  visiblePatientRef,
} from './patient-ref.js';
export { patientRecordRoutes } from './record-routes.js';
export { addCoverage, type RecordCoverageChanges, type RecordCoverageInput, updateCoverage } from './records-service.js';
export { findPatientRef, type PatientCoverageRef, patientsWithCoverage } from './refs.js';
export { patientRoutes } from './routes.js';
export { seedPatients } from './seed.js';
export {
  type CreatePatientResult,
  createPatient,
  patientCards,
  type RecordPatientChanges,
  type RecordPatientInput,
  updatePatient,
} from './service.js';
