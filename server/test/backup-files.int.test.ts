import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDatabase, restoreDatabase } from '../src/db/backup.js';
import { freshDatabase } from './helpers.js';

// The file part of backups (document files beside the database rows), on an empty database.

let source: Awaited<ReturnType<typeof freshDatabase>>;
let target: Awaited<ReturnType<typeof freshDatabase>>;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'clinicops-backup-'));

beforeAll(async () => {
  source = await freshDatabase();
  target = await freshDatabase();
});
afterAll(async () => {
  await source.drop();
  await target.drop();
  rmSync(tmp, { recursive: true, force: true });
});

const organizations = async (url: string) => {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return Number((await c.query('SELECT count(*) AS n FROM organizations')).rows[0].n);
  } finally {
    await c.end();
  }
};

describe('backup and restore of document files', () => {
  it('copies the named folders whole (large files in chunks), skipping temporaries and other folders', async () => {
    const from = path.join(tmp, 'from');
    mkdirSync(path.join(from, 'documents', 'org1'), { recursive: true });
    mkdirSync(path.join(from, 'pg'), { recursive: true });
    const big = Buffer.alloc(2_500_000, 7);
    big.write('%PDF-', 0);
    writeFileSync(path.join(from, 'documents', 'org1', 'doc-a'), big);
    writeFileSync(path.join(from, 'documents', 'org1', 'doc-b'), Buffer.from('small'));
    writeFileSync(path.join(from, 'documents', 'org1', '.doc-c.1234.tmp'), 'half written');
    writeFileSync(path.join(from, 'pg', 'not-mine'), 'database files');
    const file = path.join(tmp, 'b.gz');
    const taken = await backupDatabase(source.url, file, { dataDir: from, fileDirs: ['documents'] });
    expect(taken.files).toBe(2);
    const to = path.join(tmp, 'to');
    const restored = await restoreDatabase(target.url, file, { dataDir: to, fileDirs: ['documents'] });
    expect(restored.files).toBe(2);
    expect(readFileSync(path.join(to, 'documents', 'org1', 'doc-a')).equals(big)).toBe(true);
    expect(readFileSync(path.join(to, 'documents', 'org1', 'doc-b'), 'utf8')).toBe('small');
    expect(readdirSync(path.join(to, 'documents', 'org1'))).toEqual(['doc-a', 'doc-b']);
    expect(readdirSync(to)).toEqual(['documents']);
  });

  it('refuses a backup naming a file outside the known folders, and leaves no file and no row', async () => {
    const c = new pg.Client({ connectionString: target.url });
    await c.connect();
    await c.query('TRUNCATE organizations CASCADE');
    await c.end();
    const header = { format: 'clinicops-backup', version: 1, migration: 1, tables: [], fileDirs: ['documents'] };
    const lines = [
      header,
      {
        table: 'organizations',
        rows: [{ id: '6f1c1c1e-8a3b-4c55-9d2e-0b7f3e5a9c41', name: 'Evil', created_at: new Date().toISOString() }],
      },
      { file: 'documents/org/ok', data: Buffer.from('fine').toString('base64') },
      { file: 'documents/../../escaped', data: Buffer.from('bad').toString('base64') },
    ];
    const file = path.join(tmp, 'evil.gz');
    writeFileSync(file, gzipSync(lines.map((l) => JSON.stringify(l)).join('\n')));
    const to = path.join(tmp, 'evil-to');
    await expect(restoreDatabase(target.url, file, { dataDir: to, fileDirs: ['documents'] })).rejects.toThrow(/outside/);
    expect(await organizations(target.url)).toBe(0);
    expect(existsSync(path.join(tmp, 'escaped'))).toBe(false);
    expect(existsSync(path.join(to, 'documents', 'org', 'ok'))).toBe(false);
    expect(existsSync(to) ? readdirSync(to).filter((f) => f.startsWith('.restore-')) : []).toEqual([]);
  });
});
