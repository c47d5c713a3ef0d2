// The compliance module's public surface: audit trail views, emergency-access review.
export { complianceRoutes } from './routes.js';
export { complianceCards, searchAuditLog } from './service.js';
