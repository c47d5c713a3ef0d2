export { AppointmentLinkPage } from './appointment-link-page';
export { SchedulePage } from './schedule-page';
