import os from 'node:os';
import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import type { Config } from '../../../config.js';
import type { Db } from '../../../db/pool.js';
import type { Database } from '../../../db/schema.js';
import { systemClock } from '../../../platform/clock.js';
import { type Ctx, inTransaction, systemActor } from '../../../platform/context.js';
import type { JobDefinition } from '../../../platform/jobs.js';
import * as q from '../solve-run-queries.js';
import { type SolverRun, startSolverWorker } from '../solver-worker.js';
import { fromGrid, loadRoster, rosterContext, toGrid } from './context.js';
import { writeAssignments } from './rosters.js';

// A solve is a pg-boss job: the request queues the run row and the job in one transaction, and a
// worker in whichever process works this queue runs the solver thread and streams its progress
// to the row, which the UI polls.
//
// Liveness: the process solving a run holds a session advisory lock named after it, on a
// connection it keeps for the solve. PostgreSQL drops the lock with the connection when the
// process dies, so "running, and nobody holds its lock" means the process is gone, on any node.
// Two places look: a worker as it starts (every running run), and a request that meets a running
// run (solve, stop, reading the run), so that a run whose process died while the other nodes run
// on does not hold its roster until one of them restarts.
//
// Restart rule: such a run is marked 'interrupted' (it is not re-run). The solver keeps its best
// roster in memory only, so a re-run would start from nothing and show a worse penalty than the
// one the manager last saw, under the same run; a solve that itself brought the process down
// would bring it down again at every start; and solves are interactive (seconds to minutes, the
// manager watching), so one click on Solve starts a fresh one. Runs still queued are not touched:
// their jobs are in PostgreSQL and the next worker takes them.

export const SOLVE_QUEUE = 'rostering-solve';

export const INTERRUPTED_MESSAGE = 'the server solving this stopped while it ran; nothing was applied, start it again';

export const SolveJobData = z.object({ runId: z.uuid(), seed: z.number().int() });
export type SolveJobData = z.infer<typeof SolveJobData>;

type Deps = { db: Db; config: Config; log: Ctx['log'] };

// Solver threads of this process, so that a stop reaches one at once.
const running = new Map<string, SolverRun>();

/** Stops the run's solver if this process is running it; true when it was. */
export function stopLocalRun(runId: string): boolean {
  const run = running.get(runId);
  run?.stop();
  return run !== undefined;
}

// Each solve is a CPU-bound thread and keeps one database connection: a few at once, not one per core.
const CONCURRENCY = Math.min(4, Math.max(2, Math.floor(os.availableParallelism() / 2)));

export function solveJob(deps: Deps): JobDefinition {
  return {
    name: SOLVE_QUEUE,
    concurrency: CONCURRENCY,
    onStart: async () => {
      const n = await recoverInterruptedSolves(deps.db);
      if (n > 0) deps.log.warn({ runs: n }, 'solves left running by a stopped process were marked interrupted');
    },
    handler: async (job) => runQueuedSolve(deps, SolveJobData.parse(job?.data)),
  };
}

const lockKey = (runId: string) => sql`hashtextextended(${`clinicops:solve:${runId}`}, 0)`;

async function tryLock(conn: Kysely<Database>, runId: string): Promise<boolean> {
  const r = await sql<{ ok: boolean }>`SELECT pg_try_advisory_lock(${lockKey(runId)}) AS ok`.execute(conn);
  return r.rows[0]?.ok === true;
}

async function unlock(conn: Kysely<Database>, runId: string) {
  await sql`SELECT pg_advisory_unlock(${lockKey(runId)})`.execute(conn);
}

/**
 * Marks the run interrupted if it is running and nobody holds its lock; answers whether it did.
 *
 * No grace period is needed for a worker that has just taken the run: runQueuedSolve takes the
 * lock before it claims the row, so a row reads 'running' only once its lock is held, and it ends
 * the row before it lets the lock go. A try-lock that succeeds therefore means the holder is gone
 * or has finished the row already (then the update below, conditional on 'running', changes
 * nothing). It is a session lock tried from a connection of its own, so it fails while the holder
 * lives even when the holder is this process. Released at once: a session lock left behind would
 * stay with the pooled connection long after the request.
 */
async function interruptIfOrphaned(conn: Kysely<Database>, runId: string): Promise<boolean> {
  if (!(await tryLock(conn, runId))) return false;
  try {
    return await q.finishSolveRun(conn, runId, 'running', {
      status: 'interrupted',
      error: INTERRUPTED_MESSAGE,
      finished_at: systemClock.now(),
    });
  } finally {
    await unlock(conn, runId);
  }
}

/** For a request that met this run running: ends it as interrupted when its process is gone. */
export const interruptOrphanedRun = (db: Db, runId: string): Promise<boolean> =>
  // the lock is tried and released on one session, which a pooled Kysely lends through connection()
  db.connection().execute((conn) => interruptIfOrphaned(conn, runId));

