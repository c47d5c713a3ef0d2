import { CompiledQuery, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { APP_ROLE } from './grants.js';
import type { Database } from './schema.js';

// Plain dates (dates of service, birth dates) stay strings: no time-zone shift through JS Date.
pg.types.setTypeParser(1082, (v) => v);
// bigint counts fit comfortably in a JS number for this application's sizes.
pg.types.setTypeParser(20, (v) => Number(v));

export type Db = Kysely<Database>;

export type OpenedDatabase = {
  db: Db;
  pool: pg.Pool;
  /** Whether queries run as the restricted application role. */
  restrictedRole: boolean;
  close(): Promise<void>;
};

/** Opens the pool every request uses; each connection runs as the restricted role when it exists. */
export async function openPool(connectionString: string, max = 10): Promise<OpenedDatabase> {
  const probe = new pg.Client({ connectionString });
  await probe.connect();
  const { rows } = await probe.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [APP_ROLE]);
  await probe.end();
  const restrictedRole = rows.length > 0;
  const pool = new pg.Pool({ connectionString, max });
  pool.on('error', () => {
    /* an idle client died (server restart); the pool replaces it */
  });
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({
      pool,
      // Awaited before the connection is used: if the role cannot be taken, queries fail rather
      // than quietly running with the login role's wider rights.
      onCreateConnection: restrictedRole
        ? async (conn) => {
            await conn.executeQuery(CompiledQuery.raw(`SET ROLE ${APP_ROLE}`));
          }
        : undefined,
    }),
  });
  return {
    db,
    pool,
    restrictedRole,
    async close() {
      await db.destroy();
    },
  };
}
