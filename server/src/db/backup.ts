import { createReadStream, createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import pg from 'pg';
import { migrate } from './migrate.js';

// Backup format: gzip'd JSON lines. First a header {format, version, migration, tables}, then
// {table, rows: [...]} chunks. Taken in one REPEATABLE READ snapshot, so it is consistent
// without stopping the server; restored into an empty database migrated to the same version.

const FORMAT = 'clinicops-backup';
const CHUNK = 2000;

async function userTables(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations'
     ORDER BY table_name`,
  );
  return rows.map((r) => r.table_name);
}

/** Lines of a gzip file; a read or decompression error ends the loop with that error. */
async function* linesOf(file: string): AsyncGenerator<string> {
  const source = createReadStream(file);
  const gunzip = createGunzip();
  source.on('error', (e) => gunzip.destroy(e));
  let rest = '';
  try {
    for await (const chunk of source.pipe(gunzip)) {
      const parts = (rest + (chunk as Buffer).toString('utf8')).split('\n');
      rest = parts.pop() ?? '';
      yield* parts;
    }
  } catch (err) {
    throw new Error(`${file} could not be read as a ClinicOps backup: ${(err as Error).message}`);
  }
  if (rest) yield rest;
}

export async function backupDatabase(url: string, file: string): Promise<{ tables: number; rows: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let total = 0;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const migration = (await client.query('SELECT max(version) AS v FROM schema_migrations')).rows[0]?.v ?? 0;
    const tables = await userTables(client);
    const client2 = client;
    async function* lines() {
      yield `${JSON.stringify({ format: FORMAT, version: 1, migration, tables, takenAt: new Date().toISOString() })}\n`;
      for (const table of tables) {
        // Ordered by ctid is not stable across restores; row_to_json keeps every column's value.
        const cursorName = `c_${table}`;
        await client2.query(`DECLARE ${cursorName} NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS j FROM "${table}" t`);
        for (;;) {
          const { rows } = await client2.query<{ j: string }>(`FETCH ${CHUNK} FROM ${cursorName}`);
          if (rows.length === 0) break;
          total += rows.length;
          yield `{"table":${JSON.stringify(table)},"rows":[${rows.map((r) => r.j).join(',')}]}\n`;
        }
        await client2.query(`CLOSE ${cursorName}`);
      }
    }
    await pipeline(Readable.from(lines()), createGzip(), createWriteStream(file, { mode: 0o600 }));
    await client.query('COMMIT');
    return { tables: tables.length, rows: total };
  } finally {
    await client.end();
  }
}

/**
 * Restores into a database that has no organizations yet (fresh, or just migrated). Runs in
 * one transaction: a bad file leaves the database as it was. Triggers (the audit trail's
 * append-only guard among them) are off for this session only, as restoring is not editing.
 */
export async function restoreDatabase(url: string, file: string): Promise<{ tables: number; rows: number }> {
  await migrate(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let rows = 0;
  const restored = new Set<string>();
  try {
    const orgs = await client.query('SELECT count(*)::int AS n FROM organizations');
    if (orgs.rows[0].n > 0) throw new Error('The database already holds data; restore into an empty data directory or database');
    await client.query('BEGIN');
    await client.query("SET LOCAL session_replication_role = 'replica'");
    let header: { format?: string; migration?: number; tables?: string[] } | undefined;
    const current = new Set(await userTables(client));
    for await (const line of linesOf(file)) {
      if (!line.trim()) continue;
      const obj = JSON.parse(line);
      if (!header) {
        header = obj;
        if (header?.format !== FORMAT) throw new Error(`${file} is not a ClinicOps backup`);
        const { rows: m } = await client.query('SELECT max(version) AS v FROM schema_migrations');
        if ((header.migration ?? 0) > (m[0]?.v ?? 0)) throw new Error('The backup comes from a newer ClinicOps; upgrade first');
        for (const t of header.tables ?? []) if (current.has(t)) await client.query(`DELETE FROM "${t}"`);
        continue;
      }
      const table = obj.table as string;
      if (!current.has(table)) throw new Error(`The backup has a table this version does not know: ${table}`);
      await client.query(`INSERT INTO "${table}" SELECT * FROM json_populate_recordset(NULL::"${table}", $1::json)`, [
        JSON.stringify(obj.rows),
      ]);
      rows += obj.rows.length;
      restored.add(table);
    }
    if (!header) throw new Error(`${file} is empty`);
    // Sequences continue after the restored rows.
    const seqs = await client.query<{ t: string; c: string; s: string }>(
      `SELECT c.table_name AS t, c.column_name AS c, pg_get_serial_sequence(quote_ident(c.table_name), c.column_name) AS s
       FROM information_schema.columns c WHERE c.table_schema = 'public' AND pg_get_serial_sequence(quote_ident(c.table_name), c.column_name) IS NOT NULL`,
    );
    for (const s of seqs.rows) {
      await client.query(`SELECT setval($1, COALESCE((SELECT max("${s.c}") FROM "${s.t}"), 0) + 1, false)`, [s.s]);
    }
    await client.query('COMMIT');
    return { tables: restored.size, rows };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    await client.end();
  }
}
