import { type Insertable, sql, type Updateable } from 'kysely';
import type { Ctx } from '../../platform/context.js';
import type { RosteringTables } from './tables.js';

type Q = Ctx['db'];
type Insert<T extends keyof RosteringTables> = Insertable<RosteringTables[T]>;
type Update<T extends keyof RosteringTables> = Updateable<RosteringTables[T]>;
const NONE = ['00000000-0000-0000-0000-000000000000'];
const nonEmpty = (ids: readonly string[]) => (ids.length > 0 ? [...ids] : NONE);

export const listUnits = (db: Q, org: string, facilityIds: readonly string[]) =>
  db
    .selectFrom('roster_units')
    .selectAll()
    .where('organization_id', '=', org)
    .where('facility_id', 'in', nonEmpty(facilityIds))
    .orderBy('name')
    .execute();

export const getUnit = (db: Q, org: string, id: string, facilityIds: readonly string[]) =>
  db
    .selectFrom('roster_units')
    .selectAll()
    .where('organization_id', '=', org)
    .where('id', '=', id)
    .where('facility_id', 'in', nonEmpty(facilityIds))
    .executeTakeFirst();

export const insertUnit = (db: Q, row: Insert<'roster_units'>) => db.insertInto('roster_units').values(row).execute();

export const updateUnit = (db: Q, org: string, id: string, set: { name?: string; min_rest_minutes?: number }) =>
  db.updateTable('roster_units').set(set).where('organization_id', '=', org).where('id', '=', id).execute();

export const listShiftTypes = (db: Q, org: string, unitId: string) =>
  db
    .selectFrom('shift_types')
    .selectAll()
    .where('organization_id', '=', org)
    .where('unit_id', '=', unitId)
    .orderBy('start_time')
    .execute();
export type ShiftTypeRow = Awaited<ReturnType<typeof listShiftTypes>>[number];

export const getShiftType = (db: Q, org: string, id: string, facilityIds: readonly string[]) =>
  db
    .selectFrom('shift_types')
    .selectAll()
    .where('organization_id', '=', org)
    .where('id', '=', id)
    .where('facility_id', 'in', nonEmpty(facilityIds))
    .executeTakeFirst();

export const insertShiftType = (db: Q, row: Insert<'shift_types'>) => db.insertInto('shift_types').values(row).execute();

export const updateShiftType = (db: Q, org: string, id: string, set: Update<'shift_types'>) =>
  db.updateTable('shift_types').set(set).where('organization_id', '=', org).where('id', '=', id).execute();

export const listDemands = (db: Q, org: string, unitId: string) =>
  db
    .selectFrom('coverage_demands')
    .selectAll()
    .where('organization_id', '=', org)
    .where('unit_id', '=', unitId)
    .orderBy('weekday')
    .orderBy('on_date')
    .execute();

/** Sets a cell's demand (shift, position, and weekday or date): the row replaces any earlier one. */
export async function replaceDemand(db: Q, row: Insert<'coverage_demands'>) {
  let del = db
    .deleteFrom('coverage_demands')
    .where('organization_id', '=', row.organization_id)
    .where('shift_type_id', '=', row.shift_type_id)
    .where('position', '=', row.position);
  del = row.on_date ? del.where('on_date', '=', row.on_date) : del.where('weekday', '=', row.weekday ?? -1);
  await del.execute();
  await db.insertInto('coverage_demands').values(row).execute();
}

export const getDemand = (db: Q, org: string, id: string, facilityIds: readonly string[]) =>
  db
    .selectFrom('coverage_demands')
    .selectAll()
    .where('organization_id', '=', org)
    .where('id', '=', id)
    .where('facility_id', 'in', nonEmpty(facilityIds))
    .executeTakeFirst();

export const deleteDemand = (db: Q, org: string, id: string) =>
  db.deleteFrom('coverage_demands').where('organization_id', '=', org).where('id', '=', id).execute();

export const listContracts = (db: Q, org: string, staffIds: readonly string[]) =>
  db
    .selectFrom('staff_contracts')
    .selectAll()
    .where('organization_id', '=', org)
    .where('staff_member_id', 'in', nonEmpty(staffIds))
    .execute();

export const getContract = (db: Q, org: string, staffMemberId: string) =>
  db
    .selectFrom('staff_contracts')
    .selectAll()
    .where('organization_id', '=', org)
    .where('staff_member_id', '=', staffMemberId)
    .executeTakeFirst();

