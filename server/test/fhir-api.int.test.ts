// The FHIR R4 facade (/fhir/R4), which is not in the OpenAPI document: the same contract as the
// REST API's walk (401, 403, malformed input named and nothing stored), with OperationOutcomes,
// and every resource it emits checked by a third-party R4 validator (@medplum/core). Patient here;
// Coverage and the read-only resources in fhir-api-records.int.test.ts.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { generateSecret } from 'otplib';
import { beforeAll, describe, expect, it } from 'vitest';
import { expressions, FHIR, fhirClient, outcomeOf, patientBody, resourceOf, counts as rowCounts } from './fhir-test-client.js';
import { as, createTestOrg, type Session, signIn, type TestOrg, testApp } from './helpers.js';

let t: Awaited<ReturnType<typeof testApp>>;
let org: TestOrg;
let other: TestOrg;
let clinician: Session;
let frontDesk: Session;
let staffOnly: Session;
let billing: Session;
let otherClinician: Session;
let get: ReturnType<typeof fhirClient>['get'];
let write: ReturnType<typeof fhirClient>['write'];
const secret = generateSecret();
const tag = () => randomBytes(3).toString('hex');

beforeAll(async () => {
  t = await testApp();
  ({ get, write } = fhirClient(t.app));
  org = await createTestOrg(t.db, { mfaSecret: secret });
  other = await createTestOrg(t.db, { mfaSecret: secret });
  clinician = await signIn(t.app, org.users.clinician.email, secret);
  frontDesk = await signIn(t.app, org.users.front_desk.email, secret);
  staffOnly = await signIn(t.app, org.users.staff.email, secret);
  billing = await signIn(t.app, org.users.billing.email, secret);
  otherClinician = await signIn(t.app, other.users.clinician.email, secret);
});

describe('GET /fhir/R4/metadata', () => {
  it('is a valid CapabilityStatement, readable without signing in', async () => {
    const cs = resourceOf<Resource & { rest?: { resource?: { type: string }[] }[] }>(await get(null, '/fhir/R4/metadata'));
    expect(cs.resourceType).toBe('CapabilityStatement');
    expect(cs.rest?.[0]?.resource?.map((r) => r.type).sort()).toEqual(
      [
        'Appointment',
        'Coverage',
        'Encounter',
        'Location',
        'Organization',
        'Patient',
        'Practitioner',
        'PractitionerRole',
        'Schedule',
        'Slot',
      ].sort(),
    );
  });
});

