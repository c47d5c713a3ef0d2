import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { LeieImport } from '@clinicops/contracts';
import { recordAudit } from '../../../platform/audit/record.js';
import { type Ctx, inTransaction } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors.js';
import { requirePermission } from '../../../platform/permissions.js';
import { type LeieRecord, leieHeaderProblem, parseLeieLine } from '../domain/leie-record.js';
import * as sq from '../screening-queries.js';

export type LeieImportResult = LeieImport & { milliseconds: number };

const BATCH = 5000;

/**
 * Imports an OIG LEIE full file (UPDATED.csv), streaming it line by line, in one transaction
 * that replaces the previous list: a wrong header, a broken line or a failure half-way leaves
 * the old list in place. A broken line fails the whole import rather than being skipped, since
 * a skipped line could be the one excluded person on staff.
 */
export async function importLeie(ctx: Ctx, file: string, opts: { batchSize?: number } = {}): Promise<LeieImportResult> {
  requirePermission(ctx, 'staff:write');
  const started = performance.now();
  const fileName = path.basename(file);
  const batchSize = opts.batchSize ?? BATCH;
  const id = randomUUID();
  const refuse = (problem: string) => new AppError('validation', `${fileName}: ${problem}; nothing was imported`);
  const result = await inTransaction(ctx, async (tx) => {
    const input = createReadStream(file);
    const hash = createHash('sha256');
    input.on('data', (chunk) => hash.update(chunk));
    const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
    let lineNo = 0;
    let rows = 0;
    let batch: { lineNo: number; record: LeieRecord }[] = [];
    try {
      for await (const line of lines) {
        lineNo++;
        if (lineNo === 1) {
          const problem = leieHeaderProblem(line);
          if (problem) throw refuse(problem);
          await sq.lockImports(tx.db);
          await sq.insertImport(tx.db, { id, file_name: fileName, checksum: '0'.repeat(64), rows: 0 });
          await sq.deleteExclusions(tx.db);
          continue;
        }
        if (line.trim() === '') continue;
        const parsed = parseLeieLine(line);
        if (!parsed.ok) throw refuse(`line ${lineNo}: ${parsed.problem}`);
        batch.push({ lineNo, record: parsed.record });
        rows++;
        if (batch.length >= batchSize) {
          await sq.insertExclusions(tx.db, id, batch);
          batch = [];
        }
      }
    } finally {
      lines.close();
      input.destroy();
    }
    if (lineNo === 0) throw refuse('the file is empty');
    if (rows === 0) throw refuse('the file has a header but no rows');
    if (batch.length > 0) await sq.insertExclusions(tx.db, id, batch);
    const checksum = hash.digest('hex');
    await sq.finishImport(tx.db, id, rows, checksum);
    await recordAudit(tx, {
      action: 'leie.import',
      entityType: 'leie_import',
      entityId: id,
      details: { fileName, rows, checksum },
    });
    return { rows, checksum };
  });
  const imported = await sq.latestImport(ctx.db);
  return {
    id,
    fileName,
    checksum: result.checksum,
    rows: result.rows,
    importedAt: (imported?.id === id ? imported.imported_at : ctx.clock.now()).toISOString(),
    milliseconds: Math.round(performance.now() - started),
  };
}
