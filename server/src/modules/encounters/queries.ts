import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Ctx } from '../../platform/context.js';
import type { EncounterTables } from './tables.js';

type Q = Ctx['db'];
export type EncounterRow = Selectable<EncounterTables['encounters']>;
export type DiagnosisRow = Selectable<EncounterTables['encounter_diagnoses']>;
export type ProcedureRow = Selectable<EncounterTables['encounter_procedures']>;
export type NewEncounter = Insertable<EncounterTables['encounters']>;
export type NewDiagnosis = Insertable<EncounterTables['encounter_diagnoses']>;
export type NewProcedure = Insertable<EncounterTables['encounter_procedures']>;

const NO_FACILITY = ['00000000-0000-0000-0000-000000000000'];
const nonEmpty = (ids: readonly string[]) => (ids.length > 0 ? [...ids] : NO_FACILITY);

/** A patient's encounters in the given facilities, newest first. */
export const listEncounters = (db: Q, organizationId: string, facilityIds: readonly string[], patientId: string) =>
  db
    .selectFrom('encounters')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('facility_id', 'in', nonEmpty(facilityIds))
    .where('patient_id', '=', patientId)
    .orderBy('starts_at', 'desc')
    .execute();

export const lockEncounter = (db: Q, organizationId: string, facilityIds: readonly string[], patientId: string, id: string) =>
  db
    .selectFrom('encounters')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('facility_id', 'in', nonEmpty(facilityIds))
    .where('patient_id', '=', patientId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();

export async function codesOf(db: Q, organizationId: string, encounterIds: readonly string[]) {
  if (encounterIds.length === 0) return { diagnoses: [] as DiagnosisRow[], procedures: [] as ProcedureRow[] };
  const ids = [...encounterIds];
  const [diagnoses, procedures] = await Promise.all([
    db
      .selectFrom('encounter_diagnoses')
      .selectAll()
      .where('organization_id', '=', organizationId)
      .where('encounter_id', 'in', ids)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('encounter_procedures')
      .selectAll()
      .where('organization_id', '=', organizationId)
      .where('encounter_id', 'in', ids)
      .orderBy('position')
      .execute(),
  ]);
  return { diagnoses, procedures };
}

export const insertEncounters = (db: Q, rows: NewEncounter[]) =>
  rows.length === 0 ? Promise.resolve() : db.insertInto('encounters').values(rows).execute();

export const updateEncounter = (db: Q, organizationId: string, id: string, set: Updateable<EncounterTables['encounters']>) =>
  db
    .updateTable('encounters')
    .set({ ...set, updated_at: new Date() })
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .execute();

/** Replaces the coded lines of the given encounters with these. */
export async function replaceCodes(
  db: Q,
  organizationId: string,
  encounterIds: readonly string[],
  diagnoses: NewDiagnosis[],
  procedures: NewProcedure[],
) {
  if (encounterIds.length > 0) {
    const ids = [...encounterIds];
    await db
      .deleteFrom('encounter_procedures')
      .where('organization_id', '=', organizationId)
      .where('encounter_id', 'in', ids)
      .execute();
    await db
      .deleteFrom('encounter_diagnoses')
      .where('organization_id', '=', organizationId)
      .where('encounter_id', 'in', ids)
      .execute();
  }
  if (diagnoses.length > 0) await db.insertInto('encounter_diagnoses').values(diagnoses).execute();
  if (procedures.length > 0) await db.insertInto('encounter_procedures').values(procedures).execute();
}

/** Moves a patient's encounters to another patient record (duplicate merge); returns the ids moved. */
export async function reassignEncounters(db: Q, organizationId: string, fromPatientId: string, toPatientId: string) {
  const rows = await db
    .updateTable('encounters')
    .set({ patient_id: toPatientId, updated_at: new Date() })
    .where('organization_id', '=', organizationId)
    .where('patient_id', '=', fromPatientId)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Finished visits this week and visits left open (in progress, or planned in the past). */
export const encounterCounts = (db: Q, organizationId: string, facilityIds: readonly string[], weekAgo: Date, now: Date) =>
  db
    .selectFrom('encounters')
    .select((eb) => [
      eb.fn
        .count<string>('id')
        .filterWhere((w) => w.and([w('status', '=', 'finished'), w('starts_at', '>=', weekAgo), w('starts_at', '<=', now)]))
        .as('finishedWeek'),
      eb.fn
        .count<string>('id')
        .filterWhere((w) =>
          w.or([w('status', '=', 'in_progress'), w.and([w('status', '=', 'planned'), w('starts_at', '<', now)])]),
        )
        .as('open'),
    ])
    .where('organization_id', '=', organizationId)
    .where('facility_id', 'in', nonEmpty(facilityIds))
    .executeTakeFirstOrThrow();