describe('sign-in and permissions', () => {
  const someId = randomUUID();
  const interactions: [string, 'GET' | 'POST' | 'PUT', string][] = [
    ...[
      'Patient',
      'Coverage',
      'Encounter',
      'Practitioner',
      'PractitionerRole',
      'Organization',
      'Location',
      'Schedule',
      'Slot',
      'Appointment',
    ].flatMap(
      (type) =>
        [
          [type, 'GET', `/fhir/R4/${type}`],
          [type, 'GET', `/fhir/R4/${type}/${someId}`],
        ] as [string, 'GET', string][],
    ),
    ['Patient', 'POST', '/fhir/R4/Patient'],
    ['Patient', 'PUT', `/fhir/R4/Patient/${someId}`],
    ['Coverage', 'POST', '/fhir/R4/Coverage'],
    ['Coverage', 'PUT', `/fhir/R4/Coverage/${someId}`],
  ];

  it('answers 401 with an OperationOutcome to every interaction without credentials', async () => {
    for (const [, method, url] of interactions) {
      const res = method === 'GET' ? await get(null, url) : await write(null, method, url, patientBody('X'));
      const o = outcomeOf(res, 401);
      expect(o.issue?.[0]?.code).toBe('login');
    }
  });

  it('answers 403 to a role without the permission, and audits the denial', async () => {
    // The staff role has neither patients:read, staff:read nor appointments:read; billing has no patients:write.
    const denied: [Session, string, 'GET' | 'POST' | 'PUT', string][] = [
      ...interactions
        .filter(([type, method]) => method === 'GET' && !['Organization', 'Location'].includes(type))
        .map(([type, m, url]) => [staffOnly, type, m, url] as [Session, string, 'GET', string]),
      ...interactions
        .filter(([, method]) => method !== 'GET')
        .map(([type, m, url]) => [billing, type, m, url] as [Session, string, 'POST' | 'PUT', string]),
    ];
    for (const [s, type, method, url] of denied) {
      const res =
        method === 'GET'
          ? await get(s, url)
          : await write(
              s,
              method,
              url,
              type === 'Patient'
                ? patientBody('X', method === 'PUT' ? { id: someId } : {})
                : { resourceType: 'Coverage', id: someId },
            );
      expect(outcomeOf(res, 403).issue?.[0]?.code, `${method} ${url}`).toBe('forbidden');
    }
    const denials = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where('organization_id', '=', org.id)
      .where('action', '=', 'access.denied')
      .execute();
    expect(denials.length).toBeGreaterThanOrEqual(denied.length);
  });

  it('refuses a cookie session without the CSRF header on writes, and accepts an API token', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/fhir/R4/Patient',
      headers: { cookie: clinician.cookie, 'content-type': FHIR },
      payload: JSON.stringify(patientBody('Csrf')),
    });
    expect(outcomeOf(res, 403).issue?.[0]?.code).toBe('security');
    const token = await t.app.inject({
      method: 'POST',
      url: '/api/auth/tokens',
      headers: as(clinician),
      payload: { name: 'fhir client' },
    });
    expect(token.statusCode).toBe(201);
    const bearer = { authorization: `Bearer ${token.json().token}` };
    // Born and reachable otherwise than the patients below, so it is nobody's possible duplicate.
    const family = `Token${tag()}`;
    const created = await t.app.inject({
      method: 'POST',
      url: '/fhir/R4/Patient',
      headers: { ...bearer, 'content-type': 'application/json' },
      payload: JSON.stringify(patientBody(family, { birthDate: '1999-09-09', telecom: undefined })),
    });
    const p = resourceOf<Resource>(created, 201);
    const read = await t.app.inject({ method: 'GET', url: `/fhir/R4/Patient/${p.id}`, headers: bearer });
    expect(resourceOf<Resource>(read).id).toBe(p.id);
  });

  it('answers 406 to a client that accepts only XML, and 404 to unknown types and ids', async () => {
    const xml = await t.app.inject({
      method: 'GET',
      url: '/fhir/R4/Patient',
      headers: { ...as(clinician), accept: 'application/fhir+xml' },
    });
    outcomeOf(xml, 406);
    outcomeOf(await get(clinician, '/fhir/R4/Observation'), 404);
    expect(expressions(outcomeOf(await get(clinician, `/fhir/R4/Patient/${randomUUID()}`), 404))).toEqual(['Patient.id']);
    outcomeOf(await get(clinician, '/fhir/R4/Patient/not-a-uuid'), 404);
    outcomeOf(await write(clinician, 'POST', '/fhir/R4/Encounter', { resourceType: 'Encounter' }), 405);
  });

  it('answers a bad percent-encoding in the URL with an OperationOutcome, not problem+json, without echoing it', async () => {
    for (const url of ['/fhir/R4/Patient/%E0%A4%A', '/fhir/R4/%zzPatient', '/fhir/R4/Patient/Smith%']) {
      const res = await get(clinician, url);
      const o = outcomeOf(res, 400);
      expect(o.issue?.[0]?.code, url).toBe('invalid');
      expect(res.body, url).not.toContain('Smith');
    }
    // The REST API keeps problem+json.
    const rest = await get(clinician, '/api/patients/%E0%A4%A');
    expect(rest.statusCode).toBe(400);
    expect(rest.headers['content-type']).toContain('application/problem+json');
  });
});

