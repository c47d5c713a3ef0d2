// Solves as durable pg-boss jobs, on a database of their own (so that no other test file's job
// runner takes these jobs): a solve queued while no process works the queue is done by a runner
// started afterwards; a run left 'running' by a process that is gone is marked interrupted when a
// runner starts or when a request meets it (a new solve, a stop, a read), while a run a live
// process is solving, or a queued one, is left alone; and the database, not a
// check in the service, keeps one active solve per roster. The roster's latest run is what a page
// reloaded mid-solve (or after one) asks for.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { generateSecret } from 'otplib';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { type OpenedDatabase, openPool } from '../src/db/pool.js';
import { solveRoster } from '../src/modules/rostering/domain/solve-phases.js';
import { SOLVE_QUEUE, solveJob } from '../src/modules/rostering/index.js';
import { loadRoster, rosterContext } from '../src/modules/rostering/service/context.js';
import { INTERRUPTED_MESSAGE } from '../src/modules/rostering/service/solve-job.js';
import type { Jobs } from '../src/platform/jobs.js';
import {
  as,
  createTestOrg,
  freshDatabase,
  type Session,
  signIn,
  systemCtx,
  type TestOrg,
  testConfig,
  testJobs,
} from './helpers.js';
import { requireLpEngine } from './rostering-lp-engine.js';
import { LONG_SOLVE_SECONDS, seedSolvableRosters } from './rostering-solve-fixture.js';

const silent = pino({ level: 'silent' });
const secret = generateSecret();
let fresh: Awaited<ReturnType<typeof freshDatabase>>;
let database: OpenedDatabase;
let sender: Jobs;
const runners: Jobs[] = [];
let app: FastifyInstance;
let org: TestOrg;
let manager: Session;
let auditor: Session;
const rosters: string[] = [];

/** A fresh process's job runner: its own pg-boss, working the solve queue (and recovering first). */
async function startRunner(): Promise<Jobs> {
  const runner = await testJobs([SOLVE_QUEUE], fresh.url);
  runners.push(runner);
  await runner.work([solveJob({ db: database.db, config: testConfig(), log: silent })]);
  return runner;
}

/** A run row written straight into the table, past the service: what a process left, or a second active run. */
const insertRun = (rosterId: string, status: 'queued' | 'running', id = randomUUID()) =>
  database.db
    .insertInto('roster_solve_runs')
    .values({
      id,
      organization_id: org.id,
      roster_id: rosterId,
      mode: 'solve',
      status,
      time_limit_ms: 60_000,
      objective: null,
      hard_violations: null,
      iterations: 0,
      error: null,
      started_by: org.users.manager.id,
      finished_at: null,
    })
    .execute();

const api = (method: 'GET' | 'POST', url: string, payload?: object, who = manager) =>
  app.inject({ method, url, headers: as(who), ...(payload ? { payload } : {}) });

const runOf = async (rosterId: string, runId: string) =>
  (await api('GET', `/api/rosters/${rosterId}/solve-runs/${runId}`)).json();

async function waitFor(rosterId: string, runId: string, done: (status: string) => boolean) {
  for (let i = 0; i < 300; i++) {
    const run = await runOf(rosterId, runId);
    if (done(run.status)) return run;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`run ${runId} did not get there`);
}

beforeAll(async () => {
  fresh = await freshDatabase();
  database = await openPool(fresh.url, 5);
  // this process only queues: no worker yet
  sender = await testJobs([SOLVE_QUEUE], fresh.url);
  app = await buildApp(testConfig(), { db: database.db, jobs: sender.queue });
  org = await createTestOrg(database.db, { mfaSecret: secret });
  manager = await signIn(app, org.users.manager.email, secret);
  // a role without rostering:read
  auditor = await signIn(app, org.users.compliance_auditor.email, secret);
  rosters.push(...(await seedSolvableRosters(systemCtx(database.db, org.id, [org.facilities.a]), org.facilities.a, 4)));
});

afterAll(async () => {
  for (const j of [...runners, sender]) await j?.stop();
  await app?.close();
  await database?.close();
  await fresh?.drop();
});

