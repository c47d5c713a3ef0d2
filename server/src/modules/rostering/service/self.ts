import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type {
  Colleague,
  CreateSwapRequest,
  DecideSwapRequest,
  MyShift,
  MyShifts,
  OpenShift,
  ShiftFeedLink,
  StaffPosition,
  SwapRequest,
} from '@clinicops/contracts';
import { recordAudit } from '../../../platform/audit/record.js';
import { type Ctx, inTransaction } from '../../../platform/context.js';
import { AppError, notFound } from '../../../platform/errors.js';
import { requirePermission } from '../../../platform/permissions.js';
import { addDays } from '../../../shared/calendar.js';
import { staffMemberOfUser } from '../../staff/index.js';
import { buildCalendar } from '../domain/ical.js';
import * as q from '../queries.js';
import { loadRoster, rosterContext } from './context.js';
import { currentAssignments, newBlocking, writeAssignments } from './rosters.js';
import { facilityTodays } from './today.js';

// What people do with their own shifts: see them (and subscribe to them), claim an open shift,
// ask to hand a shift to a colleague; and the manager's approval of those swaps.

const facilitiesOf = (ctx: Ctx) => ctx.actor?.facilityIds ?? [];

async function me(ctx: Ctx) {
  const actor = ctx.actor;
  if (!actor) throw new AppError('unauthenticated', 'Sign in first');
  return staffMemberOfUser(ctx, actor.userId);
}

const toMyShift = (r: q.PublishedShiftRow): MyShift => ({
  rosterId: r.roster_id,
  date: r.on_date,
  shiftTypeId: r.shift_type_id,
  code: r.code,
  name: r.name,
  startTime: r.start_time.slice(0, 5),
  minutes: r.minutes,
  facilityName: r.facility_name,
  unitName: r.unit_name,
  timeZone: r.time_zone,
});

export async function myShifts(ctx: Ctx, range: { from?: string | undefined; to?: string | undefined }): Promise<MyShifts> {
  requirePermission(ctx, 'rostering:read');
  const person = await me(ctx);
  if (!person) return { staffMemberId: null, shifts: [] };
  const today = (await facilityTodays(ctx, [person.facilityId])).get(person.facilityId) ?? '';
  const from = range.from ?? addDays(today, -7);
  const to = range.to ?? addDays(from, 62);
  const rows = await q.publishedShiftsOf(ctx.db, ctx.organizationId, person.id, from, to);
  return { staffMemberId: person.id, shifts: rows.map(toMyShift) };
}

/** Colleagues in my position on a published roster: whom I may ask to take a shift. */
export async function myColleagues(ctx: Ctx, rosterId: string): Promise<Colleague[]> {
  requirePermission(ctx, 'rostering:read');
  const person = await me(ctx);
  const roster = await loadRoster(ctx, rosterId);
  if (!person || roster.status !== 'published') return [];
  const rc = await rosterContext(ctx, roster);
  const mine = rc.people.find((p) => p.id === person.id);
  if (!mine) return [];
  return rc.people.filter((p) => p.id !== person.id && p.position === mine.position).map((p) => ({ id: p.id, name: p.name }));
}

const FEED_PREFIX = '/api/rostering/feed/';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** A new private feed URL (any earlier one stops working). */
export async function createFeedLink(ctx: Ctx): Promise<ShiftFeedLink> {
  requirePermission(ctx, 'rostering:read');
  const person = await me(ctx);
  if (!person) throw new AppError('conflict', 'Your account has no staff record, so there are no shifts to subscribe to');
  const token = randomBytes(24).toString('base64url');
  await inTransaction(ctx, async (tx) => {
    await q.setFeedToken(tx.db, ctx.organizationId, person.id, sha256(token));
    await recordAudit(tx, {
      action: 'rostering.feed.create',
      entityType: 'staff_member',
      entityId: person.id,
      facilityId: person.facilityId,
    });
  });
  return { path: `${FEED_PREFIX}${token}.ics` };
}