/** Marks running solves whose process is gone as interrupted; answers how many. */
export async function recoverInterruptedSolves(db: Db): Promise<number> {
  const runs = await q.runningSolveRunIds(db);
  if (runs.length === 0) return 0;
  let recovered = 0;
  await db.connection().execute(async (conn) => {
    for (const { id } of runs) if (await interruptIfOrphaned(conn, id)) recovered++;
  });
  return recovered;
}

/**
 * The job: takes the run if it is still queued (a stop may have ended it, pg-boss may deliver a
 * job twice), solves, and writes the result. The lock is taken before the claim and let go after
 * the row is ended, so a running row always has its lock held while its process lives: the
 * liveness checks (interruptIfOrphaned) rely on this order.
 */
export async function runQueuedSolve(deps: Deps, data: SolveJobData): Promise<void> {
  await deps.db.connection().execute(async (conn) => {
    if (!(await tryLock(conn, data.runId))) return;
    try {
      const claimed = await q.claimSolveRun(deps.db, data.runId, systemClock.now());
      if (!claimed) return;
      const facilityId = await q.rosterFacilityId(deps.db, claimed.organization_id, claimed.roster_id);
      const ctx: Ctx = {
        db: deps.db,
        organizationId: claimed.organization_id,
        actor: systemActor('rostering solver', facilityId ? [facilityId] : [], ['rostering:read', 'rostering:write']),
        clock: systemClock,
        log: deps.log,
        config: deps.config,
        requestId: `job-solve-${data.runId}`,
        ip: null,
      };
      await solveClaimed(ctx, claimed.roster_id, data.runId, claimed.time_limit_ms, data.seed);
    } finally {
      // a lost connection took the lock with it already
      await unlock(conn, data.runId).catch(() => {});
    }
  });
}

async function solveClaimed(ctx: Ctx, rosterId: string, runId: string, timeLimitMs: number, seed: number) {
  let lastWrite = Promise.resolve();
  try {
    const roster = await loadRoster(ctx, rosterId);
    // the solver sees the roster as it is now; an edit made after this wins over its result
    const versionAtStart = roster.version;
    const rc = await rosterContext(ctx, roster);
    const run = startSolverWorker({ problem: rc.problem, timeLimitMs, seed, reportEveryMs: 500 }, (p) => {
      lastWrite = lastWrite
        .then(async () => {
          const row = await q.recordSolveProgress(ctx.db, runId, {
            // the run's objective is a whole number (overtime weights per minute make fractions)
            objective: Math.round(p.objective),
            hard_violations: p.hardViolations,
            elapsed_ms: Math.round(p.elapsedMs),
            iterations: p.iterations,
          });
          if (row?.stop_requested) running.get(runId)?.stop();
        })
        .catch((err: Error) => ctx.log.warn({ err: err.message, runId }, 'solve progress not recorded'));
    });
    running.set(runId, run);
    const outcome = await run.result;
    await lastWrite;
    await inTransaction(ctx, async (tx) => {
      const current = await loadRoster(tx, rosterId, true);
      const stale = current.version !== versionAtStart;
      const ended = await q.finishSolveRun(tx.db, runId, 'running', {
        status: outcome.stoppedBy === 'stop' ? 'stopped' : 'done',
        proven_best: outcome.stoppedBy === 'optimal',
        objective: Math.round(outcome.evaluation.objective),
        hard_violations: outcome.evaluation.violations.length,
        elapsed_ms: Math.round(outcome.elapsedMs),
        iterations: outcome.iterations,
        finished_at: ctx.clock.now(),
        error: stale ? 'the roster was edited while solving; the solution was not applied' : null,
      });
      // not running any more: marked interrupted while this process had lost its connection
      if (!ended || stale) return;
      const rcNow = await rosterContext(tx, current);
      const grid = toGrid(rcNow, []);
      const index = new Map(rcNow.problem.employees.map((e, i) => [e.id, i]));
      for (const a of outcome.assignments) {
        const row = grid[index.get(a.employee) ?? -1];
        if (row) row[a.day] = a.shift;
      }
      await writeAssignments(tx, rcNow, fromGrid(rcNow, grid), 'rostering.roster.solved', {
        runId,
        objective: outcome.evaluation.objective,
      });
    });
  } catch (err) {
    ctx.log.error({ err: (err as Error).message, runId }, 'solve failed');
    await lastWrite;
    await q.finishSolveRun(ctx.db, runId, 'running', {
      status: 'failed',
      error: 'the solver failed; see the server log',
      finished_at: ctx.clock.now(),
    });
  } finally {
    running.delete(runId);
  }
}
