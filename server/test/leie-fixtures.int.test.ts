// The OIG LEIE excerpts in ../shared/fixtures/leie (real, public records; not ours, never copied
// into this repository). Skipped where that folder is absent, e.g. a clone elsewhere; the same
// behaviour is covered with the synthetic file in leie.int.test.ts and the domain tests.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { permissions } from '@clinicops/contracts';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { openPool } from '../src/db/pool.js';
import { matchBusiness, matchPerson } from '../src/modules/staff/domain/leie-match.js';
import { leieHeaderProblem, parseLeieLine } from '../src/modules/staff/domain/leie-record.js';
import { npiProblem } from '../src/modules/staff/domain/npi.js';
import { importLeie } from '../src/modules/staff/index.js';
import { systemClock } from '../src/platform/clock.js';
import { systemActor } from '../src/platform/context.js';
import { createTestOrg, freshDatabase, testConfig } from './helpers.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const shared = process.env.CLINICOPS_SHARED_DIR ?? path.resolve(repoRoot, '../shared');
const dir = path.join(shared, 'fixtures/leie');
const HALL = path.join(dir, 'leie__UPDATED_excerpt_HALL.csv');
const HEAD = path.join(dir, 'leie__UPDATED_excerpt_head.csv');
const present = existsSync(HALL) && existsSync(HEAD);
if (!present) console.warn(`LEIE fixtures not found in ${dir}: set CLINICOPS_SHARED_DIR; these tests are skipped`);

const records = (file: string) => {
  const [header = '', ...lines] = readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l !== '');
  return { header, parsed: lines.map(parseLeieLine) };
};

describe('the OIG LEIE excerpts in ../shared/fixtures/leie', () => {
  it.skipIf(!present)('parse: the real header, every row, none-values as null, valid NPIs', () => {
    for (const [file, rows] of [
      [HALL, 41],
      [HEAD, 30],
    ] as const) {
      const { header, parsed } = records(file);
      expect(leieHeaderProblem(header)).toBeNull();
      expect(parsed).toHaveLength(rows);
      expect(parsed.filter((p) => !p.ok)).toEqual([]);
      for (const p of parsed) {
        if (!p.ok) continue;
        expect(p.record.npi).not.toBe('0000000000');
        if (p.record.npi) expect(npiProblem(p.record.npi)).toBeNull();
        expect(p.record.exclDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    }
    const entities = records(HEAD).parsed.flatMap((p) => (p.ok ? [p.record] : []));
    expect(entities.every((r) => r.busName !== null && r.dob === null)).toBe(true);
    expect(entities.find((r) => r.busName === '1 BEST CARE, INC')).toMatchObject({
      npi: null,
      exclType: '1128b5',
      reinDate: null,
    });
  });

  it.skipIf(!present)(
    'match: a person with the same name and birth date is strong; a vendor by business name is possible',
    () => {
      const hall = records(HALL).parsed.flatMap((p) => (p.ok ? [p.record] : []));
      const abigail = { firstName: 'Abigail', lastName: 'Hall', formerLastNames: [], dateOfBirth: '1972-12-28', npi: null };
      const hits = hall.map((r) => matchPerson(abigail, r)).filter((m) => m !== null);
      expect(hits.map((m) => m.strength)).toContain('strong');
      expect(hall.map((r) => matchPerson({ ...abigail, dateOfBirth: null }, r)).find((m) => m)?.strength).toBe('possible');
      const head = records(HEAD).parsed.flatMap((p) => (p.ok ? [p.record] : []));
      expect(head.some((r) => matchBusiness('1 Best Care Inc.', r)?.strength === 'possible')).toBe(true);
    },
  );

  it.skipIf(!present)('import: streams an excerpt into a database of its own', async () => {
    const fresh = await freshDatabase();
    const database = await openPool(fresh.url, 2);
    try {
      const org = await createTestOrg(database.db);
      const result = await importLeie(
        {
          db: database.db,
          organizationId: org.id,
          actor: systemActor('fixture test', [org.facilities.a], permissions),
          clock: systemClock,
          log: pino({ level: 'silent' }),
          config: testConfig(),
          requestId: 'leie-fixture',
          ip: null,
        },
        HALL,
      );
      expect(result.rows).toBe(41);
      const n = await database.db
        .selectFrom('leie_exclusions')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(41);
    } finally {
      await database.close();
      await fresh.drop();
    }
  });
});
