import type { Ctx } from '../../platform/context.js';

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
