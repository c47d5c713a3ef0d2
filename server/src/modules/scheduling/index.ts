// The scheduling module's public surface: routes, the dashboard cards, the demo data and the
// reminder job.
export { appointmentRemindersJob } from './reminder-job.js';
export { schedulingRoutes } from './routes.js';
export { seedSchedule } from './seed.js';
export { schedulingCards } from './visit-service.js';
