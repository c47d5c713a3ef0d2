import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbedded } from '../src/db/embedded.js';
import { migrate } from '../src/db/migrate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    serverUrl: string;
    databaseUrl: string;
  }
}

/**
 * A fresh database per run: on the server in DATABASE_URL (CI) or in an embedded PostgreSQL
 * in a temporary folder. Test files share it; each works in organizations of its own.
 */
export default async function setup(project: TestProject) {
  let serverUrl: string;
  let stopEmbedded: (() => Promise<void>) | undefined;
  let tmp: string | undefined;
  if (process.env.DATABASE_URL) {
    const u = new URL(process.env.DATABASE_URL);
    u.pathname = '/postgres';
    serverUrl = u.toString();
  } else {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'clinicops-test-'));
    const embedded = await startEmbedded(tmp, () => {});
    serverUrl = embedded.url.replace(/\/clinicops$/, '/postgres');
    stopEmbedded = embedded.stop;
  }
  const name = `clinicops_test_${Date.now()}_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const databaseUrl = withDatabase(serverUrl, name);
  await migrate(databaseUrl);
  project.provide('serverUrl', serverUrl);
  project.provide('databaseUrl', databaseUrl);
  return async () => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
    await c.end();
    await stopEmbedded?.();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  };
}

export function withDatabase(serverUrl: string, name: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}
