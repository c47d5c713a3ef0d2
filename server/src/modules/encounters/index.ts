// The encounters module's public surface: routes, the dashboard cards, the demo data, and the step
// that moves a merged duplicate's encounters to the surviving patient record.
export { encounterRoutes } from './routes.js';
export { seedEncounters } from './seed.js';
export { encounterCards, encounterMergeStep, encountersOf } from './service/index.js';
