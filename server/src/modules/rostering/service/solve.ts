import { randomUUID } from 'node:crypto';
import type { RepairResult, SickCallRequest, SolveRequest, SolveRun } from '@clinicops/contracts';
import { recordAudit } from '../../../platform/audit/record.js';
import { type Ctx, inTransaction } from '../../../platform/context.js';
import { AppError, notFound } from '../../../platform/errors.js';
import { requirePermission } from '../../../platform/permissions.js';
import { addDays } from '../../../shared/calendar.js';
import * as q from '../queries.js';
import { type SolverRun, startSolverWorker } from '../solver-worker.js';
import { detailOf, fromGrid, loadRoster, rosterContext, toGrid } from './context.js';
import { checkVersion, currentAssignments, writeAssignments } from './rosters.js';

// Solving runs in a worker thread (the engine's startSolverWorker) after the request has answered;
// the run's row carries its progress, which the UI polls, and its stop flag. The worker handle is
// kept in this process so a stop reaches it at once; a stop sent to another node is seen by the
// progress writer, which reads the flag at each improvement.

const running = new Map<string, SolverRun>();

type RunRow = NonNullable<Awaited<ReturnType<typeof q.getSolveRun>>>;

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
  error: r.error,
});

async function runRow(ctx: Ctx, rosterId: string, runId: string) {
  const row = await q.getSolveRun(ctx.db, ctx.organizationId, rosterId, runId);
  if (!row) throw notFound('Solve run');
  return row;
}

export async function startSolve(ctx: Ctx, rosterId: string, input: SolveRequest): Promise<SolveRun> {
  requirePermission(ctx, 'rostering:write');
  const roster = await loadRoster(ctx, rosterId);
  const active = await q.runningSolveRun(ctx.db, ctx.organizationId, rosterId);
  if (active && running.has(active.id))
    throw new AppError('conflict', 'A solve is already running for this roster; stop it or wait', {
      details: { runId: active.id },
    });
  const rc = await rosterContext(ctx, roster);
  if (rc.people.length === 0 || rc.shiftTypes.length === 0)
    throw new AppError('conflict', 'This unit has no shift types or no staff in their positions: nothing to solve');
  const id = randomUUID();
  const timeLimitMs = input.timeLimitSeconds * 1000;
  await inTransaction(ctx, async (tx) => {
    await q.insertSolveRun(tx.db, {
      id,
      organization_id: ctx.organizationId,
      roster_id: rosterId,
      mode: 'solve',
      status: 'running',
      time_limit_ms: timeLimitMs,
      objective: null,
      hard_violations: null,
      iterations: 0,
      error: null,
      started_by: ctx.actor?.userId ?? null,
      finished_at: null,
    });
    await recordAudit(tx, {
      action: 'rostering.roster.solve',
      entityType: 'roster',
      entityId: rosterId,
      facilityId: roster.facility_id,
      details: { runId: id, timeLimitMs },
    });
  });
  const versionAtStart = roster.version;
  let lastWrite = Promise.resolve();
  const run = startSolverWorker({ problem: rc.problem, timeLimitMs, seed: input.seed ?? 1, reportEveryMs: 500 }, (p) => {
    lastWrite = lastWrite
      .then(async () => {
        const row = await q.recordSolveProgress(ctx.db, id, {
          // the run's objective is a whole number (overtime weights per minute make fractions)
          objective: Math.round(p.objective),
          hard_violations: p.hardViolations,
          elapsed_ms: Math.round(p.elapsedMs),
          iterations: p.iterations,
        });
        if (row?.stop_requested) running.get(id)?.stop();
      })
      .catch((err: Error) => ctx.log.warn({ err: err.message, runId: id }, 'solve progress not recorded'));
  });
  running.set(id, run);
  void run.result
    .then(async (outcome) => {
      await lastWrite;
      await inTransaction(ctx, async (tx) => {
        const current = await loadRoster(tx, rosterId, true);
        const stopped = outcome.stoppedBy === 'stop';
        // an edit made while solving wins: the solver's roster is then not written over it
        const stale = current.version !== versionAtStart;
        if (!stale) {
          const rcNow = await rosterContext(tx, current);
          const grid = toGrid(rcNow, []);
          const index = new Map(rcNow.problem.employees.map((e, i) => [e.id, i]));
          for (const a of outcome.assignments) {
            const row = grid[index.get(a.employee) ?? -1];
            if (row) row[a.day] = a.shift;
          }
          await writeAssignments(tx, rcNow, fromGrid(rcNow, grid), 'rostering.roster.solved', {
            runId: id,
            objective: outcome.evaluation.objective,
          });
        }
        await q.updateSolveRun(tx.db, id, {
          status: stopped ? 'stopped' : 'done',
          objective: Math.round(outcome.evaluation.objective),
          hard_violations: outcome.evaluation.violations.length,
          elapsed_ms: Math.round(outcome.elapsedMs),
          iterations: outcome.iterations,
          finished_at: ctx.clock.now(),
          error: stale ? 'the roster was edited while solving; the solution was not applied' : null,
        });
      });
    })
    .catch(async (err: Error) => {
      ctx.log.error({ err: err.message, runId: id }, 'solve failed');
      await q
        .updateSolveRun(ctx.db, id, {
          status: 'failed',
          error: 'the solver failed; see the server log',
          finished_at: ctx.clock.now(),
        })
        .catch(() => {});
    })
    .finally(() => running.delete(id));
  return toRun(await runRow(ctx, rosterId, id));
}

export async function getRun(ctx: Ctx, rosterId: string, runId: string): Promise<SolveRun> {
  requirePermission(ctx, 'rostering:read');
  await loadRoster(ctx, rosterId);
  return toRun(await runRow(ctx, rosterId, runId));
}

export async function stopRun(ctx: Ctx, rosterId: string, runId: string): Promise<SolveRun> {
  requirePermission(ctx, 'rostering:write');
  const roster = await loadRoster(ctx, rosterId);
  await runRow(ctx, rosterId, runId);
  await inTransaction(ctx, async (tx) => {
    await q.updateSolveRun(tx.db, runId, { stop_requested: true });
    await recordAudit(tx, {
      action: 'rostering.roster.solve_stop',
      entityType: 'roster',
      entityId: rosterId,
      facilityId: roster.facility_id,
      details: { runId },
    });
  });
  running.get(runId)?.stop();
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
