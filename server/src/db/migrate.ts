import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { applyGrants } from './grants.js';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
const NAME = /^(\d{4})_[a-z0-9_]+\.sql$/;

export type MigrationFile = { version: number; name: string; sql: string; checksum: string };

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.sql')).sort();
  const files: MigrationFile[] = [];
  for (const name of names) {
    const m = NAME.exec(name);
    if (!m) throw new Error(`Migration file name must look like 0001_name.sql: ${name}`);
    const sql = await readFile(path.join(dir, name), 'utf8');
    files.push({ version: Number(m[1]), name, sql, checksum: createHash('sha256').update(sql).digest('hex') });
  }
  // Numbers are reserved per branch of work (0007-0010 by others while 0011 is scheduling), so a
  // branch may have gaps; two files with one number are the mistake to catch.
  files.forEach((f, i) => {
    if (i > 0 && f.version === files[i - 1]?.version) throw new Error(`Two migrations are numbered ${f.version}: ${f.name}`);
  });
  return files;
}

/**
 * Applies pending forward-only migrations, each in its own transaction, under an advisory lock
 * so two app nodes starting together do not race. An applied migration whose file changed is an
 * error: history is never rewritten, a new migration is added instead.
 */
export async function migrate(connectionString: string, log: (msg: string) => void = () => {}): Promise<number> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', ['clinicops:migrate']);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now())`);
    const applied = new Map<number, string>(
      (await client.query('SELECT version, checksum FROM schema_migrations')).rows.map((r) => [r.version, r.checksum]),
    );
    let count = 0;
    for (const m of await readMigrations()) {
      const done = applied.get(m.version);
      if (done !== undefined) {
        if (done !== m.checksum) throw new Error(`Migration ${m.name} was changed after it was applied`);
        continue;
      }
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
          m.version,
          m.name,
          m.checksum,
        ]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`Migration ${m.name} failed: ${(err as Error).message}`);
      }
      log(`applied migration ${m.name}`);
      count++;
    }
    await applyGrants(client);
    return count;
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', ['clinicops:migrate']).catch(() => {});
    await client.end();
  }
}
