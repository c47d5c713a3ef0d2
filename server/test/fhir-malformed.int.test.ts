// Generated malformed writes, as the OpenAPI contract walk does for the REST API: every element
// the Patient and Coverage mappings read is broken in turn (wrong JSON type, empty, unknown code,
// a wrongly typed member inside it), and each attempt must be refused with an OperationOutcome
// whose expression names that element, leaving no row and no audit event behind.
import type { OperationOutcome } from '@medplum/fhirtypes';
import { generateSecret } from 'otplib';
import { beforeAll, describe, expect, it } from 'vitest';
import { coverageShape, patientShape } from '../src/modules/fhir/domain/shape.js';
import { counts, fhirClient, patientBody } from './fhir-test-client.js';
import { createTestOrg, type Session, signIn, type TestOrg, testApp } from './helpers.js';

let t: Awaited<ReturnType<typeof testApp>>;
let org: TestOrg;
let s: Session;
let client: ReturnType<typeof fhirClient>;
let patientId: string;

beforeAll(async () => {
  t = await testApp();
  client = fhirClient(t.app);
  const secret = generateSecret();
  org = await createTestOrg(t.db, { mfaSecret: secret });
  s = await signIn(t.app, org.users.clinician.email, secret);
  const p = await client.write(s, 'POST', '/fhir/R4/Patient', patientBody('Malformed'));
  expect(p.statusCode, p.body).toBe(201);
  patientId = p.json().id;
});

type Shape = (typeof patientShape)[string];

/** Wrong values for an element of this shape, each with the element path it should be blamed on. */
function wrongValues(shape: Shape, at: string): { value: unknown; at: string }[] {
  if (shape === 'string')
    return [
      { value: 42, at },
      { value: '', at },
      { value: { a: 1 }, at },
      { value: ['x'], at },
    ];
  if (shape === 'boolean')
    return [
      { value: 'yes', at },
      { value: 1, at },
    ];
  if (shape === 'integer')
    return [
      { value: 1.5, at },
      { value: '1', at },
    ];
  if (shape === 'object')
    return [
      { value: 'x', at },
      { value: [], at },
    ];
  if ('code' in shape)
    return [
      { value: 'not-a-code', at },
      { value: 3, at },
    ];
  if ('array' in shape) {
    const inner = wrongValues(shape.array, `${at}[0]`).slice(0, 2);
    return [
      { value: { a: 1 }, at },
      { value: [], at },
      { value: 'x', at },
      ...inner.map((w) => ({ value: [w.value], at: w.at })),
    ];
  }
  const [first, memberShape] = Object.entries(shape.object)[0] as [string, Shape];
  const inner = wrongValues(memberShape, `${at}.${first}`).slice(0, 1);
  return [{ value: 'x', at }, { value: [1], at }, ...inner.map((w) => ({ value: { [first]: w.value }, at: w.at }))];
}

async function walk(type: 'Patient' | 'Coverage', shape: Record<string, Shape>, valid: () => Record<string, unknown>) {
  const before = await counts(t.db, org.id);
  const problems: string[] = [];
  let attempts = 0;
  for (const [element, elementShape] of Object.entries(shape)) {
    if (element === 'resourceType' || element === 'id') continue;
    for (const w of wrongValues(elementShape, `${type}.${element}`)) {
      attempts++;
      const body = { ...valid(), [element]: w.value };
      const res = await client.write(s, 'POST', `/fhir/R4/${type}`, body, { 'clinicops-confirm-not-duplicate': 'true' });
      const what = `${element}=${JSON.stringify(w.value)}`;
      if (res.statusCode !== 400 && res.statusCode !== 422) {
        problems.push(`${what}: status ${res.statusCode}`);
        continue;
      }
      if (!String(res.headers['content-type']).startsWith('application/fhir+json'))
        problems.push(`${what}: content-type ${res.headers['content-type']}`);
      const o = res.json() as OperationOutcome;
      const named = (o.issue ?? []).flatMap((i) => i.expression ?? []);
      if (!named.some((e) => e === w.at || e.startsWith(`${w.at}.`) || e.startsWith(`${w.at}[`)))
        problems.push(`${what}: expressions ${JSON.stringify(named)} do not name ${w.at}`);
    }
  }
  expect(problems).toEqual([]);
  expect(attempts).toBeGreaterThan(30);
  expect(await counts(t.db, org.id)).toEqual(before);
}

describe('malformed FHIR writes', () => {
  it('every element of a Patient, broken in turn, is refused naming it, and nothing is stored', async () => {
    await walk('Patient', patientShape, () => patientBody('Walk'));
  });

  it('every element of a Coverage, broken in turn, is refused naming it, and nothing is stored', async () => {
    await walk('Coverage', coverageShape, () => ({
      resourceType: 'Coverage',
      status: 'active',
      beneficiary: { reference: `Patient/${patientId}` },
      payor: [{ display: 'Walk Payer' }],
      period: { start: '2025-01-01' },
      order: 1,
    }));
  });
});
