export * from './audit.js';
export * from './auth.js';
export * from './documents.js';
export * from './common.js';
export * from './dashboard.js';
export * from './patients.js';
export * from './permissions.js';
export * from './screening.js';
export * from './staff.js';
export * from './users.js';

