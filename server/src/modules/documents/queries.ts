import type { Insertable } from 'kysely';
import type { Ctx } from '../../platform/context.js';
import type { DocumentTables } from './tables.js';

type Q = Ctx['db'];

export const insertDocument = (db: Q, row: Insertable<DocumentTables['documents']>) =>
  db.insertInto('documents').values(row).execute();

export const findDocument = (db: Q, organizationId: string, id: string) =>
  db.selectFrom('documents').selectAll().where('organization_id', '=', organizationId).where('id', '=', id).executeTakeFirst();

export type DocumentRow = NonNullable<Awaited<ReturnType<typeof findDocument>>>;

export function listDocuments(
  db: Q,
  organizationId: string,
  owner: { kind: 'patient' | 'staff'; id: string },
  includeRetracted: boolean,
) {
  let query = db
    .selectFrom('documents')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where(owner.kind === 'patient' ? 'patient_id' : 'staff_member_id', '=', owner.id)
    .orderBy('uploaded_at', 'desc')
    .orderBy('id');
  if (!includeRetracted) query = query.where('retracted_at', 'is', null);
  return query.execute();
}

export const retractDocument = (db: Q, organizationId: string, id: string, by: string | null, reason: string, at: Date) =>
  db
    .updateTable('documents')
    .set({ retracted_at: at, retracted_by: by, retracted_reason: reason })
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .where('retracted_at', 'is', null)
    .executeTakeFirst();

/** A merged duplicate's documents become the survivor's; returns the ids moved. */
export async function reassignPatientDocuments(db: Q, organizationId: string, fromPatientId: string, toPatientId: string) {
  const rows = await db
    .updateTable('documents')
    .set({ patient_id: toPatientId })
    .where('organization_id', '=', organizationId)
    .where('patient_id', '=', fromPatientId)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}
