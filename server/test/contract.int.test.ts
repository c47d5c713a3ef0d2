// The API contract, driven by the OpenAPI document: every operation of every module, including
// modules that land after this file, is checked for sign-in, permission, and that malformed input
// is refused with a problem+json answer that names the field and writes nothing.
import { randomUUID } from 'node:crypto';
import { type Role, roles } from '@clinicops/contracts';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { generateSecret } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changedTables, type Digest, databaseDigester } from './contract/database.js';
import { addRecords, foreignIdFor, kindOf, type OrgRecords, ownIdFor } from './contract/fixtures.js';
import {
  type GenOptions,
  type MalformedCase,
  malformedBodies,
  malformedParamValues,
  malformedPathValues,
  type PathValue,
  type QueryValue,
  validParam,
  validQuery,
  validValue,
} from './contract/generate.js';
import { multipartOf } from './contract/multipart.js';
import {
  isPermission,
  isPublic,
  type OpenApiDocument,
  type Operation,
  operationsOf,
  roleLacking,
  urlOf,
} from './contract/openapi.js';
import { as, createTestOrg, type Session, signIn, testApp } from './helpers.js';

const t = await testApp();
const served = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
// Operations come from the served document; should it not be served, from the same document as
// the app builds it, so that the checks below still run (and the document test says why it failed).
const doc = (served.statusCode === 200 ? served.json() : t.app.swagger()) as OpenApiDocument;
const operations = operationsOf(doc).filter((op) => !isPublic(op.path));

let own: OrgRecords;
let foreign: OrgRecords;
const sessions = {} as Record<Role, Session>;
let digest: () => Promise<Digest>;

beforeAll(async () => {
  // Every user gets the same TOTP secret, so roles that require MFA (manager, billing) sign in.
  const mfaSecret = generateSecret();
  own = await addRecords(t.db, await createTestOrg(t.db, { mfaSecret }));
  foreign = await addRecords(t.db, await createTestOrg(t.db, { mfaSecret }));
  for (const role of roles) sessions[role] = await signIn(t.app, own.org.users[role].email, mfaSecret);
  digest = await databaseDigester(t.db, [own.org.id, foreign.org.id]);
});

afterAll(async () => {
  await t.app.close();
});

// ---------------------------------------------------------------------------------------------
// Requests

type Request = {
  pathValues: Record<string, PathValue>;
  query: Record<string, QueryValue | undefined>;
  /** A JSON value, or a raw payload with its content type. */
  body?: { json: unknown } | { raw: string; contentType: string };
};

function idOptions(op: Operation): GenOptions {
  return {
    uuid: () => randomUUID(),
    ownId: (name) => ownIdFor(own, kindOf(op.path, name)),
    foreignId: (name) => foreignIdFor(foreign, kindOf(op.path, name)),
  };
}

/** A valid-looking request: real ids of the caller's organization where the test has them. */
function validRequest(op: Operation): Request {
  const opts = idOptions(op);
  return {
    pathValues: Object.fromEntries(op.pathParams.map((p) => [p.name, validParam(p, opts)])),
    query: validQuery(op.queryParams, opts),
    ...(op.body ? { body: { json: validValue(op.body, opts) } } : {}),
  };
}

async function send(app: FastifyInstance, op: Operation, req: Request, session?: Session) {
  const headers: Record<string, string> = session ? as(session) : {};
  let payload: string | Buffer | undefined;
  const multipart =
    op.bodyEncoding === 'multipart' && op.body && req.body && 'json' in req.body
      ? await multipartOf(req.body.json, op.body)
      : undefined;
  if (multipart) {
    headers['content-type'] = multipart.contentType;
    payload = multipart.payload;
  } else if (req.body && 'json' in req.body) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(req.body.json);
  } else if (req.body) {
    headers['content-type'] = req.body.contentType;
    payload = req.body.raw;
  }
  return app.inject({
    method: op.method as 'GET',
    url: urlOf(op.path, req.pathValues, req.query),
    headers,
    ...(payload !== undefined ? { payload } : {}),
  });
}

