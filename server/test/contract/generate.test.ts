import { describe, expect, it } from 'vitest';
import {
  type JsonSchema,
  malformedBodies,
  malformedParamValues,
  malformedPathValues,
  oversizedString,
  UNBOUNDED_LENGTH,
  validString,
  validValue,
  wrongTypeValue,
} from './generate.js';
import { multipartOf } from './multipart.js';
import { operationsOf, permissionOf, roleLacking, urlOf } from './openapi.js';

const uuid = { type: 'string', format: 'uuid' } satisfies JsonSchema;
const invite: JsonSchema = {
  type: 'object',
  properties: {
    email: { type: 'string', format: 'email', maxLength: 254 },
    displayName: { type: 'string', minLength: 1, maxLength: 120 },
    roles: { type: 'array', minItems: 1, items: { type: 'string', enum: ['manager', 'staff'] } },
    facilityIds: { type: 'array', minItems: 1, items: uuid },
    password: { type: 'string', minLength: 12, maxLength: 256 },
    active: { type: 'boolean' },
  },
  required: ['email', 'displayName', 'roles', 'facilityIds'],
};
const ids = { uuid: () => '11111111-1111-4111-8111-111111111111', ownId: () => 'own-id', foreignId: () => 'foreign-id' };

describe('valid values', () => {
  it('fills only required properties, with formats, first enum values, minItems and own ids', () => {
    expect(validValue(invite, ids)).toEqual({
      email: 'someone@example.org',
      displayName: 'x',
      roles: ['manager'],
      facilityIds: ['own-id'],
    });
    expect(validValue(invite, { uuid: ids.uuid })).toMatchObject({ facilityIds: ['11111111-1111-4111-8111-111111111111'] });
  });

  it('respects bounds and patterns', () => {
    expect(validValue({ type: 'integer', minimum: 5, maximum: 240 })).toBe(5);
    expect(validValue({ type: 'integer', minimum: 0, exclusiveMinimum: true })).toBe(1);
    expect(validValue({ type: 'number', exclusiveMinimum: 2.5 })).toBe(3.5);
    expect(validString({ type: 'string', minLength: 12 })).toBe('x'.repeat(12));
    expect(validString({ type: 'string', pattern: '^\\d{6}$' })).toBe('000000');
    expect(validValue({ anyOf: [{ type: 'null' }, { type: 'string', format: 'date' }] })).toBe('2024-01-15');
  });
});

describe('malformed values', () => {
  it('picks a value of a type the schema refuses', () => {
    expect(wrongTypeValue({ type: 'string' })).toBe(12345);
    expect(wrongTypeValue({ type: 'integer' })).toBe('wrong-type');
    expect(wrongTypeValue({ type: 'number' })).toBe('wrong-type');
    expect(wrongTypeValue({ type: 'string', nullable: true })).toBe(12345);
    expect(wrongTypeValue({ type: 'boolean' })).toBe(12345);
    expect(wrongTypeValue({})).toBeUndefined();
  });

  it('makes strings one over maxLength, or 100 000 long when unbounded, emails still email-shaped', () => {
    expect(oversizedString({ type: 'string', maxLength: 10 })).toHaveLength(11);
    expect(oversizedString({ type: 'string' })).toHaveLength(UNBOUNDED_LENGTH);
    const email = oversizedString({ type: 'string', format: 'email', maxLength: 254 });
    expect(email).toHaveLength(255);
    expect(email.endsWith('@example.org')).toBe(true);
  });

  it('breaks one property of an otherwise valid body per case, naming it', () => {
    const cases = malformedBodies(invite, ids);
    const names = cases.map((c) => c.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'email: wrong type (12345)',
        'email: oversized string',
        'email: required, missing',
        'roles: item of wrong type (12345)',
        'facilityIds: malformed id item',
        "facilityIds: another organization's id",
        'active: wrong type (12345)',
      ]),
    );
    expect(names).not.toContain('password: required, missing');
    const missing = cases.find((c) => c.name === 'email: required, missing');
    expect(missing?.field).toBe('email');
    expect(missing?.value).toEqual({ displayName: 'x', roles: ['manager'], facilityIds: ['own-id'] });
    const foreign = cases.find((c) => c.name === "facilityIds: another organization's id");
    expect(foreign?.value).toMatchObject({ email: 'someone@example.org', facilityIds: ['foreign-id'] });
    const wrongActive = cases.find((c) => c.name === 'active: wrong type (12345)');
    expect(wrongActive?.value).toMatchObject({ displayName: 'x', active: 12345 });
  });

  it('walks nested objects, creating an optional parent to break its child', () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: { address: { type: 'object', properties: { city: { type: 'string', maxLength: 5 } }, required: ['city'] } },
    };
    const cases = malformedBodies(schema);
    const missingCity = cases.find((c) => c.name === 'address.city: required, missing');
    expect(missingCity).toEqual({ name: 'address.city: required, missing', field: 'city', value: { address: {} } });
    expect(cases.find((c) => c.name === 'address.city: oversized string')?.value).toEqual({ address: { city: 'xxxxxx' } });
  });

  it('breaks query parameters as strings, and leaves out required ones', () => {
    const limit = malformedParamValues({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 500 } });
    expect(limit.map((c) => c.value)).toEqual(['not-a-number', '501', '0', '1.5']);
    const facility = malformedParamValues({ name: 'facilityId', required: true, schema: uuid }, ids);
    expect(facility.map((c) => c.name)).toEqual(
      expect.arrayContaining([
        'facilityId: malformed id "not-a-uuid"',
        'facilityId: given twice',
        "facilityId: another organization's id",
      ]),
    );
    expect(facility.find((c) => c.name === 'facilityId: required, missing')?.value).toBeUndefined();
  });

  it('gives path ids unknown, malformed, badly encoded, oversized and foreign values', () => {
    const values = malformedPathValues({ name: 'id', required: true, schema: uuid }, ids).map((c) => c.value);
    expect(values).toEqual([
      '11111111-1111-4111-8111-111111111111',
      'not-a-uuid',
      "1' OR '1'='1",
      { raw: '%E0%A4%A' },
      'x'.repeat(UNBOUNDED_LENGTH),
      'foreign-id',
    ]);
  });
});

