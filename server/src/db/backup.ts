import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { appendFile, mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import pg from 'pg';
import { migrate } from './migrate.js';

// Backup format: gzip'd JSON lines. First a header {format, version, migration, tables, fileDirs},
// then {table, rows: [...]} chunks, then {file, data} chunks (base64) of the files kept in the data
// directory's `fileDirs` (document files). Taken in one REPEATABLE READ snapshot, so it is
// consistent without stopping the server; restored into an empty database migrated to the same
// version. Files are read after the snapshot began: a row in it was committed after its file was
// in place, and files are never deleted, so every row's file is in the backup (a file uploaded
// after the snapshot may be too, unreferenced and harmless).

const FORMAT = 'clinicops-backup';
const CHUNK = 2000;
const FILE_CHUNK = 1024 * 1024;

/** Folders of the data directory that belong in a backup, e.g. `documents` (named by the caller). */
export type BackupFiles = { dataDir: string; fileDirs: readonly string[] };

/** Every regular file under `dir`, as paths relative to `root` with `/`; dot-files (temporaries) skipped. */
async function filesUnder(root: string, dir: string): Promise<string[]> {
  const full = path.join(root, dir);
  if (!existsSync(full)) return [];
  const out: string[] = [];
  for (const entry of await readdir(full, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) out.push(...(await filesUnder(root, rel)));
    else if (entry.isFile()) out.push(rel);
  }
  return out.sort();
}

/** A file path from a backup, accepted only inside one of the expected folders. */
function safeRelative(rel: unknown, fileDirs: readonly string[]): string {
  const parts = typeof rel === 'string' ? rel.split('/') : [];
  const ok =
    parts.length >= 2 &&
    fileDirs.includes(parts[0] as string) &&
    parts.every((p) => p !== '' && p !== '.' && p !== '..' && !p.includes('\\') && !p.startsWith('.'));
  if (!ok) throw new Error(`The backup names a file outside the data directory's known folders: ${String(rel).slice(0, 100)}`);
  return parts.join(path.sep);
}

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

export async function backupDatabase(
  url: string,
  file: string,
  files?: BackupFiles,
): Promise<{ tables: number; rows: number; files: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let total = 0;
  let fileCount = 0;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const migration = (await client.query('SELECT max(version) AS v FROM schema_migrations')).rows[0]?.v ?? 0;
    const tables = await userTables(client);
    const client2 = client;
    async function* lines() {
      const fileDirs = files?.fileDirs ?? [];
      yield `${JSON.stringify({ format: FORMAT, version: 1, migration, tables, fileDirs, takenAt: new Date().toISOString() })}\n`;
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
      if (!files) return;
      for (const dir of fileDirs) {
        for (const rel of await filesUnder(files.dataDir, dir)) {
          const bytes = await readFile(path.join(files.dataDir, rel));
          fileCount++;
          for (let at = 0; at < bytes.length || at === 0; at += FILE_CHUNK) {
            yield `${JSON.stringify({ file: rel, data: bytes.subarray(at, at + FILE_CHUNK).toString('base64') })}\n`;
            if (bytes.length === 0) break;
          }
        }
      }
    }
    await pipeline(Readable.from(lines()), createGzip(), createWriteStream(file, { mode: 0o600 }));
    await client.query('COMMIT');
    return { tables: tables.length, rows: total, files: fileCount };
  } finally {
    await client.end();
  }
}

/**
 * Restores into a database that has no organizations yet (fresh, or just migrated). Runs in
 * one transaction: a bad file leaves the database as it was. Triggers (the audit trail's
 * append-only guard among them) are off for this session only, as restoring is not editing.
 */
export async function restoreDatabase(
  url: string,
  file: string,
  files?: BackupFiles,
): Promise<{ tables: number; rows: number; files: number }> {
  await migrate(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let rows = 0;
  const restored = new Set<string>();
  // Files are staged beside their final place and moved in just before the commit; on any error
  // the staging folder and whatever was moved are removed, so a bad backup leaves nothing behind.
  const staging = files ? path.join(files.dataDir, `.restore-${randomBytes(6).toString('hex')}`) : '';
  const staged = new Set<string>();
  const moved: string[] = [];
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
      if (obj.file !== undefined) {
        if (!files) continue;
        const rel = safeRelative(obj.file, files.fileDirs);
        const target = path.join(staging, rel);
        if (!staged.has(rel)) {
          await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
          await rm(target, { force: true });
          staged.add(rel);
        }
        await appendFile(target, Buffer.from(String(obj.data), 'base64'), { mode: 0o600 });
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
    if (files) {
      for (const rel of staged) {
        const target = path.join(files.dataDir, rel);
        await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
        await rename(path.join(staging, rel), target);
        moved.push(target);
      }
    }
    await client.query('COMMIT');
    return { tables: restored.size, rows, files: staged.size };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    for (const m of moved) await rm(m, { force: true }).catch(() => {});
    throw err;
  } finally {
    if (staging) await rm(staging, { recursive: true, force: true }).catch(() => {});
    await client.end();
  }
}
