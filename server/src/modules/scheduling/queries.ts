import { type Insertable, sql, type Updateable } from 'kysely';
import type { Ctx } from '../../platform/context.js';
import type { SchedulingTables } from './tables.js';

type Q = Ctx['db'];
type Insert<T extends keyof SchedulingTables> = Insertable<SchedulingTables[T]>;
type Update<T extends keyof SchedulingTables> = Updateable<SchedulingTables[T]>;

// An empty IN list is not valid SQL; a list of one impossible id matches nothing.
const NONE = ['00000000-0000-0000-0000-000000000000'];
const nonEmpty = (ids: readonly string[]) => (ids.length > 0 ? [...ids] : NONE);

/** Facilities (the platform's table, read only) with their zones. */
export const facilities = (db: Q, organizationId: string, ids: readonly string[]) =>
  db
    .selectFrom('facilities')
    .select(['id', 'name', 'time_zone'])
    .where('organization_id', '=', organizationId)
    .where('id', 'in', nonEmpty(ids))
    .execute();

export function listResources(
  db: Q,
  organizationId: string,
  opts: { facilityIds: readonly string[]; kind?: string | undefined; ids?: readonly string[]; activeOnly?: boolean },
) {
  let query = db
    .selectFrom('sched_resources')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('facility_id', 'in', nonEmpty(opts.facilityIds))
    .orderBy('kind')
    .orderBy('name');
  if (opts.kind) query = query.where('kind', '=', opts.kind as 'provider');
  if (opts.ids) query = query.where('id', 'in', nonEmpty(opts.ids));
  if (opts.activeOnly) query = query.where('active', '=', true);
  return query.execute();
}
export type ResourceRow = Awaited<ReturnType<typeof listResources>>[number];

export const insertResource = (db: Q, row: Insert<'sched_resources'>) => db.insertInto('sched_resources').values(row).execute();

export function listTypes(db: Q, organizationId: string, opts: { facilityIds: readonly string[]; id?: string }) {
  let query = db
    .selectFrom('appointment_types')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('facility_id', 'in', nonEmpty(opts.facilityIds))
    .orderBy('name');
  if (opts.id) query = query.where('id', '=', opts.id);
  return query.execute();
}
export type TypeRow = Awaited<ReturnType<typeof listTypes>>[number];

export const insertType = (db: Q, row: Insert<'appointment_types'>) => db.insertInto('appointment_types').values(row).execute();

export function listTemplates(
  db: Q,
  organizationId: string,
  opts: { facilityIds: readonly string[]; resourceIds?: readonly string[]; from?: string; to?: string },
) {
  let query = db
    .selectFrom('availability_templates')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('facility_id', 'in', nonEmpty(opts.facilityIds))
    .orderBy('resource_id')
    .orderBy('effective_from');
  if (opts.resourceIds) query = query.where('resource_id', 'in', nonEmpty(opts.resourceIds));
  if (opts.to) query = query.where('effective_from', '<=', opts.to);
  if (opts.from) {
    const from = opts.from;
    query = query.where((eb) => eb.or([eb('effective_until', 'is', null), eb('effective_until', '>=', from)]));
  }
  return query.execute();
}
export type TemplateRow = Awaited<ReturnType<typeof listTemplates>>[number];

export const insertTemplate = (db: Q, row: Insert<'availability_templates'>) =>
  db.insertInto('availability_templates').values(row).execute();

export function listExceptions(db: Q, organizationId: string, opts: { facilityIds: readonly string[]; from?: Date; to?: Date }) {
  let query = db
    .selectFrom('availability_exceptions')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('facility_id', 'in', nonEmpty(opts.facilityIds))
    .orderBy('starts_at');
  if (opts.to) query = query.where('starts_at', '<', opts.to);
  if (opts.from) query = query.where('ends_at', '>', opts.from);
  return query.execute();
}
export type ExceptionRow = Awaited<ReturnType<typeof listExceptions>>[number];

export const insertException = (db: Q, row: Insert<'availability_exceptions'>) =>
  db.insertInto('availability_exceptions').values(row).execute();

