// A server killed while it solves (SIGKILL: no shutdown hook, no cleanup), a server that was
// running beside it all along and a server started after it, all real `clinicops serve` processes
// on a database of their own. The solves' advisory locks went with the killed process's
// connections: the server still running finds that out on the next request that meets a run (a
// new solve answers 202, not 409), and the new server's startup recovery on the runs no request
// met. While the first server lived, both left its runs alone. Everything the manager sees is
// asked over HTTP of the servers themselves.
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
import { INTERRUPTED_MESSAGE, SOLVE_QUEUE } from '../src/modules/rostering/service/solve-job.js';
import { createTestOrg, freshDatabase, type Session, signIn, systemCtx, testConfig } from './helpers.js';
import { LONG_SOLVE_SECONDS, seedSolvableRosters } from './rostering-solve-fixture.js';

const root = path.resolve(import.meta.dirname, '../..');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'clinicops-killed-'));
const encryptionKey = randomBytes(32).toString('base64');
const secret = generateSecret();
let fresh: Awaited<ReturnType<typeof freshDatabase>>;
let database: OpenedDatabase;
let app: FastifyInstance;
let manager: Session;
let rosterIds: string[] = [];
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

const runOf = async (server: Server, rosterId: string, runId: string) =>
  (await call(server, 'GET', `/api/rosters/${rosterId}/solve-runs/${runId}`)).json as SolveRun;

/** The roster's latest runs, as the solve panel asks for them. */
const runsOf = async (server: Server, rosterId: string, limit: number) =>
  (await call(server, 'GET', `/api/rosters/${rosterId}/solve-runs?limit=${limit}`)).json as SolveRun[];

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
  rosterIds = await seedSolvableRosters(systemCtx(database.db, org.id, [org.facilities.a]), org.facilities.a, 2);
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
  it('leaves its runs interrupted, to the server still running and to the next to start; nothing is applied', {
    timeout: 90_000,
  }, async () => {
    // a: the roster the running server is asked to solve again; b: no request meets its run
    const [a = '', b = ''] = rosterIds;
    const first = await startServer();
    // two solves on the first server, the only one working the queue yet (its worker takes at least two at once)
    const runIds: string[] = [];
    for (const [rosterId, seed] of [
      [a, 7],
      [b, 9],
    ] as const) {
      const started = await call(first, 'POST', `/api/rosters/${rosterId}/solve`, { timeLimitSeconds: LONG_SOLVE_SECONDS, seed });
      expect(started.status, JSON.stringify(started.json)).toBe(202);
      runIds.push((started.json as SolveRun).id);
    }
    const [runA = '', runB = ''] = runIds;
    // the solver threads are at work: their progress reached the rows
    const running = await until(
      'the first server solving',
      () => Promise.all([runOf(first, a, runA), runOf(first, b, runB)]),
      (rs) => rs.every((r) => r.status === 'running' && r.objective !== null),
    );

    // alive, the first server holds the runs' locks, so a server starting beside it leaves the
    // runs alone, at its startup and on requests that meet them
    expect(await advisoryLocksOf(first)).toBeGreaterThanOrEqual(2);
    const second = await startServer();
    expect(second.output()).not.toContain('marked interrupted');
    expect((await runOf(second, a, runA)).status).toBe('running');
    expect((await runsOf(second, a, 1)).map((r) => [r.id, r.status])).toEqual([[runA, 'running']]);
    const refused = await call(second, 'POST', `/api/rosters/${a}/solve`, { timeLimitSeconds: 1, seed: 8 });
    expect(refused.status).toBe(409);
    expect((refused.json as { detail: string }).detail).toMatch(/already running/);

    if (!first.child.pid) throw new Error('the first server has no pid');
    process.kill(-first.child.pid, 'SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    // nothing ran on the way down: the rows still say running
    const left = await database.db.selectFrom('roster_solve_runs').selectAll().where('id', 'in', runIds).execute();
    expect(left.map((r) => [r.status, r.finished_at])).toEqual([
      ['running', null],
      ['running', null],
    ]);
    // PostgreSQL ends the dead process's sessions when their sockets close, and their locks with
    // them; on one machine that is at once, across a network it can take until TCP keepalive
    await until(
      'the killed server’s connections',
      () => connectionsOf(first),
      (n) => n === 0,
    );

    // the second server, running all along, meets roster a's orphaned run on the manager's next
    // solve: it marks it interrupted and queues the new one
    const again = await call(second, 'POST', `/api/rosters/${a}/solve`, { timeLimitSeconds: 1, seed: 8 });
    expect(again.status, JSON.stringify(again.json)).toBe(202);
    const againId = (again.json as SolveRun).id;
    const [latest, previous] = await runsOf(second, a, 2);
    expect(latest?.id).toBe(againId);
    expect(previous).toMatchObject({ id: runA, status: 'interrupted', error: INTERRUPTED_MESSAGE });
    // the progress it had made stays on the row, for the message the manager reads
    expect(previous?.objective).toBeLessThanOrEqual(running[0].objective ?? -1);
    // roster b's run no request has met yet: still 'running' in the table
    expect(
      (await database.db.selectFrom('roster_solve_runs').select('status').where('id', '=', runB).executeTakeFirst())?.status,
    ).toBe('running');

    // a server started now recovers it as it starts
    const third = await startServer();
    // logged before it listens, but by pino, which writes asynchronously (its default stream is
    // sonic-boom without sync), so the line can reach the pipe after the "running at" line that
    // startServer waits for: a CI run read the output between the two
    await until(
      'the third server’s recovery',
      async () => third.output(),
      (out) => out.includes('solves left running by a stopped process were marked interrupted'),
    );
    const afterB = await runOf(third, b, runB);
    expect(afterB).toMatchObject({ status: 'interrupted', error: INTERRUPTED_MESSAGE });
    expect(await runsOf(third, b, 1)).toEqual([afterB]);
    const rosterB = (await call(third, 'GET', `/api/rosters/${b}`)).json as { assignments: unknown[] };
    expect(rosterB.assignments).toEqual([]);

    // roster a is free again: its new solve runs to its end (on whichever server took it)
    const done = await until(
      'the new solve of roster a',
      () => runOf(second, a, againId),
      (r) => r.status !== 'queued' && r.status !== 'running',
    );
    expect(done.status).toBe('done');
  });
});
