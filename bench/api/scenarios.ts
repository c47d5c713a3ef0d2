// The requests the benchmark measures (BENCH_SCENARIOS keys), the credentials they use, and the
// checks that each answer is correct.
import { permissions } from '@clinicops/contracts';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../server/src/config.js';
import type { Db } from '../../server/src/db/pool.js';
import { createApiToken } from '../../server/src/platform/auth/tokens.js';
import { systemClock } from '../../server/src/platform/clock.js';
import { systemActor } from '../../server/src/platform/context.js';
import { type BenchOrg, type BenchUser, PASSWORD } from './seed.js';

export type Scenario = {
  key: string;
  name: string;
  url: string;
  headers: Record<string, string>;
  check: (status: number, body: string) => string | null;
};

export type Credentials = {
  tokenUser: BenchUser;
  bearer: Record<string, string>;
  sessionCookie: string;
};

/**
 * The token acts as the compliance auditor (audit:read and users:read, no MFA required). That role
 * lacks self:write, so it cannot make its own token over the API: it is made as `clinicops token
 * create` makes one, by createApiToken under a system actor. The auditor also signs in over HTTP,
 * for the session-cookie scenario.
 */
export async function credentials(
  env: { db: Db; config: Config; log: FastifyBaseLogger },
  org: BenchOrg,
  appUrl: string,
): Promise<Credentials> {
  const tokenUser = org.users.compliance_auditor;
  const created = await createApiToken(
    {
      db: env.db,
      organizationId: org.id,
      actor: systemActor('api benchmark', org.facilityIds, permissions),
      clock: systemClock,
      log: env.log,
      config: env.config,
      requestId: `bench-${Date.now()}`,
      ip: null,
    },
    'api benchmark',
    tokenUser.id,
  );
  const bearer = { authorization: `Bearer ${created.token}` };
  const login = await fetch(`${appUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: tokenUser.email, password: PASSWORD }),
  });
  const loginBody = (await login.json()) as { status?: string };
  if (login.status !== 200 || loginBody.status !== 'ok')
    throw new Error(`sign-in failed: ${login.status} ${JSON.stringify(loginBody)}`);
  const sessionCookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => c.startsWith('clinicops_session='));
  if (!sessionCookie) throw new Error('sign-in gave no session cookie');
  return { tokenUser, bearer, sessionCookie };
}

/** What the list endpoints must return, counted directly in the database. */
export async function expectedCounts(db: Db, organizationId: string): Promise<{ activeUsers: number; auditEvents: number }> {
  const activeUsers = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organization_id', '=', organizationId)
    .where('active', '=', true)
    .executeTakeFirstOrThrow();
  const auditTotal = await db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organization_id', '=', organizationId)
    .executeTakeFirstOrThrow();
  return { activeUsers: Number(activeUsers.n), auditEvents: Number(auditTotal.n) };
}

/** Every scenario, or the subset `only` names (BENCH_SCENARIOS). */
export function scenarios(
  urls: { app: string; bare: string },
  creds: Credentials,
  expected: { activeUsers: number; auditEvents: number },
  only: string[] | null,
): Scenario[] {
  const { tokenUser, bearer, sessionCookie } = creds;
  const appUrl = urls.app;
  const ok = (status: number) => (status === 200 ? null : 'expected HTTP 200');
  const all: Scenario[] = [
    {
      key: 'bare',
      name: 'bare Fastify GET /bare (ceiling)',
      url: `${urls.bare}/bare`,
      headers: {},
      check: ok,
    },
    {
      key: 'health',
      name: 'GET /api/health',
      url: `${appUrl}/api/health`,
      headers: {},
      check: (s, b) => ok(s) ?? (JSON.parse(b).database?.status === 'up' ? null : 'database not up'),
    },
    {
      key: 'me',
      name: 'GET /api/auth/me (token)',
      url: `${appUrl}/api/auth/me`,
      headers: bearer,
      check: (s, b) => ok(s) ?? (JSON.parse(b).user?.id === tokenUser.id ? null : 'not the token user'),
    },
    {
      key: 'me-session',
      name: 'GET /api/auth/me (session cookie)',
      url: `${appUrl}/api/auth/me`,
      headers: { cookie: sessionCookie },
      check: (s, b) => ok(s) ?? (JSON.parse(b).user?.id === tokenUser.id ? null : 'not the session user'),
    },
    {
      key: 'users',
      name: 'GET /api/users (token)',
      url: `${appUrl}/api/users`,
      headers: bearer,
      check: (s, b) => ok(s) ?? (JSON.parse(b).length === expected.activeUsers ? null : 'not every active user listed'),
    },
    {
      key: 'audit',
      name: 'GET /api/audit?limit=50 (token)',
      url: `${appUrl}/api/audit?limit=50`,
      headers: bearer,
      check: (s, b) => {
        const page = JSON.parse(b);
        return ok(s) ?? (page.items?.length === 50 && page.total === expected.auditEvents ? null : 'wrong page or total');
      },
    },
  ];
  const selected = only ? all.filter((s) => only.includes(s.key)) : all;
  if (selected.length === 0) throw new Error('BENCH_SCENARIOS selects nothing');
  return selected;
}
