import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, signalGroup, startProcess } from './server-process.js';

// What a newcomer does: `npm start` on an empty data directory, embedded PostgreSQL, demo data.
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'clinicops-smoke-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const postgresFor = (dir: string) => {
  try {
    return execFileSync('pgrep', ['-f', `postgres -D ${dir}`], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
};

describe('npm start on an empty data directory', () => {
  it('starts embedded PostgreSQL, seeds the demo, prints the login, refuses a second server, and stops cleanly', async () => {
    const port = await freePort();
    const env = {
      PORT: String(port),
      CLINICOPS_DATA_DIR: dataDir,
      DATABASE_URL: undefined,
      CLINICOPS_ADMIN_EMAIL: undefined,
      CLINICOPS_ADMIN_PASSWORD: undefined,
    };
    const server = await startProcess('npm', ['start', '--silent'], env, /Save these now/);
    const out = server.output();
    expect(out).toContain(`ClinicOps is running at http://127.0.0.1:${port}`);
    expect(out).toMatch(/email: +dana\.whitfield@example\.org/);
    expect(out).toMatch(/password: +\S{19}/);
    expect(readdirSync(dataDir)).toEqual(expect.arrayContaining(['pg', 'clinicops.lock']));

    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(health.status).toBe(200);
    expect((await health.json()).database.status).toBe('up');
    const page = await fetch(`http://127.0.0.1:${port}/`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");

    const second = await startProcess(
      process.execPath,
      ['bin/clinicops.mjs', 'serve'],
      { ...env, PORT: String(await freePort()) },
      /$^/,
      60_000,
    ).catch((e: Error) => e.message);
    expect(second).toContain('already using the data directory');

    expect(postgresFor(dataDir)).not.toBe('');
    signalGroup(server, 'SIGTERM');
    await server.exited;
    for (let i = 0; i < 100 && !server.output().includes('[clinicops] stopped'); i++)
      await new Promise((r) => setTimeout(r, 200));
    expect(server.output()).toContain('SIGTERM received, shutting down');
    expect(server.output()).toContain('[clinicops] stopped');
    expect(postgresFor(dataDir)).toBe('');
    expect(readdirSync(dataDir)).not.toContain('clinicops.lock');
  });
});
