import { sql } from 'kysely';
import type { Ctx } from '../../platform/context.js';

type Q = Ctx['db'];

export const listFacilities = (db: Q, organizationId: string, ids: readonly string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('facilities')
        .selectAll()
        .where('organization_id', '=', organizationId)
        .where('id', 'in', ids)
        .orderBy('name')
        .execute();

const userColumns = [
  'u.id',
  'u.email',
  'u.display_name',
  'u.roles',
  'u.active',
  'u.mfa_enabled',
  'u.locked_until',
  'u.last_login_at',
  'u.created_at',
] as const;

/** Users with their facility grants, limited to users who share a facility the actor may see. */
export function listUsers(
  db: Q,
  organizationId: string,
  opts: { q?: string | undefined; includeInactive: boolean; id?: string; facilityIds: readonly string[] },
) {
  let query = db
    .selectFrom('users as u')
    .select(userColumns)
    .select((eb) =>
      eb.fn
        .coalesce(
          eb
            .selectFrom('user_facilities as uf')
            .select(sql<string[]>`array_agg(uf.facility_id::text ORDER BY uf.facility_id)`.as('ids'))
            .whereRef('uf.user_id', '=', 'u.id'),
          sql<string[]>`'{}'::text[]`,
        )
        .as('facility_ids'),
    )
    .where('u.organization_id', '=', organizationId)
    .where((eb) =>
      eb.or([
        eb.not(eb.exists(eb.selectFrom('user_facilities as g').select('g.user_id').whereRef('g.user_id', '=', 'u.id'))),
        eb.exists(
          eb
            .selectFrom('user_facilities as s')
            .select('s.user_id')
            .whereRef('s.user_id', '=', 'u.id')
            .where(
              's.facility_id',
              'in',
              opts.facilityIds.length > 0 ? [...opts.facilityIds] : ['00000000-0000-0000-0000-000000000000'],
            ),
        ),
      ]),
    )
    .orderBy('u.display_name');
  if (opts.id) query = query.where('u.id', '=', opts.id);
  if (!opts.includeInactive) query = query.where('u.active', '=', true);
  if (opts.q) {
    const like = `%${opts.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('u.display_name', 'ilike', like), eb('u.email', 'ilike', like)]));
  }
  return query.execute();
}

export const emailTaken = async (db: Q, email: string) =>
  (await db.selectFrom('users').select('id').where(sql`lower(email)`, '=', email.toLowerCase()).executeTakeFirst()) !== undefined;

export const insertUser = (
  db: Q,
  u: {
    id: string;
    organization_id: string;
    email: string;
    display_name: string;
    password_hash: string;
    roles: string[];
    must_change_password: boolean;
  },
) => db.insertInto('users').values(u).execute();

export async function setUserFacilities(db: Q, organizationId: string, userId: string, facilityIds: readonly string[]) {
  await db.deleteFrom('user_facilities').where('user_id', '=', userId).execute();
  if (facilityIds.length > 0) {
    await db
      .insertInto('user_facilities')
      .values(facilityIds.map((facility_id) => ({ organization_id: organizationId, user_id: userId, facility_id })))
      .execute();
  }
}

export const updateUser = (
  db: Q,
  organizationId: string,
  id: string,
  set: { display_name?: string; roles?: string[]; active?: boolean },
) =>
  db
    .updateTable('users')
    .set({ ...set, updated_at: new Date() })
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .execute();

export const countActiveManagers = async (db: Q, organizationId: string) =>
  Number(
    (
      await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('organization_id', '=', organizationId)
        .where('active', '=', true)
        .where(sql<boolean>`'manager' = ANY(roles)`)
        .executeTakeFirstOrThrow()
    ).n,
  );

export const lockUserForUpdate = (db: Q, organizationId: string, id: string) =>
  db
    .selectFrom('users')
    .select(['id', 'roles', 'active'])
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();

export const setPasswordHash = (db: Q, id: string, hash: string) =>
  db
    .updateTable('users')
    .set({ password_hash: hash, must_change_password: true, failed_logins: 0, locked_until: null, updated_at: new Date() })
    .where('id', '=', id)
    .execute();

export const endSessions = (db: Q, userId: string) => db.deleteFrom('sessions').where('user_id', '=', userId).execute();

export const organizationFacilityIds = async (db: Q, organizationId: string) =>
  (await db.selectFrom('facilities').select('id').where('organization_id', '=', organizationId).execute()).map((r) => r.id);

/** Serialises manager-count checks per organization, so two demotions cannot both pass. */
export const lockOrganizationUsers = (db: Q, organizationId: string) =>
  sql`SELECT pg_advisory_xact_lock(hashtext(${`users:${organizationId}`}))`.execute(db);

export async function userSecurityCounts(db: Q, organizationId: string, mfaRoles: readonly string[], now: Date) {
  const row = await db
    .selectFrom('users')
    .select((eb) => [
      eb.fn.countAll<number>().as('active'),
      eb.fn.count<number>('id').filterWhere('locked_until', '>', now).as('locked'),
      eb.fn
        .count<number>('id')
        .filterWhere((w) => w.and([w('mfa_enabled', '=', false), sql<boolean>`roles && ${sql.val(mfaRoles)}::text[]`]))
        .as('mfa_missing'),
    ])
    .where('organization_id', '=', organizationId)
    .where('active', '=', true)
    .executeTakeFirstOrThrow();
  return { active: Number(row.active), locked: Number(row.locked), mfaMissing: Number(row.mfa_missing) };
}

/** A facility's workweek, when the actor may see the facility; locked for a change when asked. */
export function getFacilityWorkweek(db: Q, organizationId: string, id: string, facilityIds: readonly string[], lock = false) {
  if (!facilityIds.includes(id)) return Promise.resolve(undefined);
  let q = db
    .selectFrom('facilities')
    .select(['id', 'workweek_start_day', 'workweek_start_hour'])
    .where('organization_id', '=', organizationId)
    .where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export const setFacilityWorkweek = (db: Q, organizationId: string, id: string, startDay: number, startHour: number) =>
  db
    .updateTable('facilities')
    .set({ workweek_start_day: startDay, workweek_start_hour: startHour })
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .execute();
