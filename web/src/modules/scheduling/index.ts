export { AppointmentLinkPage } from './appointment-link-page';
export { PatientAppointments } from './patient-appointments';
export { SchedulePage } from './schedule-page';
