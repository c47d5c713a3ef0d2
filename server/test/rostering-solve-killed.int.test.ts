// A server killed while it solves (SIGKILL: no shutdown hook, no cleanup) and a server started
// after it, both real `clinicops serve` processes on a database of their own. The solve's advisory
// lock went with the killed process's connection, so the new server's startup recovery takes it
// and marks the run interrupted; while the first server lived, the same recovery left the run
// alone. Everything the manager sees is asked over HTTP of the servers themselves.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SolveRun } from '@clinicops/contracts';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { generateSecret } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { type OpenedDatabase, openPool } from '../src/db/pool.js';
import { INTERRUPTED_MESSAGE, recoverInterruptedSolves, SOLVE_QUEUE } from '../src/modules/rostering/service/solve-job.js';
import { createTestOrg, freshDatabase, type Session, signIn, systemCtx, testConfig } from './helpers.js';
import { seedSolvableRosters } from './rostering-solve-fixture.js';

const root = path.resolve(import.meta.dirname, '../..');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'clinicops-killed-'));
const encryptionKey = randomBytes(32).toString('base64');
const secret = generateSecret();
let fresh: Awaited<ReturnType<typeof freshDatabase>>;
let database: OpenedDatabase;
let app: FastifyInstance;
let manager: Session;
let rosterId: string;
const servers: Server[] = [];

type Server = { child: ChildProcess; url: string; appName: string; output: () => string; exited: Promise<string> };

/**
 * `clinicops serve` as an operator runs it, working the solve queue. Its database connections
 * carry an application name of their own (PGAPPNAME, read by the pg driver), so that the test can
 * see them in pg_stat_activity. Resolves once it listens, which is after its job recovery ran.
 */
function startServer(): Promise<Server> {
  const appName = `clinicops-killed-${randomUUID().slice(0, 8)}`;
  const child = spawn(process.execPath, [path.join(root, 'bin/clinicops.mjs'), 'serve'], {
    cwd: root,
    // its own process group, so that nothing of it outlives a kill
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      DATABASE_URL: fresh.url,
      HOST: '127.0.0.1',
      PORT: '0',
      CLINICOPS_DATA_DIR: dataDir,
      CLINICOPS_ENCRYPTION_KEY: encryptionKey,
      CLINICOPS_JOBS: SOLVE_QUEUE,
      LOG_LEVEL: 'warn',
      PGAPPNAME: appName,
    },
  });
  let out = '';
  const exited = new Promise<string>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? `exit ${code}`)));
  const server = { child, appName, output: () => out, exited };
  servers.push({ ...server, url: '' }); // for afterAll, should the test fail before it listens
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${out}`)), 60_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const url = /ClinicOps is running at (http:\/\/\S+)/.exec(out)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ ...server, url });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`the server ended (${how}) before it listened:\n${out}`));
    });
  });
}

/** The API of `server`, signed in as the manager (the session lives in PostgreSQL, not in a process). */
async function call(server: Server, method: 'GET' | 'POST', url: string, body?: object) {
  const res = await fetch(`${server.url}${url}`, {
    method,
    headers: {
      cookie: manager.cookie,
      'x-csrf-token': manager.csrf,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, json: (await res.json()) as unknown };
}

const runOf = async (server: Server, runId: string) =>
  (await call(server, 'GET', `/api/rosters/${rosterId}/solve-runs/${runId}`)).json as SolveRun;

/** Database connections of a server, by its application name: how PostgreSQL sees that process. */
const connectionsOf = async (server: Server) =>
  Number(
    (
      await sql<{ n: string }>`SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = ${server.appName}`.execute(
        database.db,
      )
    ).rows[0]?.n,
  );

/** Advisory locks held by a server's connections: the solve's liveness lock among them. */
const advisoryLocksOf = async (server: Server) =>
  Number(
    (
      await sql<{ n: string }>`
        SELECT count(*) AS n FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.granted AND a.application_name = ${server.appName}`.execute(database.db)
    ).rows[0]?.n,
  );

async function until<T>(what: string, probe: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`${what}: still ${JSON.stringify(v)} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  fresh = await freshDatabase();
  database = await openPool(fresh.url, 3);
  // this process only signs the manager in (and looks at the database): the servers do the rest
  app = await buildApp(testConfig(), { db: database.db });
  const org = await createTestOrg(database.db, { mfaSecret: secret });
  manager = await signIn(app, org.users.manager.email, secret);
  [rosterId = ''] = await seedSolvableRosters(systemCtx(database.db, org.id, [org.facilities.a]), org.facilities.a, 1);
});

