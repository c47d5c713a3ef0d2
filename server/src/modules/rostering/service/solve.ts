import { randomUUID } from 'node:crypto';
import type { RepairResult, SickCallRequest, SolveRequest, SolveRun } from '@clinicops/contracts';
import type { Db } from '../../../db/pool.js';
import { recordAudit } from '../../../platform/audit/record.js';
import { type Ctx, inTransaction } from '../../../platform/context.js';
import { AppError, notFound } from '../../../platform/errors.js';
import type { JobQueue } from '../../../platform/jobs.js';
import { requirePermission } from '../../../platform/permissions.js';
import { addDays } from '../../../shared/calendar.js';
import * as q from '../queries.js';
import * as runs from '../solve-run-queries.js';
import { startSolverWorker } from '../solver-worker.js';
import { detailOf, fromGrid, loadRoster, rosterContext, toGrid } from './context.js';
import { checkVersion, currentAssignments, writeAssignments } from './rosters.js';
import { interruptOrphanedRun, SOLVE_QUEUE, type SolveJobData, stopLocalRun } from './solve-job.js';

// Starting, watching and stopping a solve. The solve itself is a background job (solve-job.ts);
// the run's row carries its status, progress and stop flag.

type RunRow = NonNullable<Awaited<ReturnType<typeof runs.getSolveRun>>>;

const toRun = (r: RunRow): SolveRun => ({
  id: r.id,
  rosterId: r.roster_id,
  mode: r.mode,
  status: r.status,
  timeLimitMs: r.time_limit_ms,
  objective: r.objective,
  hardViolations: r.hard_violations,
  elapsedMs: r.elapsed_ms,
  iterations: Number(r.iterations),
  provenBest: r.proven_best,
  error: r.error,
});

async function runRow(ctx: Ctx, rosterId: string, runId: string) {
  const row = await runs.getSolveRun(ctx.db, ctx.organizationId, rosterId, runId);
  if (!row) throw notFound('Solve run');
  return row;
}

/**
 * True when the run was running and the process solving it is gone, which makes it interrupted
 * now. Every request that meets a running run asks, so that one whose process died while other
 * nodes run on neither blocks its roster nor shows progress nobody makes until a node restarts.
 * A queued run is left as it is: its job is in PostgreSQL and the next worker takes it.
 */
const endedIfOrphaned = async (ctx: Ctx, run: { id: string; status: string }) =>
  run.status === 'running' && (await interruptOrphanedRun(ctx.db as Db, run.id));

const alreadyRunning = (runId: string | undefined) =>
  new AppError('conflict', 'A solve is already running for this roster; stop it or wait', {
    ...(runId ? { details: { runId } } : {}),
  });

const isOneActiveViolation = (err: unknown) =>
  (err as { code?: string; constraint?: string }).code === '23505' &&
  (err as { constraint?: string }).constraint === 'roster_solve_runs_one_active';

/** Queues a solve: the run row and its job commit together, and a worker takes it from there. */
export async function startSolve(ctx: Ctx, jobs: JobQueue | undefined, rosterId: string, input: SolveRequest): Promise<SolveRun> {
  requirePermission(ctx, 'rostering:write');
  const roster = await loadRoster(ctx, rosterId);
  if (!jobs) throw new AppError('unavailable', 'Solving needs the background job queue, which this server runs without');
  const active = await runs.activeSolveRun(ctx.db, ctx.organizationId, rosterId);
  if (active && !(await endedIfOrphaned(ctx, active))) throw alreadyRunning(active.id);
  const rc = await rosterContext(ctx, roster);
  if (rc.people.length === 0 || rc.shiftTypes.length === 0)
    throw new AppError('conflict', 'This unit has no shift types or no staff in their positions: nothing to solve');
  const id = randomUUID();
  const timeLimitMs = input.timeLimitSeconds * 1000;
  const job: SolveJobData = { runId: id, seed: input.seed ?? 1 };
  try {
    await inTransaction(ctx, async (tx) => {
      await runs.insertSolveRun(tx.db, {
        id,
        organization_id: ctx.organizationId,
        roster_id: rosterId,
        mode: 'solve',
        status: 'queued',
        time_limit_ms: timeLimitMs,
        objective: null,
        hard_violations: null,
        iterations: 0,
        error: null,
        started_by: ctx.actor?.userId ?? null,
        finished_at: null,
      });
      // the job's id is the run's: a job delivered twice still solves once (the claim)
      await jobs.send(tx.db, SOLVE_QUEUE, job, { id, expireInSeconds: input.timeLimitSeconds + 300, retryLimit: 1 });
      await recordAudit(tx, {
        action: 'rostering.roster.solve',
        entityType: 'roster',
        entityId: rosterId,
        facilityId: roster.facility_id,
        details: { runId: id, timeLimitMs },
      });
    });
  } catch (err) {
    // a simultaneous request queued one first: the index, not the check above, decided
    if (isOneActiveViolation(err)) throw alreadyRunning((await runs.activeSolveRun(ctx.db, ctx.organizationId, rosterId))?.id);
    throw err;
  }
  jobs.wake(SOLVE_QUEUE);
  return toRun(await runRow(ctx, rosterId, id));
}

export async function getRun(ctx: Ctx, rosterId: string, runId: string): Promise<SolveRun> {
  requirePermission(ctx, 'rostering:read');
  await loadRoster(ctx, rosterId);
  const row = await runRow(ctx, rosterId, runId);
  return toRun((await endedIfOrphaned(ctx, row)) ? await runRow(ctx, rosterId, runId) : row);
}