describe('reading the OpenAPI document', () => {
  it('lists operations with their permission, parameters and body', () => {
    const [op] = operationsOf({
      openapi: '3.0.3',
      paths: {
        '/api/users/{id}': {
          patch: {
            summary: 'Change a user (audited; needs users:write)',
            parameters: [{ name: 'id', in: 'path', required: true, schema: uuid }],
            requestBody: { content: { 'application/json': { schema: invite } } },
            responses: { 200: {} },
          },
        },
      },
    });
    expect(op).toMatchObject({ method: 'PATCH', path: '/api/users/{id}', permission: 'users:write', body: invite });
    expect(op?.pathParams).toEqual([{ name: 'id', required: true, schema: uuid }]);
    expect(permissionOf('Own API tokens')).toBeUndefined();
    expect(roleLacking('audit:read')).toBe('front_desk');
    expect(roleLacking('organization:read')).toBeUndefined();
  });

  it('builds URLs, encoding path values unless raw and repeating array query values', () => {
    expect(urlOf('/api/users/{id}/x', { id: "1' OR '1'='1" }, { q: ['a', 'b'], skip: undefined })).toBe(
      "/api/users/1'%20OR%20'1'%3D'1/x?q=a&q=b",
    );
    expect(urlOf('/api/users/{id}', { id: { raw: '%E0%A4%A' } }, {})).toBe('/api/users/%E0%A4%A');
  });

  it('reads a multipart/form-data body (file uploads) with the same schema, marked as multipart', () => {
    const upload = { type: 'object', properties: { kind: { type: 'string' }, file: { type: 'string', format: 'binary' } } };
    const [op] = operationsOf({
      paths: {
        '/api/x/{id}/documents': {
          post: {
            summary: 'Upload (needs patients:write)',
            requestBody: { content: { 'multipart/form-data': { schema: upload } } },
            responses: { 201: {} },
          },
        },
      },
    });
    expect(op).toMatchObject({ body: upload, bodyEncoding: 'multipart', permission: 'patients:write' });
  });
});

describe('multipart encoding', () => {
  const schema = { type: 'object', properties: { kind: { type: 'string' }, file: { type: 'string', format: 'binary' } } };

  it('sends a binary property as a file part and every other value as a text field', async () => {
    const body = await multipartOf({ kind: 'photo_id', file: 'x', n: 12345, o: { wrong: 'type' }, z: null }, schema);
    const text = body?.payload.toString('latin1') ?? '';
    expect(body?.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(text).toMatch(/name="file"; filename="contract-test.bin"\r\nContent-Type: application\/octet-stream\r\n\r\nx\r\n/);
    expect(text).toMatch(/name="kind"\r\n\r\nphoto_id\r\n/);
    expect(text).toMatch(/name="n"\r\n\r\n12345\r\n/);
    expect(text).toMatch(/name="o"\r\n\r\n\{"wrong":"type"\}\r\n/);
    expect(text).toMatch(/name="z"\r\n\r\n\r\n/);
  });

  it('sends a wrong-typed file as a text field, and leaves non-objects to the JSON path', async () => {
    const body = await multipartOf({ file: 12345 }, schema);
    expect(body?.payload.toString('latin1')).not.toContain('filename=');
    expect(await multipartOf(['x'], schema)).toBeUndefined();
    expect(await multipartOf(null, schema)).toBeUndefined();
  });
});
