// Shared by the FHIR API tests: requests, and answers checked for their content type and by the
// third-party validator before a test looks at them.
import type { Bundle, OperationOutcome, Resource } from '@medplum/fhirtypes';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { fhirErrors } from './fhir-validator.js';
import { as, type Session, type testApp } from './helpers.js';

export const FHIR = 'application/fhir+json';

export function fhirClient(app: FastifyInstance) {
  return {
    get: (s: Session | null, url: string) => app.inject({ method: 'GET', url, headers: s ? as(s) : {} }),
    write: (s: Session | null, method: 'POST' | 'PUT', url: string, body: unknown, extra: Record<string, string> = {}) =>
      app.inject({
        method,
        url,
        headers: { ...(s ? as(s) : {}), 'content-type': FHIR, ...extra },
        payload: JSON.stringify(body),
      }),
  };
}

/** The body as a resource, after checking the content type and that the validator accepts it. */
export function resourceOf<T extends Resource>(res: LightMyRequestResponse, status = 200): T {
  expect(res.statusCode, res.body.slice(0, 500)).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
  const body = res.json() as T;
  expect(fhirErrors(body), JSON.stringify(body).slice(0, 300)).toEqual([]);
  if (body.resourceType === 'Bundle')
    for (const e of (body as Bundle).entry ?? []) expect(fhirErrors(e.resource as Resource)).toEqual([]);
  return body;
}

export function outcomeOf(res: LightMyRequestResponse, status: number): OperationOutcome {
  return resourceOf<OperationOutcome>(res, status);
}

export const expressions = (o: OperationOutcome) => (o.issue ?? []).flatMap((i) => i.expression ?? []);

export function patientBody(family: string, extra: Record<string, unknown> = {}) {
  return {
    resourceType: 'Patient',
    name: [{ use: 'official', family, given: ['Wren'] }],
    gender: 'female',
    birthDate: '1984-06-15',
    telecom: [{ system: 'phone', value: '614-555-0199' }],
    address: [{ use: 'home', line: ['9 Birch Rd'], city: 'Columbus', state: 'OH', postalCode: '43004' }],
    ...extra,
  };
}

/** Rows of an organization that a refused write must leave untouched, audit events included. */
export async function counts(db: Awaited<ReturnType<typeof testApp>>['db'], orgId: string) {
  const n = async (table: 'patients' | 'patient_coverages' | 'audit_events') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('organization_id', '=', orgId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { patients: await n('patients'), coverages: await n('patient_coverages'), audit: await n('audit_events') };
}
