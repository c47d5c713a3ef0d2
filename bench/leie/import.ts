// OIG LEIE import benchmark (target: the full ~80,000-row UPDATED.csv in under 10 s).
//
//   npx tsx bench/leie/import.ts
//
// Environment (all optional):
//   DATABASE_URL       PostgreSQL server to use; a database clinicops_bench_leie_<time> is created
//                      there and dropped at the end. Unset: embedded PostgreSQL in a temporary folder.
//   BENCH_LEIE_ROWS    rows of the generated file (default 80000)
//   CLINICOPS_SHARED_DIR  where ../shared is; its LEIE excerpts are imported too when present
//
// Generates a synthetic file in the LEIE's exact format (invented names; CRLF; every field
// quoted; about 1 in 12 rows an entity, 1 in 10 with an NPI), then measures in one process:
// 1. the parse alone (readline + parseLeieLine, no database): the ceiling of the reading side;
// 2. importLeie(ctx, file), what `clinicops import leie FILE` runs: one transaction that deletes
//    the previous list, inserts in batches of 5,000 through unnest(), and audits the import;
// 3. the same again, now replacing a full list (the monthly case).
import { randomUUID } from 'node:crypto';
import { createReadStream, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { permissions } from '@clinicops/contracts';
import { sql } from 'kysely';
import pino from 'pino';
import { loadConfig } from '../../server/src/config.js';
import { migrate } from '../../server/src/db/migrate.js';
import { openPool } from '../../server/src/db/pool.js';
import { LEIE_COLUMNS, parseLeieLine } from '../../server/src/modules/staff/domain/leie-record.js';
import { importLeie } from '../../server/src/modules/staff/index.js';
import { systemClock } from '../../server/src/platform/clock.js';
import { type Ctx, systemActor } from '../../server/src/platform/context.js';
import { openScratchDatabase } from '../shared/scratch-database.js';

const ROWS = Number(process.env.BENCH_LEIE_ROWS || 80_000);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const shared = process.env.CLINICOPS_SHARED_DIR ?? path.resolve(repoRoot, '../shared');

const SYL = [
  'BRA',
  'CAL',
  'DEN',
  'FOR',
  'GAL',
  'HOL',
  'KIN',
  'LOR',
  'MAR',
  'NOV',
  'PEL',
  'QUI',
  'ROS',
  'SAL',
  'TEV',
  'VAN',
  'WIL',
  'ZEM',
];
const END = ['TON', 'BY', 'WICK', 'FIELD', 'MORE', 'LEY', 'SON', 'DALE', 'MAN', 'WORTH', 'STEAD', 'ER'];
const GIVEN = [
  'AVA',
  'BRUNO',
  'CORA',
  'DARIO',
  'EDNA',
  'FELIX',
  'GRETA',
  'HUGO',
  'IRIS',
  'JONAS',
  'KAYA',
  'LEON',
  'MILA',
  'NILS',
];
const pick = <T>(xs: readonly T[], i: number) => xs[i % xs.length] as T;
const q = (v: string) => `"${v.replaceAll('"', '""')}"`;

/** A valid NPI (Luhn over "80840" + 9 digits) from a number. */
function npiFrom(n: number): string {
  const base = String(100_000_000 + (n % 900_000_000)).slice(0, 9);
  let sum = 24;
  [...base].reverse().forEach((c, i) => {
    const d = Number(c) * (i % 2 === 0 ? 2 : 1);
    sum += d > 9 ? d - 9 : d;
  });
  return base + String((10 - (sum % 10)) % 10);
}

function generate(file: string, rows: number) {
  const lines = [LEIE_COLUMNS.join(',')];
  for (let i = 0; i < rows; i++) {
    const entity = i % 12 === 0;
    const last = entity ? '' : `${pick(SYL, i)}${pick(END, Math.floor(i / 18))}${i % 5 === 0 ? `-${pick(SYL, i * 7)}` : ''}`;
    const year = 1930 + (i % 70);
    const dob = entity ? '' : `${year}${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}`;
    lines.push(
      [
        last,
        entity ? '' : pick(GIVEN, i * 3),
        entity || i % 3 ? '' : pick(GIVEN, i * 5).slice(0, 1),
        entity ? `${pick(SYL, i)} ${pick(END, i)} CARE, INC` : '',
        entity ? 'OTHER BUSINESS' : 'IND- LIC HC SERV PRO',
        entity ? 'HOME HEALTH AGENCY' : 'NURSE/NURSES AIDE',
        '',
        i % 10 === 0 ? npiFrom(i * 7919) : '0000000000',
        dob,
        `${100 + (i % 9000)} ${pick(SYL, i * 11)} STREET, APT ${i % 40}`,
        `${pick(SYL, i * 13)}VILLE`,
        pick(['OH', 'IL', 'NY', 'CA', 'TX', 'FL'], i),
        String(10000 + (i % 89999)),
        pick(['1128a1', '1128a2', '1128b4', '1128b7', '1128b14'], i),
        `20${String(10 + (i % 16))}0${1 + (i % 9)}15`,
        '00000000',
        i % 500 === 0 ? '20210301' : '00000000',
        i % 500 === 0 ? 'OH' : '',
      ]
        .map(q)
        .join(','),
    );
  }
  writeFileSync(file, `${lines.join('\r\n')}\r\n`);
}

async function parseOnly(file: string) {
  const started = performance.now();
  let n = 0;
  let first = true;
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY })) {
    if (first) {
      first = false;
      continue;
    }
    if (parseLeieLine(line).ok) n++;
  }
  return { rows: n, ms: performance.now() - started };
}