/** Active bookings of the resources overlapping [from, to), as epoch-millisecond bounds (bookings are shorter than a day). */
export async function busyBookings(db: Q, organizationId: string, resourceIds: readonly string[], from: Date, to: Date) {
  const { rows } = await sql<{ resource_id: string; appointment_id: string; lo: string; hi: string }>`
    SELECT resource_id, appointment_id,
           (extract(epoch FROM lower(during)) * 1000)::bigint AS lo,
           (extract(epoch FROM upper(during)) * 1000)::bigint AS hi
      FROM appointment_bookings
     WHERE organization_id = ${organizationId}
       AND resource_id = ANY(${nonEmpty(resourceIds)}::uuid[])
       AND active
       AND lower(during) >= ${new Date(from.getTime() - 86_400_000)}
       AND lower(during) < ${to}
       AND upper(during) > ${from}`.execute(db);
  return rows.map((r) => ({
    resourceId: r.resource_id,
    appointmentId: r.appointment_id,
    start: Number(r.lo),
    end: Number(r.hi),
  }));
}

const appointmentColumns = [
  'a.id',
  'a.organization_id',
  'a.facility_id',
  'a.patient_id',
  'a.appointment_type_id',
  'a.provider_resource_id',
  'a.starts_at',
  'a.ends_at',
  'a.status',
  'a.booked_at',
  'a.checked_in_at',
  'a.roomed_at',
  'a.seen_at',
  'a.checked_out_at',
  'a.cancelled_at',
  'a.cancel_reason',
  'a.no_show_at',
  'a.confirmed_at',
  'a.overbooked',
  'a.series_id',
  'a.notes',
  't.name as type_name',
  't.color',
  't.duration_minutes',
  't.buffer_minutes',
  'p.name as provider_name',
] as const;

export function listAppointments(
  db: Q,
  organizationId: string,
  opts: {
    facilityIds: readonly string[];
    from?: Date;
    to?: Date;
    providerResourceId?: string | undefined;
    id?: string;
    patientId?: string;
    limit?: number;
  },
) {
  let query = db
    .selectFrom('appointments as a')
    .innerJoin('appointment_types as t', (j) =>
      j.onRef('t.id', '=', 'a.appointment_type_id').onRef('t.organization_id', '=', 'a.organization_id'),
    )
    .innerJoin('sched_resources as p', (j) =>
      j.onRef('p.id', '=', 'a.provider_resource_id').onRef('p.organization_id', '=', 'a.organization_id'),
    )
    .select([...appointmentColumns])
    .select((eb) =>
      eb
        .selectFrom('appointment_bookings as b')
        .innerJoin('sched_resources as r', (j) =>
          j.onRef('r.id', '=', 'b.resource_id').onRef('r.organization_id', '=', 'b.organization_id'),
        )
        .select(sql<string[]>`coalesce(array_agg(b.resource_id ORDER BY r.kind, r.name), '{}')`.as('ids'))
        .whereRef('b.organization_id', '=', 'a.organization_id')
        .whereRef('b.appointment_id', '=', 'a.id')
        .where('r.kind', '<>', 'provider')
        .as('resource_ids'),
    )
    .where('a.organization_id', '=', organizationId)
    .where('a.facility_id', 'in', nonEmpty(opts.facilityIds))
    .orderBy('a.starts_at', opts.patientId ? 'desc' : 'asc')
    .orderBy('p.name');
  if (opts.from) query = query.where('a.starts_at', '>=', opts.from);
  if (opts.to) query = query.where('a.starts_at', '<', opts.to);
  if (opts.providerResourceId) query = query.where('a.provider_resource_id', '=', opts.providerResourceId);
  if (opts.id) query = query.where('a.id', '=', opts.id);
  if (opts.patientId) query = query.where('a.patient_id', '=', opts.patientId);
  if (opts.limit) query = query.limit(opts.limit);
  return query.execute();
}
export type AppointmentRow = Awaited<ReturnType<typeof listAppointments>>[number];

/** Locks one appointment row for a status change or a move. */
export const lockAppointment = (db: Q, organizationId: string, id: string, facilityIds: readonly string[]) =>
  db
    .selectFrom('appointments')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .where('facility_id', 'in', nonEmpty(facilityIds))
    .forUpdate()
    .executeTakeFirst();

export const insertAppointment = (db: Q, row: Insert<'appointments'>) => db.insertInto('appointments').values(row).execute();

export const updateAppointment = (db: Q, organizationId: string, id: string, set: Update<'appointments'>) =>
  db
    .updateTable('appointments')
    .set({ ...set, updated_at: new Date() })
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .execute();

/** One booking row per resource, in resource-id order so concurrent bookers lock alike. */
export function insertBookings(
  db: Q,
  organizationId: string,
  appointmentId: string,
  resourceIds: readonly string[],
  start: Date,
  end: Date,
  overbooked: boolean,
) {
  const during = `[${start.toISOString()},${end.toISOString()})`;
  const rows = [...resourceIds].sort().map((resource_id) => ({
    organization_id: organizationId,
    appointment_id: appointmentId,
    resource_id,
    during,
    overbooked,
  }));
  return db.insertInto('appointment_bookings').values(rows).execute();
}

