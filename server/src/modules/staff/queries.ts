import { type Insertable, sql, type Updateable } from 'kysely';
import type { Ctx } from '../../platform/context.js';
import type { StaffTables } from './tables.js';

type Q = Ctx['db'];
type Insert<T extends keyof StaffTables> = Insertable<StaffTables[T]>;
type Update<T extends keyof StaffTables> = Updateable<StaffTables[T]>;

// An empty IN list is not valid SQL; a list of one impossible id matches nothing (no facility granted: nothing visible).
const NO_FACILITY = ['00000000-0000-0000-0000-000000000000'];
const nonEmpty = (ids: readonly string[]) => (ids.length > 0 ? [...ids] : NO_FACILITY);
const likeOf = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function listStaff(
  db: Q,
  organizationId: string,
  opts: {
    facilityIds: readonly string[];
    id?: string;
    q?: string | undefined;
    position?: string | undefined;
    activeOn?: string;
  },
) {
  let query = db
    .selectFrom('staff_members as s')
    .innerJoin('facilities as f', (j) =>
      j.onRef('f.id', '=', 's.facility_id').onRef('f.organization_id', '=', 's.organization_id'),
    )
    .selectAll('s')
    .select(['f.state as facility_state', 'f.time_zone as facility_time_zone'])
    .where('s.organization_id', '=', organizationId)
    .where('s.facility_id', 'in', nonEmpty(opts.facilityIds))
    .orderBy('s.last_name')
    .orderBy('s.first_name');
  if (opts.id) query = query.where('s.id', '=', opts.id);
  if (opts.position) query = query.where('s.position', '=', opts.position);
  if (opts.activeOn) {
    const on = opts.activeOn;
    query = query.where((eb) => eb.or([eb('s.termination_date', 'is', null), eb('s.termination_date', '>=', on)]));
  }
  if (opts.q) {
    const like = likeOf(opts.q);
    query = query.where((eb) =>
      eb.or([
        eb('s.first_name', 'ilike', like),
        eb('s.last_name', 'ilike', like),
        eb(sql`s.first_name || ' ' || s.last_name`, 'ilike', like),
      ]),
    );
  }
  return query.execute();
}

export type StaffRow = Awaited<ReturnType<typeof listStaff>>[number];

export const insertStaff = (db: Q, row: Insert<'staff_members'>) => db.insertInto('staff_members').values(row).execute();

export const updateStaff = (db: Q, organizationId: string, id: string, set: Update<'staff_members'>) =>
  db
    .updateTable('staff_members')
    .set({ ...set, updated_at: new Date() })
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .execute();

export const lockStaff = (db: Q, organizationId: string, id: string, facilityIds: readonly string[]) =>
  db
    .selectFrom('staff_members')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .where('facility_id', 'in', nonEmpty(facilityIds))
    .forUpdate()
    .executeTakeFirst();

export const insertPayRate = (db: Q, row: Insert<'pay_rates'>) =>
  db
    .insertInto('pay_rates')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['staff_member_id', 'effective_from']).doUpdateSet({ amount_cents: row.amount_cents, per: row.per }),
    )
    .execute();

export const listPayRates = (db: Q, organizationId: string, staffMemberId: string) =>
  db
    .selectFrom('pay_rates')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('staff_member_id', '=', staffMemberId)
    .orderBy('effective_from', 'desc')
    .execute();

export const listCredentialTypes = (db: Q, organizationId: string) =>
  db
    .selectFrom('credential_types')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .orderBy('family')
    .orderBy('code')
    .execute();

export const getCredentialType = (db: Q, organizationId: string, id: string) =>
  db
    .selectFrom('credential_types')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .executeTakeFirst();

export const insertCredentialTypes = (db: Q, rows: Insert<'credential_types'>[]) =>
  rows.length === 0 ? Promise.resolve() : db.insertInto('credential_types').values(rows).execute();

