import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readMigrations } from './migrate.js';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function folder(names: string[]) {
  dir = await mkdtemp(path.join(tmpdir(), 'clinicops-migrations-'));
  for (const name of names) await writeFile(path.join(dir, name), `-- ${name}\nSELECT 1;\n`);
  return dir;
}

describe('readMigrations', () => {
  it('takes numbers reserved for other branches (a gap) in order', async () => {
    const files = await readMigrations(await folder(['0002_b.sql', '0001_a.sql', '0010_c.sql']));
    expect(files.map((f) => f.version)).toEqual([1, 2, 10]);
  });

  it('refuses two files with one number, naming both', async () => {
    await expect(readMigrations(await folder(['0001_a.sql', '0007_mine.sql', '0007_theirs.sql']))).rejects.toThrow(
      'Two migrations share the number 7: 0007_mine.sql, 0007_theirs.sql',
    );
  });

  it('refuses a file name that is not NNNN_name.sql', async () => {
    await expect(readMigrations(await folder(['0001_a.sql', 'fix.sql']))).rejects.toThrow(/0001_name\.sql: fix\.sql/);
  });
});