describe('Patient: create, read, update, search', () => {
  const family = `Ashgrove${tag()}`;
  let id: string;
  let mrn: string;

  beforeAll(async () => {
    const res = await write(
      frontDesk,
      'POST',
      '/fhir/R4/Patient',
      patientBody(family, { identifier: [{ system: 'http://hl7.org/fhir/sid/us-ssn', value: '912-34-5601' }] }),
    );
    const p = resourceOf<Resource & { identifier?: { system?: string; value?: string }[] }>(res, 201);
    id = p.id as string;
    mrn = p.identifier?.find((i) => i.system === 'https://clinicops.dev/fhir/sid/mrn')?.value as string;
    expect(res.headers.location).toMatch(new RegExp(`/fhir/R4/Patient/${id}$`));
    expect(res.body).not.toContain('912-34-5601');
    expect(res.body).not.toContain('5601');
  });

  it('creates through the patients module: MRN, facility, audit event', async () => {
    expect(mrn).toMatch(/^\d{8}$/);
    const row = await t.db
      .selectFrom('patients')
      .select(['facility_id', 'ssn_last4'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ facility_id: org.facilities.a, ssn_last4: '5601' });
    const events = await t.db.selectFrom('audit_events').select('action').where('entity_id', '=', id).execute();
    expect(events.map((e) => e.action)).toContain('patient.create');
  });

  it('reads it back, audited as a view; another organization gets 404', async () => {
    const p = resourceOf<Resource & { birthDate?: string }>(await get(clinician, `/fhir/R4/Patient/${id}`));
    expect(p.birthDate).toBe('1984-06-15');
    const views = await t.db
      .selectFrom('audit_events')
      .select(['patient_id', 'facility_id'])
      .where('entity_id', '=', id)
      .where('action', '=', 'patient.view')
      .execute();
    expect(views).toEqual([{ patient_id: id, facility_id: org.facilities.a }]);
    outcomeOf(await get(otherClinician, `/fhir/R4/Patient/${id}`), 404);
  });

  it('flags a possible duplicate (409) until the client confirms', async () => {
    const again = patientBody(family);
    const o = outcomeOf(await write(frontDesk, 'POST', '/fhir/R4/Patient', again), 409);
    expect(o.issue?.[0]?.code).toBe('duplicate');
    expect(o.issue?.[0]?.diagnostics).toContain(`Patient/${id}`);
    expect(JSON.stringify(o)).not.toContain(family);
    const confirmed = await write(frontDesk, 'POST', '/fhir/R4/Patient', again, { 'clinicops-confirm-not-duplicate': 'true' });
    resourceOf(confirmed, 201);
  });

  it('updates with PUT (a replace), keeping the SSN the client never saw', async () => {
    const current = resourceOf<Resource & Record<string, unknown>>(await get(clinician, `/fhir/R4/Patient/${id}`));
    const changed = { ...current, birthDate: '1984-06-16', telecom: undefined, active: false };
    const p = resourceOf<Resource & Record<string, unknown>>(await write(clinician, 'PUT', `/fhir/R4/Patient/${id}`, changed));
    expect(p).toMatchObject({ birthDate: '1984-06-16', active: false });
    expect(p.telecom).toBeUndefined();
    const row = await t.db
      .selectFrom('patients')
      .select(['status', 'phone', 'ssn_last4'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'inactive', phone: null, ssn_last4: '5601' });
  });

  it('searches by family, given, name, birthdate prefixes, identifier and _id', async () => {
    const ids = async (query: string) => {
      const b = resourceOf<Bundle>(await get(clinician, `/fhir/R4/Patient?${query}`));
      expect(b.type).toBe('searchset');
      return (b.entry ?? []).map((e) => e.resource?.id);
    };
    expect(await ids(`family=${family.toLowerCase()}`)).toContain(id);
    expect(await ids(`family=${family}&given=wre`)).toContain(id);
    expect(await ids(`family=${family}&given=zz`)).toEqual([]);
    expect(await ids(`name=${family.slice(0, 6)}&birthdate=1984-06-16`)).toContain(id);
    expect(await ids(`family=${family}&birthdate=1984-06`)).toContain(id);
    expect(await ids(`family=${family}&birthdate=ge1984-06-16&birthdate=le1984-06-16`)).toContain(id);
    expect(await ids(`family=${family}&birthdate=gt1984-06-16`)).not.toContain(id);
    expect(await ids(`family=${family}&birthdate=lt1984-06-16`)).not.toContain(id);
    expect(await ids(`family=${family}&birthdate=ne1984`)).not.toContain(id);
    expect(await ids(`identifier=https://clinicops.dev/fhir/sid/mrn|${mrn}`)).toEqual([id]);
    expect(await ids(`identifier=${mrn}`)).toEqual([id]);
    expect(await ids(`identifier=http://other.example|${mrn}`)).toEqual([]);
    expect(await ids(`_id=${id}`)).toEqual([id]);
    const searches = await t.db
      .selectFrom('audit_events')
      .select('details')
      .where('organization_id', '=', org.id)
      .where('action', '=', 'patient.search')
      .execute();
    expect(searches.length).toBeGreaterThan(0);
    expect(JSON.stringify(searches.map((s) => s.details))).not.toContain(family);
  });

  it('pages with _count and links self/next/previous, with the total', async () => {
    const fam = `Pager${tag()}`;
    for (let i = 0; i < 5; i++) {
      resourceOf(
        await write(
          clinician,
          'POST',
          '/fhir/R4/Patient',
          patientBody(fam, { birthDate: `199${i}-01-0${i + 1}`, name: [{ family: fam, given: [`G${i}`] }] }),
          { 'clinicops-confirm-not-duplicate': 'true' },
        ),
        201,
      );
    }
    const seen: string[] = [];
    let url: string | undefined = `/fhir/R4/Patient?family=${fam}&_count=2`;
    let pages = 0;
    while (url) {
      const b: Bundle = resourceOf<Bundle>(await get(clinician, url));
      expect(b.total).toBe(5);
      pages++;
      if (pages === 2) expect(b.link?.find((l) => l.relation === 'previous')).toBeDefined();
      seen.push(...(b.entry ?? []).map((e) => e.resource?.id as string));
      const next = b.link?.find((l) => l.relation === 'next')?.url;
      url = next ? next.replace(/^https?:\/\/[^/]+/, '') : undefined;
    }
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(5);
  });

  it('refuses bad search parameters with 400 naming the parameter', async () => {
    for (const [query, expr] of [
      ['birthdate=1984-13-01', 'birthdate'],
      ['birthdate=soon', 'birthdate'],
      ['colour=red', 'colour'],
      ['_count=0', '_count'],
      ['_count=abc', '_count'],
      ['family:exact=X', 'family:exact'],
    ]) {
      expect(expressions(outcomeOf(await get(clinician, `/fhir/R4/Patient?${query}`), 400)), query).toEqual([expr]);
    }
  });

  it('refuses malformed resources (400) and resources against our rules (422) naming the element, storing nothing', async () => {
    const unknownId = randomUUID();
    const before = await rowCounts(t.db, org.id);
    const cases: [unknown, string[], number][] = [
      [patientBody('Bad', { birthDate: '1984-02-30' }), ['Patient.birthDate'], 422],
      [patientBody('Bad', { birthDate: '2999-01-01' }), ['Patient.birthDate'], 422],
      // A missing family name or birth date is an unknown (fhir-examples.int.test.ts); a too long one is refused.
      [{ ...patientBody('Bad'), name: [{ family: 'X'.repeat(101), given: ['Long'] }] }, ['Patient.name[0].family'], 422],
      [patientBody('Bad', { telecom: [{ system: 'email', value: 'not-an-email' }] }), ['Patient.telecom[0].value'], 422],
      [
        patientBody('Bad', { identifier: [{ system: 'http://hl7.org/fhir/sid/us-ssn', value: '000-12-3456' }] }),
        ['Patient.identifier'],
        422,
      ],
      [{ resourceType: 'Coverage' }, ['Patient.resourceType'], 400],
      [[patientBody('Bad')], ['Patient'], 400],
      [patientBody('Bad', { gender: 'robot' }), ['Patient.gender'], 400],
      [patientBody('Bad', { telecom: { system: 'phone' } }), ['Patient.telecom'], 400],
    ];
    for (const [body, expr, status] of cases) {
      const o = outcomeOf(await write(clinician, 'POST', '/fhir/R4/Patient', body), status);
      expect(expressions(o), JSON.stringify(body).slice(0, 120)).toEqual(expr);
      expect(JSON.stringify(o)).not.toContain('000-12-3456');
    }
    const notJson = await t.app.inject({
      method: 'POST',
      url: '/fhir/R4/Patient',
      headers: { ...as(clinician), 'content-type': FHIR },
      payload: '{"name": "Secret Person"',
    });
    expect(outcomeOf(notJson, 400).issue?.[0]?.diagnostics).not.toContain('Secret');
    outcomeOf(
      await t.app.inject({
        method: 'POST',
        url: '/fhir/R4/Patient',
        headers: { ...as(clinician), 'content-type': 'text/plain' },
        payload: 'x',
      }),
      415,
    );
    expect(
      expressions(
        outcomeOf(await write(clinician, 'PUT', `/fhir/R4/Patient/${id}`, { ...patientBody('Bad'), id: randomUUID() }), 400),
      ),
    ).toEqual(['Patient.id']);
    outcomeOf(await write(clinician, 'PUT', `/fhir/R4/Patient/${unknownId}`, { ...patientBody('Bad'), id: unknownId }), 404);
    // Nothing stored, not even an audit event.
    expect(await rowCounts(t.db, org.id)).toEqual(before);
  });
});
