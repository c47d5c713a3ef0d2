import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from './helpers.js';

const root = path.resolve(import.meta.dirname, '../..');
let a: Awaited<ReturnType<typeof freshDatabase>>;
let b: Awaited<ReturnType<typeof freshDatabase>>;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'clinicops-cli-'));

function clinicops(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, [path.join(root, 'bin/clinicops.mjs'), ...args], {
    // The data directory is the test's own: the demo seed writes the encryption key there.
    env: { ...process.env, LOG_LEVEL: 'silent', CLINICOPS_DATA_DIR: tmp, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

async function query(url: string, text: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text)).rows;
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  a = await freshDatabase();
  b = await freshDatabase();
});
afterAll(async () => {
  await a.drop();
  await b.drop();
  rmSync(tmp, { recursive: true, force: true });
});

// Each command is a fresh process compiling the server through tsx: seconds each on two cores.
describe('clinicops command', { timeout: 240_000 }, () => {
  it('prints help', () => {
    const r = clinicops(['--help'], {});
    expect(r.code).toBe(0);
    expect(r.out).toContain('audit verify');
  });

  it('seeds the demo organization, creates a user and a token, and refuses bad input', () => {
    const seed = clinicops(['seed', '--demo'], { DATABASE_URL: a.url, CLINICOPS_ADMIN_PASSWORD: 'a very long demo password' });
    expect(seed.code).toBe(0);
    expect(seed.out).toContain('dana.whitfield@example.org');
    expect(clinicops(['seed', '--demo'], { DATABASE_URL: a.url }).code).toBe(2);
    const user = clinicops(['user', 'create', '--email', 'cli.user@example.org', '--name', 'Cli User', '--role', 'front_desk'], {
      DATABASE_URL: a.url,
    });
    expect(user.code).toBe(0);
    expect(user.out).toMatch(/temporary password: \S+/);
    const bad = clinicops(['user', 'create', '--email', 'x@example.org', '--name', 'X', '--role', 'wizard'], {
      DATABASE_URL: a.url,
    });
    expect(bad.code).toBe(2);
    expect(bad.out).toContain('--role');
    const token = clinicops(['token', 'create', '--user', 'cli.user@example.org', '--name', 'integration'], {
      DATABASE_URL: a.url,
    });
    expect(token.code).toBe(0);
    expect(token.out).toMatch(/^co_[\w-]{40,}/);
  });

  it('backs up and restores into an empty database with the audit trail intact and the document files', async () => {
    const file = path.join(tmp, 'backup.jsonl.gz');
    const backup = clinicops(['backup', file], { DATABASE_URL: a.url });
    expect(backup.code).toBe(0);
    expect(backup.out).toMatch(/, [1-9]\d* document files/);
    // Restored into another data directory, as onto a new machine.
    const restoredDir = mkdtempSync(path.join(os.tmpdir(), 'clinicops-restored-'));
    try {
      const restore = clinicops(['restore', file], { DATABASE_URL: b.url, CLINICOPS_DATA_DIR: restoredDir });
      expect(restore.code, restore.out).toBe(0);
      const count =
        'SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM audit_events) AS events, (SELECT count(*) FROM facilities) AS facilities, (SELECT count(*) FROM documents) AS documents';
      expect(await query(b.url, count)).toEqual(await query(a.url, count));
      // every document row has its file back, byte for byte (the stored SHA-256 matches)
      const docs = await query(b.url, 'SELECT organization_id, id, sha256 FROM documents');
      expect(docs.length).toBeGreaterThan(0);
      for (const d of docs) {
        const bytes = readFileSync(path.join(restoredDir, 'documents', d.organization_id, d.id));
        expect(createHash('sha256').update(bytes).digest('hex')).toBe(d.sha256);
      }
      expect(readdirSync(restoredDir).filter((f) => f.startsWith('.restore-'))).toEqual([]);
    } finally {
      rmSync(restoredDir, { recursive: true, force: true });
    }
    expect(clinicops(['audit', 'verify'], { DATABASE_URL: b.url }).code).toBe(0);
    // restoring over data is refused, and leaves it as it was
    const again = clinicops(['restore', file], { DATABASE_URL: b.url });
    expect(again.code).toBe(1);
    expect(again.out).toContain('already holds data');
  });

  it('audit verify passes, then fails naming the row altered by hand', async () => {
    const ok = clinicops(['audit', 'verify'], { DATABASE_URL: a.url });
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/audit trail intact: \d+ events/);
    const [row] = await query(a.url, 'SELECT id FROM audit_events ORDER BY id OFFSET 5 LIMIT 1');
    const c = new pg.Client({ connectionString: a.url });
    await c.connect();
    await c.query("SET session_replication_role = 'replica'");
    await c.query(`UPDATE audit_events SET details = '{"forged": true}' WHERE id = $1`, [row.id]);
    await c.end();
    const broken = clinicops(['audit', 'verify'], { DATABASE_URL: a.url });
    expect(broken.code).toBe(1);
    expect(broken.out).toContain(`row id ${row.id}`);
  });

  it('imports the LEIE, printing counts and time, and refuses a wrong header leaving the list as it was', async () => {
    const synthetic = path.join(root, 'server/test/fixtures/leie-synthetic.csv');
    const ok = clinicops(['import', 'leie', synthetic], { DATABASE_URL: a.url });
    expect(ok.code, ok.out).toBe(0);
    expect(ok.out).toMatch(/imported 10 LEIE rows from leie-synthetic\.csv in [0-9.]+ s \([0-9]+ rows\/s\)/);
    const bad = path.join(tmp, 'bad-header.csv');
    writeFileSync(bad, readFileSync(synthetic, 'utf8').replace('LASTNAME', 'SURNAME'));
    const refused = clinicops(['import', 'leie', bad], { DATABASE_URL: a.url });
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('bad-header.csv: header column 1 is SURNAME, expected LASTNAME; nothing was imported');
    expect(clinicops(['import', 'leie'], { DATABASE_URL: a.url }).code).toBe(2);
    expect(await query(a.url, 'SELECT count(*)::int AS n FROM leie_exclusions')).toEqual([{ n: 10 }]);
  });
});