type ContractLimitsRow = Omit<Insert<'staff_contracts'>, 'organization_id' | 'staff_member_id' | 'updated_at'>;
export const upsertContract = (db: Q, org: string, staffMemberId: string, row: ContractLimitsRow) =>
  db
    .insertInto('staff_contracts')
    .values({ organization_id: org, staff_member_id: staffMemberId, ...row })
    .onConflict((oc) => oc.column('staff_member_id').doUpdateSet({ ...row, updated_at: new Date() }))
    .execute();

/** A person's employment type, whose defaults apply until their own limits are set (the staff module's table). */
export const employmentTypeOf = (db: Q, org: string, staffMemberId: string) =>
  db
    .selectFrom('staff_members')
    .select('employment_type')
    .where('organization_id', '=', org)
    .where('id', '=', staffMemberId)
    .executeTakeFirstOrThrow();

export const insertLeave = (db: Q, row: Insert<'staff_leave'>) => db.insertInto('staff_leave').values(row).execute();

export const insertShiftRequest = (db: Q, row: Insert<'shift_requests'>) => db.insertInto('shift_requests').values(row).execute();

export const listLeave = (db: Q, org: string, facilityId: string, from: string, to: string) =>
  db
    .selectFrom('staff_leave')
    .selectAll()
    .where('organization_id', '=', org)
    .where('facility_id', '=', facilityId)
    .where('starts_on', '<=', to)
    .where('ends_on', '>=', from)
    .orderBy('starts_on')
    .execute();

export const listRequests = (db: Q, org: string, facilityId: string, from: string, to: string) =>
  db
    .selectFrom('shift_requests')
    .selectAll()
    .where('organization_id', '=', org)
    .where('facility_id', '=', facilityId)
    .where('on_date', '>=', from)
    .where('on_date', '<=', to)
    .orderBy('on_date')
    .execute();

// A roster row carries its unit's rest and its facility's workweek: what it is judged against.
const rosterColumns = [
  'u.name as unit_name',
  'u.min_rest_minutes as unit_min_rest_minutes',
  'f.workweek_start_day',
  'f.workweek_start_hour',
] as const;

export const listRosters = (db: Q, org: string, facilityIds: readonly string[]) =>
  db
    .selectFrom('rosters as r')
    .innerJoin('roster_units as u', 'u.id', 'r.unit_id')
    .innerJoin('facilities as f', 'f.id', 'r.facility_id')
    .selectAll('r')
    .select(rosterColumns)
    .where('r.organization_id', '=', org)
    .where('r.facility_id', 'in', nonEmpty(facilityIds))
    .orderBy('r.start_date', 'desc')
    .execute();
export type RosterRow = Awaited<ReturnType<typeof listRosters>>[number];

export const insertRoster = (db: Q, row: Insert<'rosters'>) => db.insertInto('rosters').values(row).execute();

export const markPublished = (db: Q, org: string, id: string, version: number, now: Date) =>
  db
    .updateTable('rosters')
    .set({ status: 'published', published_at: now, version: version + 1, updated_at: now })
    .where('organization_id', '=', org)
    .where('id', '=', id)
    .execute();

export function getRoster(db: Q, org: string, id: string, facilityIds: readonly string[], lock = false) {
  let q = db
    .selectFrom('rosters as r')
    .innerJoin('roster_units as u', 'u.id', 'r.unit_id')
    .innerJoin('facilities as f', 'f.id', 'r.facility_id')
    .selectAll('r')
    .select(rosterColumns)
    .where('r.organization_id', '=', org)
    .where('r.id', '=', id)
    .where('r.facility_id', 'in', nonEmpty(facilityIds));
  if (lock) q = q.forUpdate('r');
  return q.executeTakeFirst();
}

export const listAssignments = (db: Q, org: string, rosterId: string) =>
  db
    .selectFrom('roster_assignments')
    .select(['staff_member_id', 'on_date', 'shift_type_id'])
    .where('organization_id', '=', org)
    .where('roster_id', '=', rosterId)
    .orderBy('staff_member_id')
    .orderBy('on_date')
    .execute();

export async function replaceAssignments(
  db: Q,
  org: string,
  rosterId: string,
  rows: { staff_member_id: string; on_date: string; shift_type_id: string }[],
) {
  await db.deleteFrom('roster_assignments').where('organization_id', '=', org).where('roster_id', '=', rosterId).execute();
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('roster_assignments')
      .values(rows.slice(i, i + 500).map((r) => ({ ...r, organization_id: org, roster_id: rosterId })))
      .execute();
  }
}

