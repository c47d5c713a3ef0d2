// The FHIR module's public surface: the /fhir/R4 routes and the bundle import of the CLI.
export { fhirRoutes } from './routes.js';
