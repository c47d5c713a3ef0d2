import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';
import { acquireLock, LockedError } from '../platform/lockfile.js';
import { startEmbedded } from './embedded.js';
import { migrate } from './migrate.js';

export type DatabaseHandle = {
  url: string;
  embedded: boolean;
  /** Stops the embedded server (if we started it) and releases the data-directory lock. */
  close(): Promise<void>;
};

const urlFile = (config: Config) => path.join(config.dataDir, 'db-url');

/**
 * Gives the server or a CLI command a database: `DATABASE_URL` when set, else the embedded
 * PostgreSQL in the data directory. A CLI command run while the server is up (lock held)
 * borrows the running embedded server instead of starting a second one.
 */
export async function openDatabase(
  config: Config,
  log: (m: string) => void,
  opts: { role: 'server' | 'command' } = { role: 'server' },
): Promise<DatabaseHandle> {
  if (config.databaseUrl) {
    await migrate(config.databaseUrl, log);
    return { url: config.databaseUrl, embedded: false, close: async () => {} };
  }
  let release: () => void;
  try {
    release = acquireLock(config.dataDir);
  } catch (err) {
    if (err instanceof LockedError && opts.role === 'command' && existsSync(urlFile(config))) {
      const url = readFileSync(urlFile(config), 'utf8').trim();
      return { url, embedded: true, close: async () => {} };
    }
    throw err;
  }
  try {
    const pg = await startEmbedded(config.dataDir, log);
    writeFileSync(urlFile(config), pg.url, { mode: 0o600 });
    await migrate(pg.url, log);
    return {
      url: pg.url,
      embedded: true,
      async close() {
        rmSync(urlFile(config), { force: true });
        await pg.stop();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}
