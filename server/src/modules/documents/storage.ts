import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';

// Files live in <data directory>/documents/<organization id>/<document id>: named by ids only
// (the user's file name can be PHI and is kept in the database), written atomically.

/** The data directory's folder for documents; backups copy it with the database. */
export const DOCUMENTS_DIR = 'documents';

export const documentPath = (dataDir: string, organizationId: string, documentId: string) =>
  path.join(dataDir, DOCUMENTS_DIR, organizationId, documentId);

async function fsyncDir(dir: string) {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Writes to a temporary file beside the target, fsyncs it, renames it into place and fsyncs the
 * folder: after a crash the document is either whole or absent, never half-written.
 */
export async function writeDocumentFile(file: string, bytes: Uint8Array): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const tmp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(tmp, 'wx', 0o600);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } catch (err) {
    await handle.close().catch(() => {});
    await rm(tmp, { force: true });
    throw err;
  }
  await handle.close();
  try {
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  await fsyncDir(dir);
}

export const readDocumentFile = (file: string) => readFile(file);

/** Removes a file written for an upload that did not commit; a missing file is fine. */
export const removeDocumentFile = (file: string) => rm(file, { force: true });
