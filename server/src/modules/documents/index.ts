// The documents module's public surface: routes, the data-directory folder backups copy, and the demo files.
export { documentMergeStep } from './merge-step.js';
export { documentRoutes } from './routes.js';
export { seedDocuments } from './seed.js';
export { DOCUMENTS_DIR } from './storage.js';