/** The roster's runs, newest first; empty when it was never solved (an answer, not an error). */
export async function listRuns(ctx: Ctx, rosterId: string, limit: number): Promise<SolveRun[]> {
  requirePermission(ctx, 'rostering:read');
  await loadRoster(ctx, rosterId);
  const rows = await runs.listSolveRuns(ctx.db, ctx.organizationId, rosterId, limit);
  let changed = false;
  for (const row of rows) if (await endedIfOrphaned(ctx, row)) changed = true;
  return (changed ? await runs.listSolveRuns(ctx.db, ctx.organizationId, rosterId, limit) : rows).map(toRun);
}

export async function stopRun(ctx: Ctx, rosterId: string, runId: string): Promise<SolveRun> {
  requirePermission(ctx, 'rostering:write');
  const roster = await loadRoster(ctx, rosterId);
  // a run whose process is gone ends here as interrupted (the flag set below then reaches no one)
  await endedIfOrphaned(ctx, await runRow(ctx, rosterId, runId));
  await inTransaction(ctx, async (tx) => {
    // a queued run ends here; a running one is told through its flag (seen at its next progress
    // report on another node) and, when this process runs it, at once below
    const cancelled = await runs.finishSolveRun(tx.db, runId, 'queued', {
      status: 'stopped',
      stop_requested: true,
      finished_at: ctx.clock.now(),
    });
    if (!cancelled) await runs.updateSolveRun(tx.db, runId, { stop_requested: true });
    await recordAudit(tx, {
      action: 'rostering.roster.solve_stop',
      entityType: 'roster',
      entityId: rosterId,
      facilityId: roster.facility_id,
      details: { runId },
    });
  });
  stopLocalRun(runId);
  return toRun(await runRow(ctx, rosterId, runId));
}

/**
 * A sick call or new leave on a roster: records the leave, repairs the roster with the fewest
 * changes (the engine's repair mode, in the worker) and turns what stays uncovered on those days
 * into open shifts that qualified colleagues can claim.
 */
export async function sickCall(ctx: Ctx, rosterId: string, input: SickCallRequest): Promise<RepairResult> {
  requirePermission(ctx, 'rostering:write');
  const roster = await loadRoster(ctx, rosterId);
  checkVersion(roster, input.version);
  const rc = await rosterContext(ctx, roster);
  const e = rc.problem.employees.findIndex((x) => x.id === input.staffMemberId);
  if (e < 0)
    throw new AppError('validation', 'staffMemberId: is not on this roster', {
      errors: [{ field: 'staffMemberId', message: 'is not on this roster' }],
    });
  const days = rc.dates.map((d, i) => (d >= input.startsOn && d <= input.endsOn ? i : -1)).filter((d) => d >= 0);
  if (days.length === 0)
    throw new AppError('validation', 'startsOn: the dates are outside the roster', {
      errors: [{ field: 'startsOn', message: 'the dates are outside the roster' }],
    });
  const published = toGrid(rc, await currentAssignments(ctx, rosterId));
  const outcome = await startSolverWorker({
    problem: rc.problem,
    seed: 1,
    timeLimitMs: 3000,
    repair: { published, change: { unavailable: [{ employee: input.staffMemberId, days, reason: 'called in sick' }] } },
  }).result;
  return inTransaction(ctx, async (tx) => {
    const current = await loadRoster(tx, rosterId, true);
    checkVersion(current, input.version);
    await q.insertLeave(tx.db, {
      id: randomUUID(),
      organization_id: ctx.organizationId,
      facility_id: roster.facility_id,
      staff_member_id: input.staffMemberId,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
      kind: 'sick',
      created_by: ctx.actor?.userId ?? null,
    });
    const rcNow = await rosterContext(tx, current);
    const grid = toGrid(rcNow, []);
    const index = new Map(rcNow.problem.employees.map((x, i) => [x.id, i]));
    for (const a of outcome.assignments) {
      const row = grid[index.get(a.employee) ?? -1];
      if (row && !(a.employee === input.staffMemberId && days.includes(a.day))) row[a.day] = a.shift;
    }
    const repaired = fromGrid(rcNow, grid);
    await writeAssignments(tx, rcNow, repaired, 'rostering.roster.repair', { changes: outcome.changes?.length ?? 0 });
    // what stays short on the sick days becomes open shifts
    const idOf = new Map(rcNow.shiftTypes.map((s) => [s.code, s.id]));
    let openShifts = 0;
    for (const c of rcNow.problem.cover) {
      if (!days.includes(c.day)) continue;
      const assigned = rcNow.problem.employees.filter(
        (emp, i) => grid[i]?.[c.day] === c.shift && (!c.skill || emp.skills?.includes(c.skill)),
      ).length;
      for (let k = assigned; k < c.requirement; k++) {
        openShifts++;
        await q.insertOpenShift(tx.db, {
          id: randomUUID(),
          organization_id: ctx.organizationId,
          roster_id: rosterId,
          on_date: addDays(current.start_date, c.day),
          shift_type_id: idOf.get(c.shift) ?? '',
          position: c.skill ?? '',
          reason: 'sick call',
        });
      }
    }
    await recordAudit(tx, {
      action: 'rostering.roster.absence_repair',
      entityType: 'roster',
      entityId: rosterId,
      facilityId: current.facility_id,
      details: { staffMemberId: input.staffMemberId, days: days.length, openShifts },
    });
    const shiftId = (code: string | null) => (code ? (idOf.get(code) ?? null) : null);
    return {
      changes: (outcome.changes ?? []).map((c) => ({
        staffMemberId: c.employee,
        date: addDays(current.start_date, c.day),
        from: shiftId(c.from),
        to: shiftId(c.to),
      })),
      openShifts,
      roster: await detailOf(tx, await rosterContext(tx, await loadRoster(tx, rosterId))),
    };
  });
}
