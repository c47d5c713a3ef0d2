import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { type OpenedDatabase, openPool } from '../src/db/pool.js';
import { verifyAuditChains } from '../src/platform/audit/verify.js';
import { as, createTestOrg, freshDatabase, signIn, testConfig } from './helpers.js';

// Tampering breaks the chain for the whole database, so this file works in a database of its own.
let fresh: Awaited<ReturnType<typeof freshDatabase>>;
let database: OpenedDatabase;

beforeAll(async () => {
  fresh = await freshDatabase();
  database = await openPool(fresh.url, 3);
});
afterAll(async () => {
  await database.close();
  await fresh.drop();
});

async function superuser<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: fresh.url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

describe('audit trail', () => {
  it('records user administration and sign-ins, and a viewer can filter them', async () => {
    const app = await buildApp(testConfig(), { db: database.db });
    const org = await createTestOrg(database.db);
    const s = await signIn(app, org.users.front_desk.email);
    const denied = await app.inject({ method: 'GET', url: '/api/users', headers: as(s) });
    expect(denied.statusCode).toBe(403);
    const auditor = await signIn(app, org.users.clinician.email);
    expect((await app.inject({ method: 'GET', url: '/api/audit', headers: as(auditor) })).statusCode).toBe(403);
    // A manager without MFA enrolment is pending; give the compliance auditor the read.
    const a = await signIn(app, org.users.compliance_auditor.email);
    const res = await app.inject({ method: 'GET', url: `/api/audit?userId=${org.users.front_desk.id}`, headers: as(a) });
    expect(res.statusCode).toBe(200);
    const actions = res.json().items.map((e: { action: string; outcome: string }) => `${e.action}:${e.outcome}`);
    expect(actions).toEqual(expect.arrayContaining(['auth.login:success', 'access.denied:denied']));
    const csv = await app.inject({ method: 'GET', url: '/api/audit/export.csv?action=auth.', headers: as(a) });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n')[0]).toContain('occurred_at');
    const exported = await database.db
      .selectFrom('audit_events')
      .select('action')
      .where('organization_id', '=', org.id)
      .where('action', '=', 'audit.export')
      .execute();
    expect(exported).toHaveLength(1);
    await app.close();
  });

  it('keeps writes consistent under concurrency: one unbroken chain', async () => {
    const org = await createTestOrg(database.db);
    const { recordAudit } = await import('../src/platform/audit/record.js');
    const { default: pino } = await import('pino');
    const ctx = {
      db: database.db,
      organizationId: org.id,
      actor: null,
      clock: { now: () => new Date() },
      log: pino({ level: 'silent' }),
      config: testConfig(),
      requestId: 'r',
      ip: null,
    };
    await Promise.all(Array.from({ length: 40 }, (_, i) => recordAudit(ctx, { action: 'test.concurrent', details: { i } })));
    const r = await verifyAuditChains(database.db);
    expect(r.ok).toBe(true);
    const seqs = await database.db
      .selectFrom('audit_events')
      .select('seq')
      .where('organization_id', '=', org.id)
      .orderBy('seq')
      .execute();
    expect(seqs.map((s) => s.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('cannot be changed by the application role', async () => {
    if (!database.restrictedRole) return; // no CREATEROLE on this server: the trigger test below still holds
    await expect(sql`UPDATE audit_events SET action = 'x'`.execute(database.db)).rejects.toThrow(/permission denied|append-only/);
    await expect(sql`DELETE FROM audit_events`.execute(database.db)).rejects.toThrow(/permission denied|append-only/);
  });

  it('refuses updates and deletes even for the owner, through the trigger', async () => {
    await superuser(async (c) => {
      await expect(c.query(`UPDATE audit_events SET action = 'x'`)).rejects.toThrow(/append-only/);
      await expect(c.query('DELETE FROM audit_events')).rejects.toThrow(/append-only/);
    });
  });

  it('verify detects an edited, a deleted and a newest-deleted row, naming the first bad one', async () => {
    expect((await verifyAuditChains(database.db)).ok).toBe(true);
    const target = await database.db
      .selectFrom('audit_events')
      .select(['id', 'organization_id', 'seq'])
      .orderBy('id')
      .limit(1)
      .offset(3)
      .executeTakeFirstOrThrow();
    // By hand, as an attacker with database access would: past the trigger.
    await superuser(async (c) => {
      await c.query("SET session_replication_role = 'replica'");
      await c.query(`UPDATE audit_events SET actor_label = 'someone else' WHERE id = $1`, [target.id]);
    });
    const edited = await verifyAuditChains(database.db);
    expect(edited.ok).toBe(false);
    expect(edited.firstProblem).toMatchObject({ id: target.id, problem: expect.stringContaining('edited') });

    await superuser(async (c) => {
      await c.query("SET session_replication_role = 'replica'");
      await c.query('DELETE FROM audit_events WHERE id = $1', [target.id]);
    });
    const deleted = await verifyAuditChains(database.db);
    expect(deleted.ok).toBe(false);
    expect(deleted.firstProblem?.problem).toMatch(/missing/);
  });

  it('verify detects the newest row deleted, through the recorded chain head', async () => {
    const db2 = await freshDatabase();
    const p2 = await openPool(db2.url, 2);
    try {
      const app = await buildApp(testConfig(), { db: p2.db });
      const org = await createTestOrg(p2.db);
      await signIn(app, org.users.front_desk.email);
      await signIn(app, org.users.clinician.email);
      expect((await verifyAuditChains(p2.db)).ok).toBe(true);
      const c = new pg.Client({ connectionString: db2.url });
      await c.connect();
      await c.query("SET session_replication_role = 'replica'");
      await c.query('DELETE FROM audit_events WHERE id = (SELECT max(id) FROM audit_events)');
      await c.end();
      const r = await verifyAuditChains(p2.db);
      expect(r.ok).toBe(false);
      expect(r.firstProblem?.problem).toMatch(/newest rows deleted/);
      await app.close();
    } finally {
      await p2.close();
      await db2.drop();
    }
  });
});