const line = (label: string, rows: number, ms: number) =>
  console.log(
    `${label.padEnd(44)} ${String(rows).padStart(7)} rows ${(ms / 1000).toFixed(2).padStart(7)} s ${String(Math.round(rows / (ms / 1000))).padStart(9)} rows/s`,
  );

async function main() {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'clinicops-leie-bench-'));
  const file = path.join(tmp, 'UPDATED-synthetic.csv');
  generate(file, ROWS);
  const srv = await openScratchDatabase('clinicops_bench_leie');
  try {
    await migrate(srv.url);
    const opened = await openPool(srv.url, 4);
    const organizationId = randomUUID();
    await opened.db.insertInto('organizations').values({ id: organizationId, name: 'Bench org' }).execute();
    const version = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM schema_migrations`.execute(opened.db)).rows[0]?.n;
    const pgVersion = (await sql<{ server_version: string }>`SHOW server_version`.execute(opened.db)).rows[0]?.server_version;
    const ctx: Ctx = {
      db: opened.db,
      organizationId,
      actor: systemActor('bench', [], permissions),
      clock: systemClock,
      log: pino({ level: 'silent' }),
      config: loadConfig({ LOG_LEVEL: 'silent' }),
      requestId: 'bench-leie',
      ip: null,
    };
    console.log(
      `LEIE import: ${ROWS} synthetic rows; PostgreSQL ${pgVersion} (${srv.label}, ${version} migrations); ` +
        `${os.cpus().length} cores, load ${os.loadavg()[0]?.toFixed(1)}; Node ${process.version}`,
    );
    const parsed = await parseOnly(file);
    line('parse only (readline + parseLeieLine)', parsed.rows, parsed.ms);
    const a = await importLeie(ctx, file);
    line('importLeie, empty list', a.rows, a.milliseconds);
    const b = await importLeie(ctx, file);
    line('importLeie, replacing a full list', b.rows, b.milliseconds);
    for (const name of ['leie__UPDATED_excerpt_HALL.csv', 'leie__UPDATED_excerpt_head.csv']) {
      const real = path.join(shared, 'fixtures/leie', name);
      if (!existsSync(real)) {
        console.log(`${name}: not found (set CLINICOPS_SHARED_DIR)`);
        continue;
      }
      const r = await importLeie(ctx, real);
      line(`importLeie, ${name}`, r.rows, r.milliseconds);
    }
    await opened.close();
  } finally {
    await srv.done();
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
