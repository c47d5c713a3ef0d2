import { type Insertable, sql } from 'kysely';
import type { Ctx } from '../../platform/context.js';
import type { LeieRecord } from './domain/leie-record.js';
import type { StaffTables } from './tables.js';

// Queries of exclusion screening: the installation-wide LEIE tables and the per-organization
// screenings. Kept apart from queries.ts, which is about people and credentials.

type Q = Ctx['db'];
const NO_FACILITY = ['00000000-0000-0000-0000-000000000000'];
const nonEmpty = (ids: readonly string[]) => (ids.length > 0 ? [...ids] : NO_FACILITY);

export const latestImport = (db: Q) =>
  db.selectFrom('leie_imports').selectAll().where('rows', '>', 0).orderBy('imported_at', 'desc').limit(1).executeTakeFirst();

export const insertImport = (db: Q, row: Insertable<StaffTables['leie_imports']>) =>
  db.insertInto('leie_imports').values(row).execute();

export const finishImport = (db: Q, id: string, rows: number, checksum: string) =>
  db.updateTable('leie_imports').set({ rows, checksum }).where('id', '=', id).execute();

/** One import at a time: two interleaved would each delete only the rows they could see, and leave both lists. */
export const lockImports = async (db: Q) => {
  await sql`SELECT pg_advisory_xact_lock(hashtext('clinicops:leie-import'))`.execute(db);
};

/** The list is replaced whole: the full file is the authoritative list (reinstated people leave it). */
export const deleteExclusions = (db: Q) => db.deleteFrom('leie_exclusions').execute();

/**
 * One INSERT per batch from column arrays (unnest): a fixed 22 parameters whatever the batch
 * size, so the statement stays small and PostgreSQL parses it once per batch.
 */
export async function insertExclusions(db: Q, importId: string, batch: readonly { lineNo: number; record: LeieRecord }[]) {
  const col = <K extends keyof LeieRecord>(k: K) => batch.map((b) => b.record[k]);
  await sql`
    INSERT INTO leie_exclusions (import_id, line_no, last_name, first_name, mid_name, bus_name, general, specialty,
      upin, npi, dob, address, city, state, zip, excl_type, excl_date, rein_date, waiver_date, waiver_state,
      last_key, first_key, bus_key)
    SELECT ${importId}::uuid, * FROM unnest(
      ${batch.map((b) => b.lineNo)}::int[], ${col('lastName')}::text[], ${col('firstName')}::text[],
      ${col('midName')}::text[], ${col('busName')}::text[], ${col('general')}::text[], ${col('specialty')}::text[],
      ${col('upin')}::text[], ${col('npi')}::text[], ${col('dob')}::date[], ${col('address')}::text[],
      ${col('city')}::text[], ${col('state')}::text[], ${col('zip')}::text[], ${col('exclType')}::text[],
      ${col('exclDate')}::date[], ${col('reinDate')}::date[], ${col('waiverDate')}::date[],
      ${col('waiverState')}::text[], ${col('lastKey')}::text[], ${col('firstKey')}::text[], ${col('busKey')}::text[])
  `.execute(db);
}

/** The rows that could match any of these people: by NPI or by a last-name key (index lookups). */
export function leieCandidates(db: Q, opts: { npis: readonly string[]; lastKeys: readonly string[] }) {
  return db
    .selectFrom('leie_exclusions')
    .selectAll()
    .where((eb) =>
      eb.or([
        ...(opts.npis.length > 0 ? [eb('npi', 'in', [...opts.npis])] : []),
        ...(opts.lastKeys.length > 0 ? [eb('last_key', 'in', [...opts.lastKeys])] : []),
        eb.val(false),
      ]),
    )
    .orderBy('line_no')
    .execute();
}
export type LeieRow = Awaited<ReturnType<typeof leieCandidates>>[number];

export const insertScreenings = (db: Q, rows: Insertable<StaffTables['exclusion_screenings']>[]) =>
  rows.length === 0 ? Promise.resolve() : db.insertInto('exclusion_screenings').values(rows).execute();

function screeningsQuery(db: Q, organizationId: string, facilityIds: readonly string[]) {
  return db
    .selectFrom('exclusion_screenings as e')
    .innerJoin('staff_members as s', (j) =>
      j.onRef('s.id', '=', 'e.staff_member_id').onRef('s.organization_id', '=', 'e.organization_id'),
    )
    .selectAll('e')
    .select(['s.first_name', 's.last_name'])
    .where('e.organization_id', '=', organizationId)
    .where('s.facility_id', 'in', nonEmpty(facilityIds));
}

export function listScreenings(
  db: Q,
  organizationId: string,
  opts: { facilityIds: readonly string[]; staffMemberId?: string; ids?: readonly string[] },
) {
  let query = screeningsQuery(db, organizationId, opts.facilityIds).orderBy('e.run_at', 'desc').orderBy('e.id');
  if (opts.staffMemberId) query = query.where('e.staff_member_id', '=', opts.staffMemberId);
  if (opts.ids) query = query.where('e.id', 'in', opts.ids.length > 0 ? [...opts.ids] : NO_FACILITY);
  return query.execute();
}
export type ScreeningRow = Awaited<ReturnType<typeof listScreenings>>[number];

/** Each person's latest screening, where it still waits for review. */
export async function reviewQueue(db: Q, organizationId: string, facilityIds: readonly string[]) {
  const latest = await screeningsQuery(db, organizationId, facilityIds)
    .distinctOn('e.staff_member_id')
    .orderBy('e.staff_member_id')
    .orderBy('e.run_at', 'desc')
    .execute();
  return latest.filter((r) => r.status === 'possible_match').sort((a, b) => a.run_at.getTime() - b.run_at.getTime());
}

export const lockScreening = (db: Q, organizationId: string, id: string, facilityIds: readonly string[]) =>
  db
    .selectFrom('exclusion_screenings')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .where('facility_id', 'in', nonEmpty(facilityIds))
    .forUpdate()
    .executeTakeFirst();

export const reviewScreening = (
  db: Q,
  organizationId: string,
  id: string,
  set: { status: 'confirmed' | 'cleared_by_review'; reviewed_by: string | null; reviewed_at: Date; note: string },
) => db.updateTable('exclusion_screenings').set(set).where('organization_id', '=', organizationId).where('id', '=', id).execute();

/**
 * People whose latest decided screening is a confirmed exclusion. A pending possible match does
 * not lift a confirmation; a later clear screening (reinstated, off the list) or a review that
 * cleared the match does.
 */
export async function excludedStaffIds(db: Q, organizationId: string, staffMemberIds?: readonly string[]) {
  let query = db
    .selectFrom('exclusion_screenings')
    .select(['staff_member_id', 'status'])
    .distinctOn('staff_member_id')
    .where('organization_id', '=', organizationId)
    .where('status', '<>', 'possible_match')
    .orderBy('staff_member_id')
    .orderBy('run_at', 'desc')
    .orderBy('reviewed_at', 'desc');
  if (staffMemberIds) query = query.where('staff_member_id', 'in', staffMemberIds.length > 0 ? [...staffMemberIds] : NO_FACILITY);
  const rows = await query.execute();
  return new Set(rows.filter((r) => r.status === 'confirmed').map((r) => r.staff_member_id));
}

export const updateScreeningIdentity = (
  db: Q,
  organizationId: string,
  staffMemberId: string,
  set: { date_of_birth: string | null; former_last_names: string[] },
) =>
  db
    .updateTable('staff_members')
    .set({ ...set, updated_at: new Date() })
    .where('organization_id', '=', organizationId)
    .where('id', '=', staffMemberId)
    .execute();