/** The feed behind a token: no session, the token is the credential. Null when unknown. */
export async function feedCalendar(db: Ctx['db'], token: string, now: Date): Promise<string | null> {
  const row = await q.feedOwner(db, sha256(token));
  if (!row) return null;
  const from = addDays(now.toISOString().slice(0, 10), -30);
  const rows = await q.publishedShiftsOf(db, row.organization_id, row.staff_member_id, from, addDays(from, 120));
  return buildCalendar(
    `Shifts of ${row.first_name} ${row.last_name}`,
    rows.map((r) => ({
      uid: `${r.roster_id}-${row.staff_member_id}-${r.on_date}@clinicops`,
      date: r.on_date,
      startTime: r.start_time.slice(0, 5),
      minutes: r.minutes,
      summary: `${r.name} (${r.code})`,
      location: `${r.facility_name}, ${r.unit_name}`,
      timeZone: r.time_zone,
    })),
    now,
  );
}

const toOpenShift = (r: q.OpenShiftRow): OpenShift => ({
  id: r.id,
  rosterId: r.roster_id,
  date: r.on_date,
  shiftTypeId: r.shift_type_id,
  shiftCode: r.code,
  position: r.position as StaffPosition,
  reason: r.reason,
  status: r.status,
  claimedBy: r.claimed_by,
});

export async function listOpenShifts(ctx: Ctx, status?: 'open' | 'claimed' | 'cancelled'): Promise<OpenShift[]> {
  requirePermission(ctx, 'rostering:read');
  return (await q.listOpenShifts(ctx.db, ctx.organizationId, facilitiesOf(ctx), status)).map(toOpenShift);
}

/** A colleague takes an open shift: only if the credential gate and the evaluator let them. */
export async function claimOpenShift(ctx: Ctx, id: string): Promise<OpenShift> {
  requirePermission(ctx, 'self:write');
  const person = await me(ctx);
  if (!person) throw new AppError('conflict', 'Your account has no staff record');
  return inTransaction(ctx, async (tx) => {
    const shift = await q.lockOpenShift(tx.db, ctx.organizationId, facilitiesOf(ctx), id);
    if (!shift) throw notFound('Open shift');
    if (shift.status !== 'open') throw new AppError('conflict', 'This shift has been taken already');
    const roster = await loadRoster(tx, shift.roster_id, true);
    const rc = await rosterContext(tx, roster);
    const mine = rc.people.find((p) => p.id === person.id);
    if (!mine || mine.position !== shift.position)
      throw new AppError('conflict', `This open shift needs a ${shift.position.toUpperCase()}`);
    const before = await currentAssignments(tx, roster.id);
    if (before.some((a) => a.staffMemberId === person.id && a.date === shift.on_date))
      throw new AppError('conflict', 'You already work a shift that day');
    const after = [...before, { staffMemberId: person.id, date: shift.on_date, shiftTypeId: shift.shift_type_id }];
    const blocking = newBlocking(rc, before, after, new Set([person.id]), 'all');
    if (blocking.length > 0)
      throw new AppError('conflict', `You cannot take this shift: ${blocking.map((v) => v.message).join('; ')}`);
    await writeAssignments(tx, rc, after, 'rostering.open_shift.claim', { openShiftId: id });
    await q.markOpenShiftClaimed(tx.db, id, person.id);
    return { ...toOpenShift(shift), status: 'claimed', claimedBy: person.id };
  });
}

const toSwap = (r: q.SwapRow): SwapRequest => ({
  id: r.id,
  rosterId: r.roster_id,
  requesterId: r.requester_id,
  requesterName: `${r.a_first} ${r.a_last}`,
  date: r.on_date,
  takerId: r.taker_id,
  takerName: `${r.b_first} ${r.b_last}`,
  status: r.status,
  decisionNote: r.decision_note,
});

export async function listSwaps(ctx: Ctx): Promise<SwapRequest[]> {
  requirePermission(ctx, 'rostering:read');
  const rows = await q.listSwaps(ctx.db, ctx.organizationId, facilitiesOf(ctx));
  // people without rostering:write see only the swaps they are part of
  if (ctx.actor?.permissions.has('rostering:write')) return rows.map(toSwap);
  const person = await me(ctx);
  return rows.filter((r) => r.requester_id === person?.id || r.taker_id === person?.id).map(toSwap);
}

