// The organization module's public surface: facilities and user administration.
export { organizationRoutes } from './routes.js';
export { createUser, listFacilities, organizationCards } from './service.js';
