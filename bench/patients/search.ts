// Patient search benchmark (issue 3: p99 below 50 ms on 100,000 patients, on PostgreSQL).
//
//   npx tsx bench/patients/search.ts
//
// Environment (all optional):
//   DATABASE_URL     PostgreSQL server to use; a database clinicops_bench_patients_<time> is created
//                    there and dropped at the end. Unset: embedded PostgreSQL in a temporary folder.
//   BENCH_PATIENTS   patients to generate (default 100000)
//   BENCH_SEARCHES   search terms to run (default 1000)
//
// Runs each term through the service function the API calls (permission check, facility scope,
// transaction, the query and its audit event), then the same terms through the query alone (the
// raw SQL ceiling: no transaction, no audit). Sequential, one at a time, like one front desk.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { permissions } from '@clinicops/contracts';
import { sql } from 'kysely';
import pg from 'pg';
import pino from 'pino';
import { loadConfig } from '../../server/src/config.js';
import { migrate } from '../../server/src/db/migrate.js';
import { openPool } from '../../server/src/db/pool.js';
import { FEMALE_GIVEN_NAMES, MALE_GIVEN_NAMES } from '../../server/src/modules/patients/demo-names.js';
import { isValidMrn } from '../../server/src/modules/patients/domain/mrn.js';
import { parseSearchTerm } from '../../server/src/modules/patients/domain/search-term.js';
import { searchPatients as searchQuery } from '../../server/src/modules/patients/queries.js';
import { searchPatients } from '../../server/src/modules/patients/service.js';
import { systemClock } from '../../server/src/platform/clock.js';
import { type Ctx, systemActor } from '../../server/src/platform/context.js';
import { seededRandom } from '../../server/src/seed/random.js';
import { openScratchDatabase } from '../shared/scratch-database.js';

const PATIENTS = Number(process.env.BENCH_PATIENTS || 100_000);
const SEARCHES = Number(process.env.BENCH_SEARCHES || 1000);

// Invented name parts; combined they give ~1,800 family names, some accented.
const STARTS = [
  'Abe',
  'Bra',
  'Cas',
  'Dun',
  'Ell',
  'Fai',
  'Gar',
  'Hol',
  'Ive',
  'Jan',
  'Ket',
  'Lin',
  'Mül',
  'Nú',
  'Oko',
  'Pem',
  'Qui',
  'Ras',
  'Sán',
  'Tho',
  'Und',
  'Vas',
  'Whi',
  'Yam',
  'Zel',
  'Brö',
  'Cô',
  'Del',
  'Åb',
  'Mac',
  'Ost',
  'Ren',
  'Kor',
  'Wal',
  'Hen',
  'Fer',
  'Gal',
  'Mor',
  'Ber',
  'Car',
];
const ENDS = [
  'ton',
  'ley',
  'ler',
  'son',
  'berg',
  'ford',
  'ez',
  'ski',
  'wood',
  'man',
  'ard',
  'ell',
  'ini',
  'ova',
  'ström',
  'eau',
  'ick',
  'stein',
  'field',
  'ham',
  'ing',
  'ier',
  'sen',
  'ada',
  'ó',
  'ani',
  'hurst',
  'well',
  'by',
  'ton-Smith',
  'ard',
  'ino',
  'ritz',
  'ock',
  'dale',
  'mont',
  'ey',
  'ius',
  'co',
  'ach',
  'ery',
  'oux',
  'ak',
  'ana',
  'ee',
];
const GIVEN = [...FEMALE_GIVEN_NAMES, ...MALE_GIVEN_NAMES];

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
const summary = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  return { p50: pct(s, 50), p99: pct(s, 99), max: s[s.length - 1] ?? 0, mean: ms.reduce((a, b) => a + b, 0) / ms.length };
};
const f = (n: number) => n.toFixed(2).padStart(7);

/** 100k patients in one statement; MRNs get their Luhn check digit computed in SQL. */
async function fill(url: string, organizationId: string, facilityIds: string[]) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query('INSERT INTO organizations (id, name) VALUES ($1, $2)', [organizationId, 'Bench org']);
  for (const [i, id] of facilityIds.entries()) {
    await c.query(
      `INSERT INTO facilities (id, organization_id, name, kind, time_zone) VALUES ($1, $2, $3, 'clinic', 'America/New_York')`,
      [id, organizationId, `Clinic ${i + 1}`],
    );
  }
  const started = performance.now();
  await c.query(
    `INSERT INTO patients (id, organization_id, facility_id, mrn, given_name, family_name, date_of_birth, sex_at_birth, phone,
                           ssn_last4, ssn_encrypted, created_at, updated_at)
     SELECT gen_random_uuid(), $1, ($2::uuid[])[1 + i % cardinality($2::uuid[])],
            s || (SELECT (10 - sum(CASE WHEN k % 2 = 0 THEN d * 2 - CASE WHEN d > 4 THEN 9 ELSE 0 END ELSE d END) % 10) % 10
                    FROM (SELECT k, substr(s, 7 - k, 1)::int AS d FROM generate_series(0, 6) k) x),
            ($5::text[])[1 + (i * 7) % cardinality($5::text[])],
            ($3::text[])[1 + (i * 31) % cardinality($3::text[])] || ($4::text[])[1 + (i / 7) % cardinality($4::text[])],
            date '1925-01-01' + (i * 7919) % 36000,
            CASE WHEN i % 2 = 0 THEN 'female' ELSE 'male' END,
            CASE WHEN i % 10 = 0 THEN NULL ELSE '(' || (200 + i % 700) || ') 555-' || lpad(((i * 37) % 10000)::text, 4, '0') END,
            NULL, NULL, now() - ((i % 700) || ' days')::interval, now()
       FROM generate_series(1, $6::int) i, LATERAL (SELECT lpad(i::text, 7, '0') AS s) m`,
    [organizationId, facilityIds, STARTS, ENDS, GIVEN, PATIENTS],
  );
  await c.query('INSERT INTO patient_mrn_counters (organization_id, last_value) VALUES ($1, $2)', [organizationId, PATIENTS]);
  const filled = performance.now() - started;
  await c.query('VACUUM (ANALYZE) patients');
  const version = (await c.query('SHOW server_version')).rows[0].server_version as string;
  await c.end();
  return { filledMs: filled, version };
}