afterAll(async () => {
  for (const s of servers) {
    if (s.child.exitCode === null && s.child.signalCode === null && s.child.pid) process.kill(-s.child.pid, 'SIGKILL');
    await s.exited;
  }
  await app?.close();
  await database?.close();
  await fresh?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a server killed while it solves', () => {
  it('leaves the run to the next server, which marks it interrupted; nothing is applied', { timeout: 90_000 }, async () => {
    const first = await startServer();
    const started = await call(first, 'POST', `/api/rosters/${rosterId}/solve`, { timeLimitSeconds: 120, seed: 7 });
    expect(started.status, JSON.stringify(started.json)).toBe(202);
    const runId = (started.json as SolveRun).id;
    // the solver thread is at work: its progress reached the row
    const running = await until(
      'the first server solving',
      () => runOf(first, runId),
      (r) => r.status === 'running' && r.objective !== null,
    );
    expect(running.elapsedMs).toBeLessThan(120_000);

    // alive, the first server holds the run's lock, so the recovery a starting server runs leaves
    // the run alone (this process runs it here, through the same code)
    expect(await advisoryLocksOf(first)).toBeGreaterThanOrEqual(1);
    expect(await recoverInterruptedSolves(database.db)).toBe(0);
    expect((await runOf(first, runId)).status).toBe('running');

    if (!first.child.pid) throw new Error('the first server has no pid');
    process.kill(-first.child.pid, 'SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    // nothing ran on the way down: the row still says running
    const left = await database.db.selectFrom('roster_solve_runs').selectAll().where('id', '=', runId).executeTakeFirst();
    expect(left?.status).toBe('running');
    expect(left?.finished_at).toBeNull();
    // PostgreSQL ends the dead process's sessions when their sockets close, and their locks with
    // them; on one machine that is at once, across a network it can take until TCP keepalive
    await until(
      'the killed server’s connections',
      () => connectionsOf(first),
      (n) => n === 0,
    );

    const second = await startServer();
    expect(second.output()).toContain('solves left running by a stopped process were marked interrupted');
    const after = await runOf(second, runId);
    expect(after.status).toBe('interrupted');
    expect(after.error).toBe(INTERRUPTED_MESSAGE);
    // the progress it had made stays on the row, for the message the manager reads
    expect(after.objective).toBeLessThanOrEqual(running.objective ?? -1);
    const latest = await call(second, 'GET', `/api/rosters/${rosterId}/solve-runs?limit=1`);
    expect(latest.status).toBe(200);
    expect(latest.json).toEqual([after]);
    const roster = (await call(second, 'GET', `/api/rosters/${rosterId}`)).json as { assignments: unknown[] };
    expect(roster.assignments).toEqual([]);

    // the roster is free again: a new solve runs to its end on the second server
    const again = await call(second, 'POST', `/api/rosters/${rosterId}/solve`, { timeLimitSeconds: 1, seed: 8 });
    expect(again.status, JSON.stringify(again.json)).toBe(202);
    const done = await until(
      'the second server’s solve',
      () => runOf(second, (again.json as SolveRun).id),
      (r) => r.status !== 'queued' && r.status !== 'running',
    );
    expect(done.status).toBe('done');
  });
});