export async function requestSwap(ctx: Ctx, input: CreateSwapRequest): Promise<SwapRequest> {
  requirePermission(ctx, 'self:write');
  const person = await me(ctx);
  if (!person) throw new AppError('conflict', 'Your account has no staff record');
  const roster = await loadRoster(ctx, input.rosterId);
  const rc = await rosterContext(ctx, roster);
  const assignments = await currentAssignments(ctx, roster.id);
  if (!assignments.some((a) => a.staffMemberId === person.id && a.date === input.date))
    throw new AppError('validation', 'date: you have no shift that day', {
      errors: [{ field: 'date', message: 'you have no shift that day' }],
    });
  if (!rc.people.some((p) => p.id === input.takerId) || input.takerId === person.id)
    throw new AppError('validation', 'takerId: is not a colleague on this roster', {
      errors: [{ field: 'takerId', message: 'is not a colleague on this roster' }],
    });
  const id = randomUUID();
  await inTransaction(ctx, async (tx) => {
    await q.insertSwap(tx.db, {
      id,
      organization_id: ctx.organizationId,
      roster_id: roster.id,
      requester_id: person.id,
      on_date: input.date,
      taker_id: input.takerId,
    });
    await recordAudit(tx, {
      action: 'rostering.swap.request',
      entityType: 'swap_request',
      entityId: id,
      facilityId: roster.facility_id,
    });
  });
  const row = await q.getSwap(ctx.db, ctx.organizationId, facilitiesOf(ctx), id);
  if (!row) throw notFound('Swap request');
  return toSwap(row);
}

/** The manager's decision; an approval moves the shift only if the taker passes the gate and the evaluator. */
export async function decideSwap(ctx: Ctx, id: string, input: DecideSwapRequest): Promise<SwapRequest> {
  requirePermission(ctx, 'rostering:write');
  return inTransaction(ctx, async (tx) => {
    const swap = await q.getSwap(tx.db, ctx.organizationId, facilitiesOf(ctx), id, true);
    if (!swap) throw notFound('Swap request');
    if (swap.status !== 'pending') throw new AppError('conflict', 'This swap has been decided already');
    const roster = await loadRoster(tx, swap.roster_id, true);
    if (input.approve) {
      const rc = await rosterContext(tx, roster);
      const before = await currentAssignments(tx, roster.id);
      const given = before.find((a) => a.staffMemberId === swap.requester_id && a.date === swap.on_date);
      if (!given) throw new AppError('conflict', 'The requester no longer works that day');
      if (before.some((a) => a.staffMemberId === swap.taker_id && a.date === swap.on_date))
        throw new AppError('conflict', `${swap.b_first} ${swap.b_last} already works that day`);
      const after = [...before.filter((a) => a !== given), { ...given, staffMemberId: swap.taker_id }];
      const blocking = newBlocking(rc, before, after, new Set([swap.taker_id]), 'all');
      const position = (pid: string) => rc.people.find((p) => p.id === pid)?.position;
      if (position(swap.taker_id) !== position(swap.requester_id))
        throw new AppError('conflict', `The swap needs a ${String(position(swap.requester_id)).toUpperCase()}`);
      if (blocking.length > 0) throw new AppError('conflict', `Cannot approve: ${blocking.map((v) => v.message).join('; ')}`);
      await writeAssignments(tx, rc, after, 'rostering.swap.apply', { swapId: id });
    }
    await q.decideSwap(tx.db, id, {
      status: input.approve ? 'approved' : 'rejected',
      decided_by: ctx.actor?.userId ?? null,
      decided_at: ctx.clock.now(),
      decision_note: input.note ?? null,
    });
    await recordAudit(tx, {
      action: input.approve ? 'rostering.swap.approve' : 'rostering.swap.reject',
      entityType: 'swap_request',
      entityId: id,
      facilityId: roster.facility_id,
    });
    const row = await q.getSwap(tx.db, ctx.organizationId, facilitiesOf(ctx), id);
    if (!row) throw notFound('Swap request');
    return toSwap(row);
  });
}
