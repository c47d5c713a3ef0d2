import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { freePort, type Running, signalGroup, startProcess } from './server-process.js';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    managerEmail: string;
    managerPassword: string;
    demoPassword: string;
  }
}

export const MANAGER_EMAIL = 'office.manager@example.org';
export const MANAGER_PASSWORD = 'journey password for e2e';

/**
 * One real server for the journeys, started as a user would (`clinicops start`), with the demo
 * organization: on a fresh database in DATABASE_URL's server when set, else embedded.
 */
export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'clinicops-e2e-'));
  let dropDb: (() => Promise<void>) | undefined;
  let databaseUrl: string | undefined;
  if (process.env.DATABASE_URL) {
    const u = new URL(process.env.DATABASE_URL);
    u.pathname = '/postgres';
    const name = `clinicops_e2e_${Date.now()}`;
    const c = new pg.Client({ connectionString: u.toString() });
    await c.connect();
    await c.query(`CREATE DATABASE ${name}`);
    await c.end();
    const admin = u.toString();
    u.pathname = `/${name}`;
    databaseUrl = u.toString();
    dropDb = async () => {
      const d = new pg.Client({ connectionString: admin });
      await d.connect();
      await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await d.end();
    };
  }
  const port = await freePort();
  const server: Running = await startProcess(
    process.execPath,
    ['bin/clinicops.mjs', 'start'],
    {
      PORT: String(port),
      CLINICOPS_DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      CLINICOPS_ADMIN_EMAIL: MANAGER_EMAIL,
      CLINICOPS_ADMIN_PASSWORD: MANAGER_PASSWORD,
      // solves only: the scheduled jobs (reminders, emails) would add to what the journeys check
      CLINICOPS_JOBS: 'rostering-solve',
    },
    /Save these now/,
  );
  const demoPassword = /Other demo accounts \(password (\S+)\)/.exec(server.output())?.[1] ?? '';
  project.provide('baseUrl', `http://127.0.0.1:${port}`);
  project.provide('managerEmail', MANAGER_EMAIL);
  project.provide('managerPassword', MANAGER_PASSWORD);
  project.provide('demoPassword', demoPassword);
  return async () => {
    signalGroup(server, 'SIGTERM');
    await server.exited;
    await dropDb?.();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
