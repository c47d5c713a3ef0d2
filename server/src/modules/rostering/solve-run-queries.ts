// Solve runs (migration 0016, 0017, 0019): kept apart from queries.ts, the rest of the module's SQL,
// because the solve job and the requests that watch it are their only users.
import type { Insertable, Updateable } from 'kysely';
import type { Ctx } from '../../platform/context.js';
import type { RosteringTables } from './tables.js';

type Q = Ctx['db'];
type Insert<T extends keyof RosteringTables> = Insertable<RosteringTables[T]>;
type Update<T extends keyof RosteringTables> = Updateable<RosteringTables[T]>;

// Solve runs: one row per solve or repair; the worker's progress and the stop flag live here.

export const getSolveRun = (db: Q, org: string, rosterId: string, runId: string) =>
  db
    .selectFrom('roster_solve_runs')
    .selectAll()
    .where('organization_id', '=', org)
    .where('roster_id', '=', rosterId)
    .where('id', '=', runId)
    .executeTakeFirst();

/**
 * The roster's runs, newest first. A run's started_at is set when it is queued and again when a
 * worker claims it, and a new run is queued only once the previous one has ended, so the order
 * by started_at is the order the runs were asked for.
 */
export const listSolveRuns = (db: Q, org: string, rosterId: string, limit: number) =>
  db
    .selectFrom('roster_solve_runs')
    .selectAll()
    .where('organization_id', '=', org)
    .where('roster_id', '=', rosterId)
    .orderBy('started_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();

/** The roster's queued or running solve; the partial unique index allows at most one. */
export const activeSolveRun = (db: Q, org: string, rosterId: string) =>
  db
    .selectFrom('roster_solve_runs')
    .select(['id', 'status'])
    .where('organization_id', '=', org)
    .where('roster_id', '=', rosterId)
    .where('status', 'in', ['queued', 'running'])
    .executeTakeFirst();

export const insertSolveRun = (db: Q, row: Insert<'roster_solve_runs'>) =>
  db.insertInto('roster_solve_runs').values(row).execute();

/** A worker takes a queued run; undefined when it was stopped meanwhile or another worker has it. */
export const claimSolveRun = (db: Q, runId: string, now: Date) =>
  db
    .updateTable('roster_solve_runs')
    .set({ status: 'running', started_at: now })
    .where('id', '=', runId)
    .where('status', '=', 'queued')
    .returning(['organization_id', 'roster_id', 'time_limit_ms'])
    .executeTakeFirst();

/** The facility a roster belongs to, unscoped: the solve job learns whose facility it works for. */
export const rosterFacilityId = async (db: Q, org: string, rosterId: string) =>
  (
    await db
      .selectFrom('rosters')
      .select('facility_id')
      .where('organization_id', '=', org)
      .where('id', '=', rosterId)
      .executeTakeFirst()
  )?.facility_id;

/** Runs in the running state, every organization's: what the startup recovery looks at. */
export const runningSolveRunIds = (db: Q) =>
  db.selectFrom('roster_solve_runs').select('id').where('status', '=', 'running').execute();

/** Writes progress; answers whether a stop was asked for meanwhile (perhaps on another node). */
export const recordSolveProgress = (db: Q, runId: string, set: Update<'roster_solve_runs'>) =>
  db
    .updateTable('roster_solve_runs')
    .set(set)
    .where('id', '=', runId)
    .where('status', '=', 'running')
    .returning('stop_requested')
    .executeTakeFirst();

export const updateSolveRun = (db: Q, runId: string, set: Update<'roster_solve_runs'>) =>
  db.updateTable('roster_solve_runs').set(set).where('id', '=', runId).execute();

/** Ends a run that is in state `from`; answers whether it was (a run is finished only once). */
export async function finishSolveRun(
  db: Q,
  runId: string,
  from: 'queued' | 'running',
  set: Update<'roster_solve_runs'>,
): Promise<boolean> {
  const r = await db
    .updateTable('roster_solve_runs')
    .set(set)
    .where('id', '=', runId)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
