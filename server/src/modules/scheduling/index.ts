// The scheduling module's public surface: routes, the dashboard cards and the demo data.
export { appointmentMergeStep, waitlistMergeStep } from './merge-step.js';
export { schedulingRoutes } from './routes.js';
export { seedSchedule } from './seed.js';
export { schedulingCards } from './visit-service.js';
