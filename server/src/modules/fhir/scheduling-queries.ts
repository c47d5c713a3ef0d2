import { type Kysely, type SqlBool, sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import { type AppointmentFacts, statusesOfFhir } from './domain/scheduling-to-fhir.js';
import type { Filters } from './domain/search.js';
import { allOf, anyOf, dateCondition, type Paging } from './queries.js';

// Read-only queries on the scheduling module's records for Schedule and Appointment, scoped by
// organization and the caller's facilities like the others.

type Db = Kysely<Database>;
type Cond = ReturnType<typeof sql<SqlBool>>;

export async function searchSchedules(db: Db, orgId: string, facilityIds: readonly string[], f: Filters, paging: Paging) {
  if (facilityIds.length === 0) return { total: 0, rows: [] };
  const conds: Cond[] = [];
  if (f.ids) conds.push(sql<SqlBool>`r.id IN (${sql.join(f.ids)})`);
  if (f.practitioner) conds.push(sql<SqlBool>`r.staff_member_id IN (${sql.join(f.practitioner)})`);
  for (const group of f.codes?.active ?? []) conds.push(anyOf(group.map((v) => sql<SqlBool>`r.active = ${v === 'true'}`)));
  const base = db
    .selectFrom('sched_resources as r')
    .where('r.organization_id', '=', orgId)
    .where('r.facility_id', 'in', facilityIds)
    .where(allOf(conds));
  const [count, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    base
      .select(['r.id', 'r.facility_id', 'r.kind', 'r.name', 'r.staff_member_id', 'r.active'])
      .orderBy('r.kind')
      .orderBy('r.name')
      .orderBy('r.id')
      .limit(paging.count)
      .offset(paging.offset)
      .execute(),
  ]);
  return { total: Number(count.n), rows };
}

export async function searchAppointments(
  db: Db,
  orgId: string,
  facilityIds: readonly string[],
  f: Filters,
  paging: Paging,
): Promise<{ total: number; rows: AppointmentFacts[] }> {
  if (facilityIds.length === 0) return { total: 0, rows: [] };
  const conds: Cond[] = [];
  if (f.ids) conds.push(sql<SqlBool>`a.id IN (${sql.join(f.ids)})`);
  if (f.reference) conds.push(sql<SqlBool>`a.patient_id IN (${sql.join(f.reference)})`);
  if (f.practitioner) conds.push(sql<SqlBool>`p.staff_member_id IN (${sql.join(f.practitioner)})`);
  // An appointment's date is its date where it takes place: the facility's time zone.
  for (const group of f.date ?? []) conds.push(anyOf(group.map((d) => dateCondition('a.starts_at', d, 'fz.time_zone'))));
  for (const group of f.codes?.status ?? []) {
    const statuses = group.flatMap((s) => statusesOfFhir[s] ?? []);
    conds.push(sql<SqlBool>`a.status IN (${sql.join(statuses)})`);
  }
  const base = db
    .selectFrom('appointments as a')
    .innerJoin('appointment_types as t', (j) =>
      j.onRef('t.id', '=', 'a.appointment_type_id').onRef('t.organization_id', '=', 'a.organization_id'),
    )
    .innerJoin('sched_resources as p', (j) =>
      j.onRef('p.id', '=', 'a.provider_resource_id').onRef('p.organization_id', '=', 'a.organization_id'),
    )
    .innerJoin('facilities as fz', (j) =>
      j.onRef('fz.id', '=', 'a.facility_id').onRef('fz.organization_id', '=', 'a.organization_id'),
    )
    .where('a.organization_id', '=', orgId)
    .where('a.facility_id', 'in', facilityIds)
    .where(allOf(conds));
  const [count, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    base
      .select([
        'a.id',
        'a.facility_id',
        'a.patient_id',
        'a.status',
        'a.starts_at',
        'a.ends_at',
        'a.booked_at',
        'a.updated_at',
        'a.cancel_reason',
        't.visit_kind',
        't.name as type_name',
        'p.name as provider_name',
        'p.staff_member_id as provider_staff_id',
      ])
      .select((eb) =>
        eb
          .selectFrom('appointment_bookings as b')
          .innerJoin('sched_resources as r', (j) =>
            j.onRef('r.id', '=', 'b.resource_id').onRef('r.organization_id', '=', 'b.organization_id'),
          )
          .select(
            sql<
              { id: string; name: string }[]
            >`coalesce(json_agg(json_build_object('id', r.id, 'name', r.name) ORDER BY r.kind, r.name), '[]')`.as('rooms'),
          )
          .whereRef('b.organization_id', '=', 'a.organization_id')
          .whereRef('b.appointment_id', '=', 'a.id')
          .where('r.kind', '<>', 'provider')
          .as('rooms'),
      )
      .orderBy('a.starts_at', 'desc')
      .orderBy('a.id')
      .limit(paging.count)
      .offset(paging.offset)
      .execute(),
  ]);
  return { total: Number(count.n), rows: rows.map((r) => ({ ...r, rooms: r.rooms ?? [] })) };
}
