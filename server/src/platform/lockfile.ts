import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One server per data directory: a second one would start a second PostgreSQL on the same files.
 * A lock left by a process that died is taken over.
 */
export function acquireLock(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'clinicops.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && alive(pid)) {
        throw new LockedError(
          `Another ClinicOps server (pid ${pid}) is already using the data directory ${dataDir}. ` +
            'Stop it first, or set CLINICOPS_DATA_DIR to another folder.',
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new LockedError(`Could not lock the data directory ${dataDir}`);
}

export class LockedError extends Error {}