export const deleteBookings = (db: Q, organizationId: string, appointmentId: string) =>
  db
    .deleteFrom('appointment_bookings')
    .where('organization_id', '=', organizationId)
    .where('appointment_id', '=', appointmentId)
    .execute();

export const releaseBookings = (db: Q, organizationId: string, appointmentId: string) =>
  db
    .updateTable('appointment_bookings')
    .set({ active: false })
    .where('organization_id', '=', organizationId)
    .where('appointment_id', '=', appointmentId)
    .execute();

/** Counts of the day's appointments by status, for the dashboard. */
export const statusCounts = (db: Q, organizationId: string, facilityIds: readonly string[], from: Date, to: Date) =>
  db
    .selectFrom('appointments')
    .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
    .where('organization_id', '=', organizationId)
    .where('facility_id', 'in', nonEmpty(facilityIds))
    .where('starts_at', '>=', from)
    .where('starts_at', '<', to)
    .groupBy('status')
    .execute();

export function listWaitlist(
  db: Q,
  organizationId: string,
  opts: { facilityIds: readonly string[]; id?: string; waitingOnly?: boolean },
) {
  let query = db
    .selectFrom('waitlist_entries as w')
    .innerJoin('appointment_types as t', (j) =>
      j.onRef('t.id', '=', 'w.appointment_type_id').onRef('t.organization_id', '=', 'w.organization_id'),
    )
    .selectAll('w')
    .select(['t.duration_minutes', 't.buffer_minutes'])
    .where('w.organization_id', '=', organizationId)
    .where('w.facility_id', 'in', nonEmpty(opts.facilityIds))
    .orderBy('w.created_at');
  if (opts.id) query = query.where('w.id', '=', opts.id);
  if (opts.waitingOnly) query = query.where('w.status', '=', 'waiting');
  return query.execute();
}
export type WaitlistRow = Awaited<ReturnType<typeof listWaitlist>>[number];

export const insertWaitlistEntry = (db: Q, row: Insert<'waitlist_entries'>) =>
  db.insertInto('waitlist_entries').values(row).execute();

export const updateWaitlistEntry = (db: Q, organizationId: string, id: string, set: Update<'waitlist_entries'>) =>
  db
    .updateTable('waitlist_entries')
    .set({ ...set, updated_at: new Date() })
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .execute();

/** A booking fulfils the patient's waiting entries for that type whose window holds the date. */
export const fulfilWaitlist = (
  db: Q,
  organizationId: string,
  patientId: string,
  typeId: string,
  date: string,
  appointmentId: string,
) =>
  db
    .updateTable('waitlist_entries')
    .set({ status: 'booked', appointment_id: appointmentId, updated_at: new Date() })
    .where('organization_id', '=', organizationId)
    .where('patient_id', '=', patientId)
    .where('appointment_type_id', '=', typeId)
    .where('status', '=', 'waiting')
    .where('earliest_date', '<=', date)
    .where('latest_date', '>=', date)
    .returning('id')
    .execute();

export const revokeFeedTokens = (db: Q, organizationId: string, resourceId: string, at: Date) =>
  db
    .updateTable('sched_feed_tokens')
    .set({ revoked_at: at })
    .where('organization_id', '=', organizationId)
    .where('resource_id', '=', resourceId)
    .where('revoked_at', 'is', null)
    .execute();

export const insertFeedToken = (db: Q, row: Insert<'sched_feed_tokens'>) =>
  db.insertInto('sched_feed_tokens').values(row).execute();

/** A live feed token, across organizations: the token itself says whose it is. */
export const findFeedToken = (db: Q, tokenHash: string) =>
  db
    .selectFrom('sched_feed_tokens as f')
    .innerJoin('sched_resources as r', (j) =>
      j.onRef('r.id', '=', 'f.resource_id').onRef('r.organization_id', '=', 'f.organization_id'),
    )
    .select(['f.organization_id', 'f.resource_id', 'r.name', 'r.facility_id'])
    .where('f.token_hash', '=', tokenHash)
    .where('f.revoked_at', 'is', null)
    .executeTakeFirst();