/** Terms like the front desk's: mostly name starts, some dates of birth, phones and MRNs. */
async function terms(db: Awaited<ReturnType<typeof openPool>>['db'], organizationId: string): Promise<string[]> {
  const sample = await db
    .selectFrom('patients')
    .select(['mrn', 'given_name', 'family_name', 'date_of_birth', 'phone'])
    .where('organization_id', '=', organizationId)
    // The bench's patients are all fully known; a record with unknown facts (null) is not sampled.
    .where('family_name', 'is not', null)
    .where('given_name', 'is not', null)
    .where('date_of_birth', 'is not', null)
    .where(sql<boolean>`random() < ${(SEARCHES * 3) / PATIENTS}`)
    .limit(SEARCHES)
    .execute();
  const rnd = seededRandom(42);
  return Array.from({ length: SEARCHES }, (_, i) => {
    const p = sample[i % sample.length];
    if (!p) throw new Error('no patients sampled');
    const r = rnd.next();
    const given = p.given_name ?? '';
    const dob = p.date_of_birth ?? '';
    const fam = (p.family_name ?? '').normalize('NFD').replace(/\p{M}/gu, '');
    if (r < 0.35) return fam.slice(0, rnd.int(2, 6)).toLowerCase();
    if (r < 0.5) return `${fam.slice(0, rnd.int(3, 8))}, ${given.slice(0, rnd.int(1, 3))}`;
    if (r < 0.6) return `${given} ${fam.slice(0, rnd.int(2, 5))}`;
    if (r < 0.75) {
      const [y, m, d] = dob.split('-');
      return rnd.next() < 0.5 ? dob : `${m}/${d}/${y}`;
    }
    if (r < 0.9 && p.phone) return rnd.next() < 0.5 ? p.phone : p.phone.replace(/\D/g, '').slice(0, 6);
    return p.mrn;
  });
}

async function main() {
  const srv = await openScratchDatabase('clinicops_bench_patients');
  try {
    await migrate(srv.url);
    const organizationId = randomUUID();
    const facilityIds = [randomUUID(), randomUUID()];
    const { filledMs, version } = await fill(srv.url, organizationId, facilityIds);
    const opened = await openPool(srv.url, 4);
    const ctx: Ctx = {
      db: opened.db,
      organizationId,
      actor: systemActor('bench', facilityIds, permissions),
      clock: systemClock,
      log: pino({ level: 'silent' }),
      config: loadConfig({ LOG_LEVEL: 'silent' }),
      requestId: 'bench',
      ip: null,
    };
    const list = await terms(opened.db, organizationId);
    const today = new Date().toISOString().slice(0, 10);
    // Warm-up: caches and JIT, not measured.
    for (const q of list.slice(0, 100)) await searchPatients(ctx, { q, limit: 20 });
    const app: number[] = [];
    const raw: number[] = [];
    const byKind = new Map<string, number[]>();
    let hits = 0;
    for (const q of list) {
      const t0 = performance.now();
      const rows = await searchPatients(ctx, { q, limit: 20 });
      app.push(performance.now() - t0);
      hits += rows.length > 0 ? 1 : 0;
    }
    for (const q of list) {
      const term = parseSearchTerm(q, today, isValidMrn);
      if (term.kind === 'empty') continue;
      const t0 = performance.now();
      await searchQuery(opened.db, organizationId, facilityIds, term, 20);
      const ms = performance.now() - t0;
      raw.push(ms);
      const kind = term.kind === 'name' ? (/,|\s/.test(q.trim()) ? 'name (two parts)' : 'name (one word)') : term.kind;
      byKind.set(kind, [...(byKind.get(kind) ?? []), ms]);
    }
    const a = summary(app);
    const r = summary(raw);
    console.log(
      `patient search: ${PATIENTS.toLocaleString('en-US')} patients, ${list.length} terms, PostgreSQL ${version} (${srv.label}),`,
    );
    console.log(
      `  ${os.cpus().length} cores, Node ${process.version}; data generated in ${(filledMs / 1000).toFixed(1)} s; ${hits} terms found someone`,
    );
    console.log('                                       p50 ms   p99 ms   max ms  mean ms');
    console.log(`  service (tx + query + audit event) ${f(a.p50)}  ${f(a.p99)}  ${f(a.max)}  ${f(a.mean)}`);
    console.log(`  query alone (raw SQL ceiling)      ${f(r.p50)}  ${f(r.p99)}  ${f(r.max)}  ${f(r.mean)}`);
    for (const [kind, ms] of byKind) {
      const k = summary(ms);
      console.log(`    query, ${`${kind} (${ms.length})`.padEnd(28)} ${f(k.p50)}  ${f(k.p99)}  ${f(k.max)}  ${f(k.mean)}`);
    }
    await opened.close();
  } finally {
    await srv.done();
  }
}

await main();