const describeRequest = (op: Operation, req: Request) => {
  const url = urlOf(op.path, req.pathValues, req.query);
  const body = req.body ? ('json' in req.body ? JSON.stringify(req.body.json) : `(${req.body.contentType}) ${req.body.raw}`) : '';
  const short = (s: string) => (s.length > 160 ? `${s.slice(0, 160)}… (${s.length} chars)` : s);
  return `${op.method} ${short(url)}${body ? ` ${short(body)}` : ''}`;
};

/** What is wrong with an answer that should be a problem+json error (empty when nothing). */
function problemIssues(res: LightMyRequestResponse, expected: { status?: number; code?: string; field?: string }): string[] {
  const issues: string[] = [];
  if (expected.status !== undefined && res.statusCode !== expected.status)
    issues.push(`status ${res.statusCode}, expected ${expected.status}`);
  if (!String(res.headers['content-type']).startsWith('application/problem+json')) {
    issues.push(`content-type ${res.headers['content-type']}, expected application/problem+json`);
  }
  let body: { code?: unknown; requestId?: unknown; errors?: { field?: unknown }[] };
  try {
    body = res.json();
  } catch {
    return [...issues, `body is not JSON: ${res.body.slice(0, 200)}`];
  }
  if (typeof body.code !== 'string') issues.push('no code');
  if (expected.code !== undefined && body.code !== expected.code)
    issues.push(`code ${String(body.code)}, expected ${expected.code}`);
  if (typeof body.requestId !== 'string' || body.requestId !== res.headers['x-request-id']) {
    issues.push(`requestId ${String(body.requestId)} does not match x-request-id ${res.headers['x-request-id']}`);
  }
  if (body.code === 'validation') {
    const fields = Array.isArray(body.errors) ? body.errors.map((e) => String(e.field)) : [];
    if (fields.length === 0) issues.push('validation problem without errors[]');
    else if (expected.field && !fields.some((f) => f.includes(expected.field as string))) {
      issues.push(`errors[].field ${JSON.stringify(fields)} do not name ${expected.field}`);
    }
  }
  if (issues.length > 0) issues.push(`answer: ${res.statusCode} ${res.body.slice(0, 160)}`);
  return issues;
}

// ---------------------------------------------------------------------------------------------
// Malformed requests, each breaking one thing of an otherwise valid-looking request

type Attempt = {
  name: string;
  req: Request;
  field?: string;
  /** A 4xx is required; otherwise (an optional query parameter) only "no 5xx, and problem+json when 4xx". */
  strict: boolean;
};

function malformedAttempts(op: Operation): Attempt[] {
  const opts = idOptions(op);
  const valid = validRequest(op);
  const attempts: Attempt[] = [];
  const add = (c: MalformedCase, where: string, req: Partial<Request>, strict: boolean) =>
    attempts.push({ name: `${where} ${c.name}`, req: { ...valid, ...req }, ...(c.field ? { field: c.field } : {}), strict });

  for (const p of op.pathParams) {
    for (const c of malformedPathValues(p, opts))
      add(c, 'path', { pathValues: { ...valid.pathValues, [p.name]: c.value as PathValue } }, true);
  }
  for (const p of op.queryParams) {
    for (const c of malformedParamValues(p, opts)) {
      add(c, 'query', { query: { ...valid.query, [p.name]: c.value as QueryValue | undefined } }, p.required);
    }
  }
  if (op.body) {
    for (const c of malformedBodies(op.body, opts)) add(c, 'body', { body: { json: c.value } }, true);
    const raw = (name: string, body: Request['body']) =>
      attempts.push({ name: `body ${name}`, req: { ...valid, body }, strict: true });
    raw('not JSON', { raw: '{"unterminated', contentType: 'application/json' });
    raw('plain text', { raw: 'just some text', contentType: 'text/plain' });
    raw('empty', { raw: '', contentType: 'application/json' });
    raw('a JSON array', { json: [valid.body && 'json' in valid.body ? valid.body.json : {}] });
    raw('JSON null', { json: null });
    raw('a JSON string', { json: 'text' });
    raw('over the size limit', { json: { filler: 'x'.repeat(1_100_000) } });
  }
  return attempts;
}