/** Booked appointments starting in (from, to], for reminders. */
export const remindable = (db: Q, organizationId: string, facilityIds: readonly string[], from: Date, to: Date) =>
  db
    .selectFrom('appointments')
    .select(['id', 'facility_id', 'patient_id', 'starts_at', 'booked_at'])
    .where('organization_id', '=', organizationId)
    .where('facility_id', 'in', nonEmpty(facilityIds))
    .where('status', '=', 'booked')
    .where('starts_at', '>', from)
    .where('starts_at', '<=', to)
    .orderBy('starts_at')
    .execute();

export const reminderSettings = (db: Q, organizationId: string) =>
  db.selectFrom('reminder_settings').selectAll().where('organization_id', '=', organizationId).executeTakeFirst();

export const upsertReminderSettings = (db: Q, row: Insert<'reminder_settings'>) =>
  db
    .insertInto('reminder_settings')
    .values(row)
    .onConflict((oc) =>
      oc.column('organization_id').doUpdateSet({
        offsets_minutes: row.offsets_minutes,
        email_enabled: row.email_enabled,
        sms_enabled: row.sms_enabled,
        updated_by: row.updated_by ?? null,
        updated_at: new Date(),
      }),
    )
    .execute();

/** One appointment by id alone (the signed link names no organization), locked. */
export const lockAppointmentById = (db: Q, id: string) =>
  db
    .selectFrom('appointments as a')
    .innerJoin('facilities as f', (j) =>
      j.onRef('f.id', '=', 'a.facility_id').onRef('f.organization_id', '=', 'a.organization_id'),
    )
    .innerJoin('sched_resources as p', (j) =>
      j.onRef('p.id', '=', 'a.provider_resource_id').onRef('p.organization_id', '=', 'a.organization_id'),
    )
    .select([
      'a.id',
      'a.organization_id',
      'a.facility_id',
      'a.patient_id',
      'a.starts_at',
      'a.status',
      'a.confirmed_at',
      'f.name as facility_name',
      'f.time_zone',
      'p.name as provider_name',
    ])
    .where('a.id', '=', id)
    .forUpdate('a')
    .executeTakeFirst();

export const updateResource = (db: Q, organizationId: string, id: string, set: Update<'sched_resources'>) =>
  db.updateTable('sched_resources').set(set).where('organization_id', '=', organizationId).where('id', '=', id).execute();

export const updateType = (db: Q, organizationId: string, id: string, set: Update<'appointment_types'>) =>
  db.updateTable('appointment_types').set(set).where('organization_id', '=', organizationId).where('id', '=', id).execute();

export const updateTemplate = (db: Q, organizationId: string, id: string, set: Update<'availability_templates'>) =>
  db.updateTable('availability_templates').set(set).where('organization_id', '=', organizationId).where('id', '=', id).execute();

export const updateException = (db: Q, organizationId: string, id: string, set: Update<'availability_exceptions'>) =>
  db.updateTable('availability_exceptions').set(set).where('organization_id', '=', organizationId).where('id', '=', id).execute();

export const deleteException = (db: Q, organizationId: string, id: string) =>
  db.deleteFrom('availability_exceptions').where('organization_id', '=', organizationId).where('id', '=', id).execute();

export const findTemplate = (db: Q, organizationId: string, id: string, facilityIds: readonly string[]) =>
  db
    .selectFrom('availability_templates')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .where('facility_id', 'in', nonEmpty(facilityIds))
    .executeTakeFirst();

export const findException = (db: Q, organizationId: string, id: string, facilityIds: readonly string[]) =>
  db
    .selectFrom('availability_exceptions')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .where('facility_id', 'in', nonEmpty(facilityIds))
    .executeTakeFirst();

/** Appointments still ahead that patients cancelled through their link since `since`. */
export const patientCancellations = (
  db: Q,
  organizationId: string,
  facilityIds: readonly string[],
  reason: string,
  since: Date,
  now: Date,
) =>
  db
    .selectFrom('appointments')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('organization_id', '=', organizationId)
    .where('facility_id', 'in', nonEmpty(facilityIds))
    .where('status', '=', 'cancelled')
    .where('cancel_reason', '=', reason)
    .where('cancelled_at', '>=', since)
    .where('starts_at', '>', now)
    .executeTakeFirstOrThrow();

/** A merged duplicate's appointments or waitlist entries become the survivor's; returns the ids moved. */
export async function reassignPatient(
  db: Q,
  table: 'appointments' | 'waitlist_entries',
  organizationId: string,
  fromPatientId: string,
  toPatientId: string,
) {
  const rows = await db
    .updateTable(table)
    .set({ patient_id: toPatientId, updated_at: new Date() })
    .where('organization_id', '=', organizationId)
    .where('patient_id', '=', fromPatientId)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}
