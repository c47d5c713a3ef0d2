import type { Insertable, Updateable } from 'kysely';
import type { Ctx } from '../../platform/context.js';
import type { AccessRequestTables } from './tables.js';

type Q = Ctx['db'];

export const findRetentionSettings = (db: Q, organizationId: string) =>
  db.selectFrom('retention_settings').selectAll().where('organization_id', '=', organizationId).executeTakeFirst();

export const upsertRetentionSettings = (
  db: Q,
  row: {
    organization_id: string;
    adult_years_after_last_encounter: number;
    age_of_majority: number;
    minor_years_after_majority: number;
    source_note: string | null;
    updated_by: string | null;
  },
) =>
  db
    .insertInto('retention_settings')
    .values(row)
    .onConflict((oc) =>
      oc.column('organization_id').doUpdateSet({
        adult_years_after_last_encounter: row.adult_years_after_last_encounter,
        age_of_majority: row.age_of_majority,
        minor_years_after_majority: row.minor_years_after_majority,
        source_note: row.source_note,
        updated_by: row.updated_by,
        updated_at: new Date(),
      }),
    )
    .execute();

type NewAccessRequest = Insertable<AccessRequestTables['patient_access_requests']>;

export const listAccessRequests = (db: Q, organizationId: string, patientId: string) =>
  db
    .selectFrom('patient_access_requests')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('patient_id', '=', patientId)
    .orderBy('requested_on', 'desc')
    .execute();

export const lockAccessRequest = (db: Q, organizationId: string, patientId: string, id: string) =>
  db
    .selectFrom('patient_access_requests')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('patient_id', '=', patientId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();

export const insertAccessRequest = (db: Q, row: NewAccessRequest) =>
  db.insertInto('patient_access_requests').values(row).execute();

export const updateAccessRequest = (
  db: Q,
  organizationId: string,
  id: string,
  set: Updateable<AccessRequestTables['patient_access_requests']>,
) =>
  db
    .updateTable('patient_access_requests')
    .set({ ...set, updated_at: new Date() })
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .execute();

export async function reassignAccessRequests(db: Q, organizationId: string, fromId: string, toId: string) {
  const rows = await db
    .updateTable('patient_access_requests')
    .set({ patient_id: toId, updated_at: new Date() })
    .where('organization_id', '=', organizationId)
    .where('patient_id', '=', fromId)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Open requests (not fulfilled) whose deadline is on or before `by`, in the given facilities' patients. */
export const openAccessRequestDeadlines = (db: Q, organizationId: string) =>
  db
    .selectFrom('patient_access_requests')
    .select(['due_by', 'extended_to'])
    .where('organization_id', '=', organizationId)
    .where('fulfilled_on', 'is', null)
    .execute();