/** Credentials with their type, of the given holders or of everyone in the given facilities. */
export function listCredentials(
  db: Q,
  organizationId: string,
  opts: {
    facilityIds: readonly string[];
    staffMemberIds?: readonly string[];
    id?: string;
    activeOnly?: boolean;
    /** the facilities' own credentials (CLIA), held by no person */
    facilityLevel?: boolean;
  },
) {
  let query = db
    .selectFrom('staff_credentials as c')
    .innerJoin('credential_types as t', (j) =>
      j.onRef('t.id', '=', 'c.credential_type_id').onRef('t.organization_id', '=', 'c.organization_id'),
    )
    .selectAll('c')
    .select([
      't.code as type_code',
      't.name as type_name',
      't.family',
      't.renewal_cycle_months',
      't.ce_units_required',
      't.ce_approved_min',
      't.renewal_window_days',
    ])
    .where('c.organization_id', '=', organizationId)
    .where('c.facility_id', 'in', nonEmpty(opts.facilityIds))
    .orderBy('t.family')
    .orderBy('c.expires_on', 'desc');
  if (opts.staffMemberIds) query = query.where('c.staff_member_id', 'in', nonEmpty(opts.staffMemberIds));
  if (opts.id) query = query.where('c.id', '=', opts.id);
  if (opts.activeOnly) query = query.where('c.status', '=', 'active');
  if (opts.facilityLevel) query = query.where('c.staff_member_id', 'is', null);
  return query.execute();
}

export type CredentialRow = Awaited<ReturnType<typeof listCredentials>>[number];

export const insertCredential = (db: Q, row: Insert<'staff_credentials'>) =>
  db.insertInto('staff_credentials').values(row).execute();

export const updateCredential = (db: Q, organizationId: string, id: string, set: Update<'staff_credentials'>) =>
  db
    .updateTable('staff_credentials')
    .set({ ...set, updated_at: new Date() })
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .execute();

export const listCeRecords = (db: Q, organizationId: string, staffMemberId: string) =>
  db
    .selectFrom('ce_records')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('staff_member_id', '=', staffMemberId)
    .orderBy('completed_on', 'desc')
    .execute();

export const insertCeRecord = (db: Q, row: Insert<'ce_records'>) => db.insertInto('ce_records').values(row).execute();

export const listRequirements = (db: Q, organizationId: string) =>
  db
    .selectFrom('position_requirements as r')
    .innerJoin('credential_types as t', (j) =>
      j.onRef('t.id', '=', 'r.credential_type_id').onRef('t.organization_id', '=', 'r.organization_id'),
    )
    .select(['r.position', 'r.state_bound', 't.family', 't.name as type_name'])
    .where('r.organization_id', '=', organizationId)
    .orderBy('t.family')
    .execute();

export const insertRequirements = (db: Q, rows: Insert<'position_requirements'>[]) =>
  rows.length === 0 ? Promise.resolve() : db.insertInto('position_requirements').values(rows).execute();

// Platform tables read for checks: an account to link and the facility a record belongs to.
export const userInOrganization = async (db: Q, organizationId: string, userId: string) =>
  (await db
    .selectFrom('users')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('id', '=', userId)
    .executeTakeFirst()) !== undefined;

export const facilityZones = (db: Q, organizationId: string, ids: readonly string[]) =>
  db
    .selectFrom('facilities')
    .select(['id', 'state', 'time_zone'])
    .where('organization_id', '=', organizationId)
    .where('id', 'in', nonEmpty(ids))
    .execute();

/** A person's credentials follow them to another facility, so whoever may see them sees those too. */
export const moveCredentials = (db: Q, organizationId: string, staffMemberId: string, facilityId: string) =>
  db
    .updateTable('staff_credentials')
    .set({ facility_id: facilityId, updated_at: new Date() })
    .where('organization_id', '=', organizationId)
    .where('staff_member_id', '=', staffMemberId)
    .execute();

