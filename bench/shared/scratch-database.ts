// A throw-away database for a benchmark: a fresh database on the DATABASE_URL server, or an
// embedded PostgreSQL in a temporary folder. `done` removes it again.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbedded } from '../../server/src/db/embedded.js';

export type ScratchDatabase = { url: string; label: string; done: () => Promise<void> };

async function run(connectionString: string, sql: string) {
  const c = new pg.Client({ connectionString });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

export async function openScratchDatabase(prefix: string): Promise<ScratchDatabase> {
  if (process.env.DATABASE_URL) {
    const admin = new URL(process.env.DATABASE_URL);
    admin.pathname = '/postgres';
    const name = `${prefix}_${Date.now()}`;
    await run(admin.toString(), `CREATE DATABASE ${name}`);
    const url = new URL(admin.toString());
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      label: `server at ${admin.host}`,
      done: () => run(admin.toString(), `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
    };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'clinicops-bench-'));
  const embedded = await startEmbedded(dir, () => {});
  return {
    url: embedded.url,
    label: 'embedded',
    done: async () => {
      await embedded.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
