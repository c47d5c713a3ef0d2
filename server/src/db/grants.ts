import type pg from 'pg';

export const APP_ROLE = 'clinicops_app';

// Tables the application may read and append to, never change.
const APPEND_ONLY = ['audit_events'];

/** Grants the application role what it needs; idempotent, run after every migration run. */
export async function applyGrants(client: pg.ClientBase): Promise<boolean> {
  const { rows } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [APP_ROLE]);
  if (rows.length === 0) return false;
  await client.query(`GRANT USAGE ON SCHEMA public TO ${APP_ROLE}`);
  await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${APP_ROLE}`);
  await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${APP_ROLE}`);
  for (const table of APPEND_ONLY) {
    await client.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${table} FROM ${APP_ROLE}`);
  }
  await client.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON schema_migrations FROM ${APP_ROLE}`);
  return true;
}
