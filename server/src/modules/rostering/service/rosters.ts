import { randomUUID } from 'node:crypto';
import type {
  CreateRosterRequest,
  EvaluateDraftRequest,
  RosterDetail,
  RosterEvaluation,
  RosterSummary,
  UpdateAssignmentsRequest,
} from '@clinicops/contracts';
import { recordAudit } from '../../../platform/audit/record.js';
import { type Ctx, inTransaction, type TxCtx } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors.js';
import { requirePermission, scopeFacilities } from '../../../platform/permissions.js';
import { daysBetween } from '../../../shared/calendar.js';
import * as q from '../queries.js';
import { detailOf, evaluate, loadRoster, type RosterContext, rosterContext, summaryOf } from './context.js';
import { unitOrThrow } from './setup.js';

/** Violations an edit may never create: the credential gate, approved leave, two shifts a day. */
export const BLOCKING = new Set(['not-allowed', 'day-off', 'one-shift-per-day']);
const TOTALS = new Set(['max-total-minutes', 'min-total-minutes', 'max-shifts', 'max-weekends']);

export async function listRosters(ctx: Ctx, facilityId?: string): Promise<RosterSummary[]> {
  requirePermission(ctx, 'rostering:read');
  const rows = await q.listRosters(ctx.db, ctx.organizationId, scopeFacilities(ctx, facilityId ? [facilityId] : undefined));
  return rows.map(summaryOf);
}

export async function createRoster(ctx: Ctx, input: CreateRosterRequest): Promise<RosterDetail> {
  requirePermission(ctx, 'rostering:write');
  // A roster may start on any day: the engine counts weekends by the calendar (model.ts weekendOf)
  // and overtime in the facility's workweeks, with the hours worked before the roster in its first
  // one (service/overtime.ts).
  const unit = await unitOrThrow(ctx, input.unitId);
  const id = randomUUID();
  return inTransaction(ctx, async (tx) => {
    await q.insertRoster(tx.db, {
      id,
      organization_id: ctx.organizationId,
      facility_id: unit.facility_id,
      unit_id: unit.id,
      start_date: input.startDate,
      days: input.days,
      created_by: ctx.actor?.userId ?? null,
    });
    await recordAudit(tx, {
      action: 'rostering.roster.create',
      entityType: 'roster',
      entityId: id,
      facilityId: unit.facility_id,
    });
    return detailOf(tx, await rosterContext(tx, await loadRoster(tx, id)));
  });
}

// The whole roster carries colleagues' credential problems, leave and overtime cost (from their
// pay): the manager's view. Everyone else sees their own shifts (self.ts).
export async function getRoster(ctx: Ctx, id: string): Promise<RosterDetail> {
  requirePermission(ctx, 'rostering:write');
  return detailOf(ctx, await rosterContext(ctx, await loadRoster(ctx, id)));
}

/** The evaluator's verdict on a draft the grid holds (nothing is stored): instant feedback while dragging. */
export async function evaluateDraft(ctx: Ctx, id: string, input: EvaluateDraftRequest): Promise<RosterEvaluation> {
  requirePermission(ctx, 'rostering:write');
  const rc = await rosterContext(ctx, await loadRoster(ctx, id));
  return evaluate(rc, input.assignments);
}

export async function currentAssignments(ctx: Ctx, rosterId: string) {
  const rows = await q.listAssignments(ctx.db, ctx.organizationId, rosterId);
  return rows.map((r) => ({ staffMemberId: r.staff_member_id, date: r.on_date, shiftTypeId: r.shift_type_id }));
}

/** Refuses a version other than the one stored: someone else changed the roster since it was read. */
export function checkVersion(roster: q.RosterRow, version: number) {
  if (roster.version !== version)
    throw new AppError(
      'conflict',
      `The roster changed since you loaded it (version ${roster.version}, you sent ${version}); reload it`,
      {
        details: { version: roster.version },
      },
    );
}

/**
 * Blocking violations the change brings for these people (present after, absent before), as
 * field errors naming the change: "Ana Ruiz: may not work N on 2026-12-08: RN licence expired".
 */
export function newBlocking(
  rc: RosterContext,
  before: readonly { staffMemberId: string; date: string; shiftTypeId: string }[],
  after: readonly { staffMemberId: string; date: string; shiftTypeId: string }[],
  people: ReadonlySet<string>,
  /** 'all': every new hard violation counts (a colleague taking a shift must not break their contract). */
  which: 'blocking' | 'all' = 'blocking',
) {
  // totals (hours, shifts of a type, weekends) list every worked day, which a new shift changes:
  // they are compared by kind; the rest by the days they name
  const key = (v: RosterEvaluation['violations'][number]) =>
    `${v.constraint}|${v.staffMemberId}|${TOTALS.has(v.constraint) ? '' : v.dates.join(',')}`;
  const was = new Set(evaluate(rc, before).violations.map(key));
  return evaluate(rc, after).violations.filter(
    (v) =>
      // one more shift never breaks a minimum of hours, it only gets closer to it
      (which === 'all' ? v.constraint !== 'min-total-minutes' : BLOCKING.has(v.constraint)) &&
      v.staffMemberId !== null &&
      people.has(v.staffMemberId) &&
      !was.has(key(v)),
  );
}