describe('the solvable rosters (rostering-solve-fixture.ts)', () => {
  it('cannot be proven best possible: a solve with the LP engine runs its whole time, one D over', async () => {
    const ctx = systemCtx(database.db, org.id, [org.facilities.a]);
    const rc = await rosterContext(ctx, await loadRoster(ctx, rosters[0] as string));
    const lp = await requireLpEngine();
    let ticks = 0;
    const r = solveRoster(rc.problem, { seed: 1, timeLimitMs: 4000, clock: () => ++ticks, lp });
    expect(r.columnGeneration).toMatchObject({ rootLp: 0, converged: true, optimal: false });
    expect(r.stoppedBy).toBe('time');
    expect(r.evaluation.violations).toEqual([]);
    expect(r.evaluation.objective).toBe(1);
    expect(r.evaluation.breakdown.overCover).toBe(1);
  });
});

describe('solves as background jobs', () => {
  it('a solve queued while no process works the queue is done by a runner started later', async () => {
    const rosterId = rosters[0] ?? '';
    const s = await api('POST', `/api/rosters/${rosterId}/solve`, { timeLimitSeconds: 1, seed: 2 });
    expect(s.statusCode, s.body).toBe(202);
    expect(s.json().status).toBe('queued');
    // the job committed with the run, in pg-boss's table
    const job = await sender.boss.getJobById(SOLVE_QUEUE, s.json().id);
    expect(job?.state).toBe('created');
    await new Promise((r) => setTimeout(r, 300));
    expect((await runOf(rosterId, s.json().id)).status).toBe('queued');
    // queued is not orphaned (no lock to ask: its job waits in PostgreSQL): it still holds the roster
    expect((await api('POST', `/api/rosters/${rosterId}/solve`, { timeLimitSeconds: 1 })).statusCode).toBe(409);
    expect((await runOf(rosterId, s.json().id)).status).toBe('queued');

    await startRunner();
    const run = await waitFor(rosterId, s.json().id, (status) => !['queued', 'running'].includes(status));
    expect(run.status).toBe('done');
    expect(run.error).toBeNull();
    const roster = (await api('GET', `/api/rosters/${rosterId}`)).json();
    expect(roster.assignments.length).toBeGreaterThan(0);
  });

  it('two simultaneous requests start one solve; the database refuses a second active run', async () => {
    const rosterId = rosters[1] ?? '';
    const answers = await Promise.all(
      [5, 6].map((seed) => api('POST', `/api/rosters/${rosterId}/solve`, { timeLimitSeconds: 1, seed })),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([202, 409]);
    const winner = answers.find((a) => a.statusCode === 202)?.json();
    expect(answers.find((a) => a.statusCode === 409)?.json().detail).toMatch(/already running/);
    // past the service's check, straight into the table: the partial unique index says no
    await expect(insertRun(rosterId, 'queued')).rejects.toThrow(/roster_solve_runs_one_active/);
    expect((await waitFor(rosterId, winner.id, (status) => status !== 'queued' && status !== 'running')).status).toBe('done');
  });

  it('on startup a runner marks a run left running by a dead process interrupted, and leaves a live one alone', async () => {
    const [dead, live] = [rosters[1] ?? '', rosters[2] ?? ''];
    // a process claimed this run and died: 'running', and nobody holds its lock (no request
    // meets it before the runner starts; a request would end it itself, see below)
    const deadRun = randomUUID();
    await insertRun(dead, 'running', deadRun);
    // and a live solve in this process: the requests that meet it while it runs leave it alone
    const s = await api('POST', `/api/rosters/${live}/solve`, { timeLimitSeconds: LONG_SOLVE_SECONDS, seed: 3 });
    expect(s.statusCode, s.body).toBe(202);
    await waitFor(live, s.json().id, (status) => status === 'running');
    expect((await api('POST', `/api/rosters/${live}/solve`, { timeLimitSeconds: 1 })).statusCode).toBe(409);

    await startRunner();
    const recovered = await database.db.selectFrom('roster_solve_runs').selectAll().where('id', '=', deadRun).executeTakeFirst();
    expect(recovered?.status).toBe('interrupted');
    expect(recovered?.error).toBe(INTERRUPTED_MESSAGE);
    expect((await runOf(live, s.json().id)).status).toBe('running');

    // the roster is free again, and the live solve still stops
    const again = await api('POST', `/api/rosters/${dead}/solve`, { timeLimitSeconds: 1 });
    expect(again.statusCode, again.body).toBe(202);
    expect((await api('POST', `/api/rosters/${live}/solve-runs/${s.json().id}/stop`)).statusCode).toBe(200);
    expect((await waitFor(live, s.json().id, (status) => status !== 'running')).status).toBe('stopped');
    expect((await waitFor(dead, again.json().id, (status) => status !== 'queued' && status !== 'running')).status).toBe('done');
  });
});

describe('a run whose process is gone, met by a request', () => {
  // each is what a process that claimed the run and died leaves: 'running', nobody holds its lock
  const orphan = async (rosterId: string) => {
    const id = randomUUID();
    await insertRun(rosterId, 'running', id);
    return id;
  };
  const interrupted = { status: 'interrupted', error: INTERRUPTED_MESSAGE };

  it('no longer blocks a new solve: the request marks it interrupted and answers 202', async () => {
    const rosterId = rosters[1] ?? '';
    const dead = await orphan(rosterId);
    const s = await api('POST', `/api/rosters/${rosterId}/solve`, { timeLimitSeconds: 1, seed: 6 });
    expect(s.statusCode, s.body).toBe(202);
    expect(await runOf(rosterId, dead)).toMatchObject(interrupted);
    expect((await waitFor(rosterId, s.json().id, (status) => status !== 'queued' && status !== 'running')).status).toBe('done');
  });

  it('is answered interrupted to a read of it, of the latest run, and to a stop', async () => {
    const rosterId = rosters[1] ?? '';
    expect(await runOf(rosterId, await orphan(rosterId))).toMatchObject(interrupted);
    const latest = await orphan(rosterId);
    const runs = await api('GET', `/api/rosters/${rosterId}/solve-runs?limit=1`);
    expect(runs.json()).toEqual([expect.objectContaining({ id: latest, ...interrupted })]);
    const stopped = await api('POST', `/api/rosters/${rosterId}/solve-runs/${await orphan(rosterId)}/stop`);
    expect(stopped.statusCode, stopped.body).toBe(200);
    expect(stopped.json()).toMatchObject(interrupted);
  });
});

describe('the roster’s latest solve', () => {
  const runsOf = (rosterId: string, query = '', who = manager) =>
    api('GET', `/api/rosters/${rosterId}/solve-runs${query}`, undefined, who);

  it('is none for a roster never solved, and the roster must exist', async () => {
    const rosterId = rosters[3] ?? '';
    const never = await runsOf(rosterId, '?limit=1');
    expect(never.statusCode, never.body).toBe(200);
    expect(never.json()).toEqual([]);
    const unknown = await runsOf(randomUUID(), '?limit=1');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().detail).toBe('Roster was not found');
    const bad = await runsOf(rosterId, '?limit=0');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toMatch(/limit/);
  });

  it('is the running solve while it runs, then the newest finished one, newest first', async () => {
    if (runners.length === 0) await startRunner();
    const rosterId = rosters[3] ?? '';
    const long = (await api('POST', `/api/rosters/${rosterId}/solve`, { timeLimitSeconds: LONG_SOLVE_SECONDS, seed: 4 })).json();
    await waitFor(rosterId, long.id, (status) => status === 'running');
    const running = await runsOf(rosterId, '?limit=1');
    expect(running.statusCode, running.body).toBe(200);
    expect(running.json()).toHaveLength(1);
    expect(running.json()[0]).toMatchObject({ id: long.id, rosterId, status: 'running', timeLimitMs: LONG_SOLVE_SECONDS * 1000 });

    expect((await api('POST', `/api/rosters/${rosterId}/solve-runs/${long.id}/stop`)).statusCode).toBe(200);
    const stopped = await waitFor(rosterId, long.id, (status) => status !== 'running');
    expect(stopped.status).toBe('stopped');
    const short = (await api('POST', `/api/rosters/${rosterId}/solve`, { timeLimitSeconds: 1, seed: 5 })).json();
    const done = await waitFor(rosterId, short.id, (status) => status !== 'queued' && status !== 'running');
    expect(done.status).toBe('done');
    expect(done.objective).not.toBeNull();

    // the latest is the run's own answer, as GET .../solve-runs/:runId gives it
    expect((await runsOf(rosterId, '?limit=1')).json()).toEqual([done]);
    expect((await runsOf(rosterId)).json()).toEqual([done, stopped]);
  });

  it('is refused to a role that may not read rosters', async () => {
    const refused = await runsOf(rosters[3] ?? '', '?limit=1', auditor);
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toMatch(/rostering:read/);
  });
});