/** Marks the holder's older active credentials of a type superseded by one expiring later. */
export const supersedeOlder = (db: Q, organizationId: string, staffMemberId: string, typeId: string, expiresOn: string) =>
  db
    .updateTable('staff_credentials')
    .set({ status: 'superseded', updated_at: new Date() })
    .where('organization_id', '=', organizationId)
    .where('staff_member_id', '=', staffMemberId)
    .where('credential_type_id', '=', typeId)
    .where('status', '=', 'active')
    .where('expires_on', '<', expiresOn)
    .returning('id')
    .execute();

export const staffOfUser = (db: Q, organizationId: string, userId: string) =>
  db
    .selectFrom('staff_members')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('user_id', '=', userId)
    .executeTakeFirst();

export const listCeRecordsOf = (db: Q, organizationId: string, staffMemberIds: readonly string[]) =>
  db
    .selectFrom('ce_records')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('staff_member_id', 'in', nonEmpty(staffMemberIds))
    .execute();

export const facilitiesOf = (db: Q, organizationId: string, ids: readonly string[]) =>
  db
    .selectFrom('facilities')
    .select(['id', 'name', 'kind', 'state', 'time_zone'])
    .where('organization_id', '=', organizationId)
    .where('id', 'in', nonEmpty(ids))
    .orderBy('name')
    .execute();

/** Active accounts with their email, roles and granted facilities: who alerts are mailed to. */
export const activeAccounts = (db: Q, organizationId: string) =>
  db
    .selectFrom('users as u')
    .select([
      'u.id',
      'u.email',
      'u.roles',
      sql<string[]>`ARRAY(SELECT uf.facility_id::text FROM user_facilities uf WHERE uf.user_id = u.id ORDER BY 1)`.as(
        'facility_ids',
      ),
    ])
    .where('u.organization_id', '=', organizationId)
    .where('u.active', '=', true)
    .execute();

/** Like supersedeOlder, for a facility's own credentials. */
export const supersedeOlderOfFacility = (db: Q, organizationId: string, facilityId: string, typeId: string, expiresOn: string) =>
  db
    .updateTable('staff_credentials')
    .set({ status: 'superseded', updated_at: new Date() })
    .where('organization_id', '=', organizationId)
    .where('facility_id', '=', facilityId)
    .where('staff_member_id', 'is', null)
    .where('credential_type_id', '=', typeId)
    .where('status', '=', 'active')
    .where('expires_on', '<', expiresOn)
    .returning('id')
    .execute();

export const getCmmRule = (db: Q, organizationId: string) =>
  db.selectFrom('cmm_eligibility_rules').selectAll().where('organization_id', '=', organizationId).executeTakeFirst();

export const upsertCmmRule = (db: Q, row: Insert<'cmm_eligibility_rules'>) =>
  db
    .insertInto('cmm_eligibility_rules')
    .values(row)
    .onConflict((oc) =>
      oc.column('organization_id').doUpdateSet({
        min_years_experience: row.min_years_experience,
        credits_required: row.credits_required,
        credits_waived_per_extra_year: row.credits_waived_per_extra_year,
        updated_by: row.updated_by ?? null,
        updated_at: new Date(),
      }),
    )
    .execute();

/** The shipped figures and the organization's own, newest first. */
export const listPayBenchmarks = (db: Q, organizationId: string) =>
  db
    .selectFrom('pay_benchmarks')
    .selectAll()
    .where((eb) => eb.or([eb('organization_id', 'is', null), eb('organization_id', '=', organizationId)]))
    .orderBy('reference_date', 'desc')
    .orderBy('industry')
    .execute();

/** Inserts unless the organization (or the product) already has that figure; answers whether it did. */
export const insertPayBenchmark = async (db: Q, row: Insert<'pay_benchmarks'>) =>
  (await db
    .insertInto('pay_benchmarks')
    .values(row)
    .onConflict((oc) => oc.columns(['organization_id', 'occupation', 'reference_date', 'industry']).doNothing())
    .returning('id')
    .executeTakeFirst()) !== undefined;