// ---------------------------------------------------------------------------------------------

describe('the OpenAPI document', () => {
  it('is served without sign-in at /api/openapi.json', () => {
    expect(served.statusCode, served.body.slice(0, 300)).toBe(200);
    expect(served.headers['content-type']).toContain('application/json');
  });

  it('is valid-looking: OpenAPI 3.x, every operation summarised with a 2xx answer and a known permission', () => {
    expect(doc.openapi).toMatch(/^3\./);
    const all = operationsOf(doc);
    expect(all.length).toBeGreaterThan(0);
    const issues = all.flatMap((op) => [
      ...(op.summary.trim() ? [] : [`${op.method} ${op.path}: no summary`]),
      ...(op.responses.some((s) => /^2(\d\d|XX)$/.test(s)) ? [] : [`${op.method} ${op.path}: no 2xx response`]),
      ...(op.permission && !isPermission(op.permission) ? [`${op.method} ${op.path}: unknown permission ${op.permission}`] : []),
      ...op.pathParams.flatMap((p) =>
        op.path.includes(`{${p.name}}`) ? [] : [`${op.method} ${op.path}: stray path parameter ${p.name}`],
      ),
      ...[...op.path.matchAll(/\{(\w+)\}/g)]
        .filter(([, name]) => !op.pathParams.some((p) => p.name === name))
        .map(([, name]) => `${op.method} ${op.path}: path parameter ${name} undocumented`),
    ]);
    expect(issues).toEqual([]);
  });

  it('serves the API docs without sign-in', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  });
});

describe('every operation', () => {
  it('is found in the document', () => {
    expect(operations.length).toBeGreaterThan(0);
  });

  for (const op of operations) {
    it(`${op.method} ${op.path}`, async () => {
      const failures: string[] = [];
      const note = (what: string, req: Request, issues: string[]) => {
        if (issues.length > 0) failures.push(`${what}: ${describeRequest(op, req)}\n    ${issues.join('\n    ')}`);
      };

      // 1. Without credentials.
      const valid = validRequest(op);
      note('without credentials', valid, problemIssues(await send(t.app, op, valid), { status: 401 }));

      // 2. A role without the permission the summary names (self-service operations name none).
      if (op.permission) {
        expect(isPermission(op.permission), `unknown permission ${op.permission}`).toBe(true);
        const role = isPermission(op.permission) ? roleLacking(op.permission) : undefined;
        if (role) {
          const before = await digest();
          const res = await send(t.app, op, valid, sessions[role]);
          const changed = changedTables(before, await digest());
          note(`as ${role} (lacks ${op.permission})`, valid, [
            ...problemIssues(res, { status: 403, code: 'forbidden' }),
            ...(changed.length ? [`changed the database: ${changed.join(', ')}`] : []),
          ]);
        }
      }

      // 3 and 4. As the manager (every permission), malformed input: a 4xx problem, nothing written.
      for (const attempt of malformedAttempts(op)) {
        const before = await digest();
        const res = await send(t.app, op, attempt.req, sessions.manager);
        const changed = changedTables(before, await digest());
        const issues = changed.length ? [`changed the database: ${changed.join(', ')}`] : [];
        if (res.statusCode >= 400) issues.push(...problemIssues(res, attempt.field ? { field: attempt.field } : {}));
        if (res.statusCode >= 500 || (attempt.strict && res.statusCode < 400)) {
          issues.unshift(`status ${res.statusCode}, expected 4xx: ${res.body.slice(0, 200)}`);
        }
        note(`as manager, ${attempt.name}`, attempt.req, [...new Set(issues)]);
      }

      if (failures.length > 0) expect.fail(`${failures.length} failing request(s):\n${failures.join('\n')}`);
    });
  }
});
