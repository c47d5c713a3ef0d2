import type { CapabilityStatement } from '@medplum/fhirtypes';
import { resourceTypes, searchParams, writable } from './search.js';

// What the API supports, generated from the same table the search parser uses.

const definition = (name: string) => (name === '_id' ? 'http://hl7.org/fhir/SearchParameter/Resource-id' : undefined);

export function capabilityStatement(base: string, version: string, date: string): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date,
    publisher: 'ClinicOps',
    kind: 'instance',
    software: { name: 'ClinicOps', version },
    implementation: { description: 'ClinicOps FHIR R4 facade', url: base },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        documentation:
          'Same sign-in as the ClinicOps API: a session cookie (with X-CSRF-Token on writes) or an API token as "Authorization: Bearer". Errors are OperationOutcomes naming the element or parameter. Paging: _count (default 20, at most 100) and _offset, with self/first/next/previous links and the total. Unknown search parameters are refused (400). A Patient create resembling existing patients answers 409 until resent with the header clinicops-confirm-not-duplicate: true.',
        security: { cors: false, description: 'Session cookie or bearer API token; permissions per resource type' },
        resource: resourceTypes.map((type) => ({
          type,
          interaction: [
            { code: 'read' as const },
            { code: 'search-type' as const },
            ...(writable.includes(type) ? [{ code: 'create' as const }, { code: 'update' as const }] : []),
          ],
          versioning: 'no-version' as const,
          readHistory: false,
          updateCreate: false,
          conditionalCreate: false,
          conditionalUpdate: false,
          conditionalDelete: 'not-supported' as const,
          searchParam: searchParams[type].map((p) => ({
            name: p.name,
            type: p.type,
            documentation: p.documentation,
            ...(definition(p.name) ? { definition: definition(p.name) } : {}),
          })),
        })),
      },
    ],
  };
}