export async function updateAssignments(ctx: Ctx, id: string, input: UpdateAssignmentsRequest): Promise<RosterDetail> {
  requirePermission(ctx, 'rostering:write');
  return inTransaction(ctx, async (tx) => {
    const roster = await loadRoster(tx, id, true);
    checkVersion(roster, input.version);
    const rc = await rosterContext(tx, roster);
    const known = new Set(rc.people.map((p) => p.id));
    const shiftIds = new Set(rc.shiftTypes.map((s) => s.id));
    const errors = input.changes.flatMap((c, i) => {
      const d = daysBetween(roster.start_date, c.date);
      return [
        ...(known.has(c.staffMemberId) ? [] : [{ field: `changes.${i}.staffMemberId`, message: 'is not on this roster' }]),
        ...(d < 0 || d >= roster.days ? [{ field: `changes.${i}.date`, message: 'is outside the roster' }] : []),
        ...(c.shiftTypeId === null || shiftIds.has(c.shiftTypeId)
          ? []
          : [{ field: `changes.${i}.shiftTypeId`, message: 'is not a shift type of this unit' }]),
      ];
    });
    if (errors.length > 0) throw new AppError('validation', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
    const before = await currentAssignments(tx, id);
    const touched = new Set(input.changes.map((c) => `${c.staffMemberId}|${c.date}`));
    const after = [
      ...before.filter((a) => !touched.has(`${a.staffMemberId}|${a.date}`)),
      ...input.changes.flatMap((c) =>
        c.shiftTypeId ? [{ staffMemberId: c.staffMemberId, date: c.date, shiftTypeId: c.shiftTypeId }] : [],
      ),
    ];
    const blocking = newBlocking(rc, before, after, new Set(input.changes.map((c) => c.staffMemberId)));
    if (blocking.length > 0) {
      const field = (v: (typeof blocking)[number]) => {
        const i = input.changes.findIndex((c) => c.staffMemberId === v.staffMemberId && v.dates.includes(c.date));
        return i >= 0 ? `changes.${i}.shiftTypeId` : 'changes';
      };
      throw new AppError('validation', blocking.map((v) => v.message).join('; '), {
        errors: blocking.map((v) => ({ field: field(v), message: v.message })),
      });
    }
    await writeAssignments(tx, rc, after, 'rostering.roster.edit', { changes: input.changes.length });
    return detailOf(tx, await rosterContext(tx, await loadRoster(tx, id)));
  });
}

/** Replaces the roster's assignments and bumps its version, audited, in the caller's transaction. */
export async function writeAssignments(
  tx: TxCtx,
  rc: RosterContext,
  assignments: readonly { staffMemberId: string; date: string; shiftTypeId: string }[],
  action: string,
  details: Record<string, unknown>,
) {
  const bumped = await q.bumpVersion(tx.db, tx.organizationId, rc.roster.id, rc.roster.version);
  if (!bumped) checkVersion({ ...rc.roster, version: -1 }, rc.roster.version);
  await q.replaceAssignments(
    tx.db,
    tx.organizationId,
    rc.roster.id,
    assignments.map((a) => ({ staff_member_id: a.staffMemberId, on_date: a.date, shift_type_id: a.shiftTypeId })),
  );
  await recordAudit(tx, {
    action,
    entityType: 'roster',
    entityId: rc.roster.id,
    facilityId: rc.roster.facility_id,
    details: { ...details, version: (bumped?.version ?? rc.roster.version + 1) as number },
  });
}

export async function publishRoster(ctx: Ctx, id: string, version: number): Promise<RosterDetail> {
  requirePermission(ctx, 'rostering:write');
  return inTransaction(ctx, async (tx) => {
    const roster = await loadRoster(tx, id, true);
    checkVersion(roster, version);
    const rc = await rosterContext(tx, roster);
    const blocking = evaluate(rc, await currentAssignments(tx, id)).violations.filter((v) => BLOCKING.has(v.constraint));
    if (blocking.length > 0)
      throw new AppError(
        'conflict',
        `Cannot publish: ${blocking.length} assignment(s) break the credential gate or leave: ${blocking[0]?.message}`,
        {
          details: { violations: blocking.length },
        },
      );
    await q.markPublished(tx.db, ctx.organizationId, id, roster.version, ctx.clock.now());
    await recordAudit(tx, {
      action: 'rostering.roster.publish',
      entityType: 'roster',
      entityId: id,
      facilityId: roster.facility_id,
    });
    return detailOf(tx, await rosterContext(tx, await loadRoster(tx, id)));
  });
}