export const bumpVersion = (db: Q, org: string, id: string, version: number) =>
  db
    .updateTable('rosters')
    .set({ version: version + 1, updated_at: new Date() })
    .where('organization_id', '=', org)
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('version')
    .executeTakeFirst();

/** Each facility's IANA zone: "today" and other dates are the facility's, not the server's. */
export const facilityZones = (db: Q, org: string, facilityIds: readonly string[]) =>
  db
    .selectFrom('facilities')
    .select(['id', 'time_zone'])
    .where('organization_id', '=', org)
    .where('id', 'in', nonEmpty(facilityIds))
    .execute();

/** Open shifts still to come: on or after each facility's own today. */
export async function countUpcomingOpenShifts(db: Q, org: string, todays: ReadonlyMap<string, string>) {
  if (todays.size === 0) return 0;
  const row = await db
    .selectFrom('open_shifts as o')
    .innerJoin('rosters as r', 'r.id', 'o.roster_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('o.organization_id', '=', org)
    .where('o.status', '=', 'open')
    .where((eb) =>
      eb.or(
        [...todays].map(([facilityId, today]) => eb.and([eb('r.facility_id', '=', facilityId), eb('o.on_date', '>=', today)])),
      ),
    )
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

// Open shifts, swaps and calendar feeds: what people do with their own shifts.

export const insertOpenShift = (db: Q, row: Insert<'open_shifts'>) => db.insertInto('open_shifts').values(row).execute();

const openShiftRows = (db: Q, org: string, facilityIds: readonly string[]) =>
  db
    .selectFrom('open_shifts as o')
    .innerJoin('rosters as r', 'r.id', 'o.roster_id')
    .innerJoin('shift_types as s', 's.id', 'o.shift_type_id')
    .select([
      'o.id',
      'o.roster_id',
      'o.on_date',
      'o.shift_type_id',
      's.code',
      'o.position',
      'o.reason',
      'o.status',
      'o.claimed_by',
      'r.facility_id',
    ])
    .where('o.organization_id', '=', org)
    .where('r.facility_id', 'in', nonEmpty(facilityIds));
export type OpenShiftRow = Awaited<ReturnType<ReturnType<typeof openShiftRows>['execute']>>[number];

export function listOpenShifts(db: Q, org: string, facilityIds: readonly string[], status?: 'open' | 'claimed' | 'cancelled') {
  let query = openShiftRows(db, org, facilityIds).orderBy('o.on_date');
  if (status) query = query.where('o.status', '=', status);
  return query.execute();
}

/** One open shift, locked for the claim. */
export const lockOpenShift = (db: Q, org: string, facilityIds: readonly string[], id: string) =>
  openShiftRows(db, org, facilityIds).where('o.id', '=', id).forUpdate('o').executeTakeFirst();

export const markOpenShiftClaimed = (db: Q, id: string, staffMemberId: string) =>
  db.updateTable('open_shifts').set({ status: 'claimed', claimed_by: staffMemberId }).where('id', '=', id).execute();

const swapRows = (db: Q, org: string, facilityIds: readonly string[]) =>
  db
    .selectFrom('swap_requests as w')
    .innerJoin('rosters as r', 'r.id', 'w.roster_id')
    .innerJoin('staff_members as a', 'a.id', 'w.requester_id')
    .innerJoin('staff_members as b', 'b.id', 'w.taker_id')
    .select([
      'w.id',
      'w.roster_id',
      'w.requester_id',
      'w.taker_id',
      'w.on_date',
      'w.status',
      'w.decision_note',
      'a.first_name as a_first',
      'a.last_name as a_last',
      'b.first_name as b_first',
      'b.last_name as b_last',
    ])
    .where('w.organization_id', '=', org)
    .where('r.facility_id', 'in', nonEmpty(facilityIds));
export type SwapRow = Awaited<ReturnType<ReturnType<typeof swapRows>['execute']>>[number];

export const listSwaps = (db: Q, org: string, facilityIds: readonly string[]) =>
  swapRows(db, org, facilityIds).orderBy('w.created_at', 'desc').execute();

export function getSwap(db: Q, org: string, facilityIds: readonly string[], id: string, lock = false) {
  const query = swapRows(db, org, facilityIds).where('w.id', '=', id);
  return (lock ? query.forUpdate('w') : query).executeTakeFirst();
}

export const insertSwap = (db: Q, row: Insert<'swap_requests'>) => db.insertInto('swap_requests').values(row).execute();

export const decideSwap = (db: Q, id: string, set: Update<'swap_requests'>) =>
  db.updateTable('swap_requests').set(set).where('id', '=', id).execute();

/** A person's published shifts between two dates; where published rosters of a unit overlap, the one published last holds the day. */
export const publishedShiftsOf = (db: Q, org: string, staffMemberId: string, from: string, to: string) =>
  db
    .selectFrom('roster_assignments as a')
    .innerJoin('rosters as r', 'r.id', 'a.roster_id')
    .innerJoin('shift_types as s', 's.id', 'a.shift_type_id')
    .innerJoin('roster_units as u', 'u.id', 'r.unit_id')
    .innerJoin('facilities as f', 'f.id', 'r.facility_id')
    .select([
      'a.on_date',
      's.id as shift_type_id',
      's.code',
      's.name',
      's.start_time',
      's.minutes',
      'f.name as facility_name',
      'f.time_zone',
      'u.name as unit_name',
      'a.roster_id',
    ])
    .where('a.organization_id', '=', org)
    .where('a.staff_member_id', '=', staffMemberId)
    .where('r.status', '=', 'published')
    .where('a.on_date', '>=', from)
    .where('a.on_date', '<=', to)
    .distinctOn(['a.on_date', 'r.unit_id'])
    .orderBy('a.on_date')
    .orderBy('r.unit_id')
    .orderBy('r.published_at', 'desc')
    .execute();
export type PublishedShiftRow = Awaited<ReturnType<typeof publishedShiftsOf>>[number];

/**
 * The people's shifts on the facility's published rosters (any unit) between two dates, as
 * publishedShiftsOf picks them: where published rosters of a unit overlap, the one published last
 * holds the day. The overtime projection counts them as hours worked before a roster, and the
 * roster's history (domain/history.ts) as the runs and the rest it starts from.
 */
export const publishedShiftsBetween = (
  db: Q,
  org: string,
  facilityId: string,
  staffMemberIds: readonly string[],
  from: string,
  to: string,
) =>
  db
    .selectFrom('roster_assignments as a')
    .innerJoin('rosters as r', 'r.id', 'a.roster_id')
    .innerJoin('shift_types as s', 's.id', 'a.shift_type_id')
    .select(['a.staff_member_id', 'a.on_date', 's.start_time', 's.minutes', 's.code'])
    .where('a.organization_id', '=', org)
    .where('r.facility_id', '=', facilityId)
    .where('a.staff_member_id', 'in', nonEmpty(staffMemberIds))
    .where('r.status', '=', 'published')
    .where('a.on_date', '>=', from)
    .where('a.on_date', '<=', to)
    .distinctOn(['a.staff_member_id', 'a.on_date', 'r.unit_id'])
    .orderBy('a.staff_member_id')
    .orderBy('a.on_date')
    .orderBy('r.unit_id')
    .orderBy('r.published_at', 'desc')
    .execute();

export type PublishedShiftBeforeRow = Awaited<ReturnType<typeof publishedShiftsBetween>>[number];

/** The dates of the facility's published rosters (any unit) that reach into from..to: the days whose work is known. */
export const publishedSpansBetween = (db: Q, org: string, facilityId: string, from: string, to: string) =>
  db
    .selectFrom('rosters')
    .select(['start_date', 'days'])
    .where('organization_id', '=', org)
    .where('facility_id', '=', facilityId)
    .where('status', '=', 'published')
    .where('start_date', '<=', to)
    .where(sql<string>`start_date + days - 1`, '>=', from)
    .execute();

/** Stores the hash of a person's feed token; a new one replaces the old. */
export const setFeedToken = (db: Q, org: string, staffMemberId: string, tokenSha256: string) =>
  db
    .insertInto('roster_feed_tokens')
    .values({ organization_id: org, staff_member_id: staffMemberId, token_sha256: tokenSha256 })
    .onConflict((oc) => oc.column('staff_member_id').doUpdateSet({ token_sha256: tokenSha256, created_at: new Date() }))
    .execute();

/** The person behind a feed token, in any organization: the token is the credential. */
export const feedOwner = (db: Q, tokenSha256: string) =>
  db
    .selectFrom('roster_feed_tokens as t')
    .innerJoin('staff_members as s', 's.id', 't.staff_member_id')
    .select(['t.organization_id', 't.staff_member_id', 's.first_name', 's.last_name'])
    .where('t.token_sha256', '=', tokenSha256)
    .executeTakeFirst();
