// The scheduling module's public surface: routes, the dashboard cards, the demo data, the
// reminder job, and free/busy time for the FHIR facade's Slot.
export { type FreeBusy, resourceFreeBusy } from './free-busy-service.js';
export { indicatorCards } from './indicator-service.js';
export { appointmentMergeStep, waitlistMergeStep } from './merge-step.js';
export { appointmentRemindersJob } from './reminder-job.js';
export { schedulingRoutes } from './routes.js';
export { seedSchedule } from './seed.js';
export { schedulingCards } from './visit-service.js';
