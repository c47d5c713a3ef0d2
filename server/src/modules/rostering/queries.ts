import type { Insertable } from 'kysely';
import type { Ctx } from '../../platform/context.js';
import type { RosteringTables } from './tables.js';

type Q = Ctx['db'];
type Insert<T extends keyof RosteringTables> = Insertable<RosteringTables[T]>;
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

export const listDemands = (db: Q, org: string, unitId: string) =>
  db
    .selectFrom('coverage_demands')
    .selectAll()
    .where('organization_id', '=', org)
    .where('unit_id', '=', unitId)
    .orderBy('weekday')
    .orderBy('on_date')
    .execute();

export const listContracts = (db: Q, org: string, staffIds: readonly string[]) =>
  db
    .selectFrom('staff_contracts')
    .selectAll()
    .where('organization_id', '=', org)
    .where('staff_member_id', 'in', nonEmpty(staffIds))
    .execute();

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

export const listRosters = (db: Q, org: string, facilityIds: readonly string[]) =>
  db
    .selectFrom('rosters as r')
    .innerJoin('roster_units as u', 'u.id', 'r.unit_id')
    .selectAll('r')
    .select(['u.name as unit_name', 'u.min_rest_minutes as unit_min_rest_minutes'])
    .where('r.organization_id', '=', org)
    .where('r.facility_id', 'in', nonEmpty(facilityIds))
    .orderBy('r.start_date', 'desc')
    .execute();
export type RosterRow = Awaited<ReturnType<typeof listRosters>>[number];

export function getRoster(db: Q, org: string, id: string, facilityIds: readonly string[], lock = false) {
  let q = db
    .selectFrom('rosters as r')
    .innerJoin('roster_units as u', 'u.id', 'r.unit_id')
    .selectAll('r')
    .select(['u.name as unit_name', 'u.min_rest_minutes as unit_min_rest_minutes'])
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
