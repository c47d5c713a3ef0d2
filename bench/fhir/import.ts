// FHIR import benchmark: patients per second through importFhir, what `clinicops import fhir`
// runs, on Synthea's bundles and on generated variations of them.
//
//   npx tsx bench/fhir/import.ts          (or: npm run bench:fhir)
//
// Environment (all optional):
//   DATABASE_URL          PostgreSQL server to use; a database clinicops_bench_fhir_<time> is created
//                         there and dropped at the end. Unset: embedded PostgreSQL in a temporary folder.
//   BENCH_FHIR_PATIENTS   generated patient bundles (default 100; each is a full-size Synthea bundle,
//                         about 0.9 MB, written to a temporary folder and removed afterwards)
//   CLINICOPS_SHARED_DIR  where ../shared is (its fixtures/synthea is required)
//
// In one process:
// 1. reading and planning every bundle alone (JSON.parse + planBundle, no database): the ceiling
//    of the reading side;
// 2. the Synthea fixtures into an empty organization: the practitioner and hospital bundles, then
//    the patient bundles (practitioners are created on first reference);
// 3. the same again: every record is found in the identifier map, nothing is created;
// 4. BENCH_FHIR_PATIENTS generated variations of the Synthea patient bundles (new ids, names, birth
//    dates, SSNs and phones so that duplicate detection does not stop them; same visits, same
//    practitioners and hospitals), imported into the same organization.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { permissions } from '@clinicops/contracts';
import { sql } from 'kysely';
import pino from 'pino';
import { loadConfig } from '../../server/src/config.js';
import { migrate } from '../../server/src/db/migrate.js';
import { openPool } from '../../server/src/db/pool.js';
import { planBundle } from '../../server/src/modules/fhir/domain/bundle-plan.js';
import { type FhirImportResult, importFhir } from '../../server/src/modules/fhir/index.js';
import { systemClock } from '../../server/src/platform/clock.js';
import { type Ctx, systemActor } from '../../server/src/platform/context.js';
import { openScratchDatabase } from '../shared/scratch-database.js';

const PATIENTS = Number(process.env.BENCH_FHIR_PATIENTS || 100);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const shared = process.env.CLINICOPS_SHARED_DIR ?? path.resolve(repoRoot, '../shared');
const synthea = path.join(shared, 'fixtures/synthea');

const SYL = [
  'Bra',
  'Cal',
  'Den',
  'For',
  'Gal',
  'Hol',
  'Kin',
  'Lor',
  'Mar',
  'Nov',
  'Pel',
  'Qui',
  'Ros',
  'Sal',
  'Tev',
  'Van',
  'Wil',
  'Zem',
];
const END = ['ton', 'by', 'wick', 'field', 'more', 'ley', 'son', 'dale', 'man', 'worth', 'stead', 'er', 'ridge', 'holm'];
const GIVEN = [
  'Ava',
  'Bruno',
  'Cora',
  'Dario',
  'Edna',
  'Felix',
  'Greta',
  'Hugo',
  'Iris',
  'Jonas',
  'Kaya',
  'Leon',
  'Mila',
  'Nils',
  'Olga',
  'Pia',
];
const pick = <T>(xs: readonly T[], i: number) => xs[i % xs.length] as T;
const pad = (n: number, w: number) => String(n).padStart(w, '0');
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

type Json = Record<string, unknown>;

/** Variation n of a Synthea patient bundle: new entry ids, another person, the same visits. */
function vary(text: string, n: number): string {
  const ids = new Map<string, string>();
  for (const m of text.matchAll(/"fullUrl":\s*"urn:uuid:([0-9a-f-]{36})"/g)) ids.set(m[1] as string, randomUUID());
  // Only the bundle's own ids change: practitioner and hospital identifiers must still resolve.
  const b = JSON.parse(text.replace(UUID, (u) => ids.get(u) ?? u)) as { entry: { resource: Json }[] };
  for (const e of b.entry) {
    const r = e.resource;
    if (r.resourceType !== 'Patient') continue;
    r.name = [
      {
        use: 'official',
        family: `${pick(SYL, n)}${pick(END, Math.floor(n / SYL.length))}${pick(SYL, Math.floor(n / (SYL.length * END.length)))}`,
        given: [pick(GIVEN, n * 7)],
      },
    ];
    const born = new Date(Date.UTC(1930 + (n % 80), n % 12, 1 + (n % 28)));
    r.birthDate = born.toISOString().slice(0, 10);
    r.telecom = [{ system: 'phone', value: `555-${pad(100 + (n % 900), 3)}-${pad(n % 10000, 4)}`, use: 'home' }];
    r.identifier = ((r.identifier as Json[]) ?? []).map((i) =>
      i.system === 'http://hl7.org/fhir/sid/us-ssn'
        ? { ...i, value: `9${pad(1 + (n % 99), 2)}-${pad(1 + (Math.floor(n / 99) % 98), 2)}-${pad(1000 + (n % 9000), 4)}` }
        : i,
    );
    delete r.deceasedDateTime;
  }
  return JSON.stringify(b);
}

const row = (label: string, r: { patients: number; encounters: number; ms: number; bundles: number }) =>
  console.log(
    `${label.padEnd(52)} ${String(r.bundles).padStart(5)} bundles ${String(r.patients).padStart(5)} patients ${String(r.encounters).padStart(6)} encounters ${(r.ms / 1000).toFixed(2).padStart(7)} s ${(r.patients / (r.ms / 1000)).toFixed(1).padStart(7)} patients/s ${(r.bundles / (r.ms / 1000)).toFixed(1).padStart(7)} bundles/s`,
  );
const fromResult = (r: FhirImportResult, created = true) => ({
  bundles: r.bundles,
  patients: created ? r.counts.patients : r.counts.patientsExisting,
  encounters: created ? r.counts.encounters : r.counts.encountersExisting,
  ms: r.milliseconds,
});

function planOnly(files: string[]) {
  const started = performance.now();
  let patients = 0;
  let encounters = 0;
  for (const f of files) {
    const p = planBundle(JSON.parse(readFileSync(f, 'utf8')));
    if (!p.ok) throw new Error(`${path.basename(f)} does not plan: ${p.problem.message}`);
    patients += p.plan.patients.length;
    encounters += p.plan.encounters.length;
  }
  return { bundles: files.length, patients, encounters, ms: performance.now() - started };
}

async function main() {
  if (!existsSync(synthea)) throw new Error(`Synthea fixtures not found in ${synthea}: set CLINICOPS_SHARED_DIR`);
  const all = readdirSync(synthea)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const patientFiles = all.filter((f) => !/Information\d+\.json$/.test(f)).map((f) => path.join(synthea, f));
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'clinicops-fhir-bench-'));
  const generated = path.join(tmp, 'generated');
  const srv = await openScratchDatabase('clinicops_bench_fhir');
  try {
    const genStart = performance.now();
    const { mkdirSync } = await import('node:fs');
    mkdirSync(generated);
    const sources = patientFiles.map((f) => readFileSync(f, 'utf8'));
    let bytes = 0;
    for (let n = 0; n < PATIENTS; n++) {
      const text = vary(pick(sources, n), n);
      bytes += text.length;
      writeFileSync(path.join(generated, `variant-${pad(n, 6)}.json`), text);
    }
    const genMs = performance.now() - genStart;

    await migrate(srv.url);
    const opened = await openPool(srv.url, 4);
    const organizationId = randomUUID();
    const facilityId = randomUUID();
    await opened.db.insertInto('organizations').values({ id: organizationId, name: 'Bench org' }).execute();
    await opened.db
      .insertInto('facilities')
      .values({
        id: facilityId,
        organization_id: organizationId,
        name: 'Bench clinic',
        kind: 'clinic',
        time_zone: 'America/New_York',
        address_line: null,
        city: null,
        state: 'MA',
        postal_code: null,
        beds: null,
      })
      .execute();
    const pgVersion = (await sql<{ server_version: string }>`SHOW server_version`.execute(opened.db)).rows[0]?.server_version;
    const ctx: Ctx = {
      db: opened.db,
      organizationId,
      actor: systemActor('bench', [facilityId], permissions),
      clock: systemClock,
      log: pino({ level: 'silent' }),
      config: loadConfig({ LOG_LEVEL: 'silent', CLINICOPS_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') }),
      requestId: 'bench-fhir',
      ip: null,
    };
    console.log(
      `FHIR import: ${patientFiles.length} Synthea patient bundles + ${PATIENTS} generated variations (${(bytes / 1e6).toFixed(0)} MB, written in ${(genMs / 1000).toFixed(1)} s); ` +
        `PostgreSQL ${pgVersion} (${srv.label}); ${os.cpus().length} cores, load ${os.loadavg()[0]?.toFixed(1)}; Node ${process.version}`,
    );
    row('read + plan only (JSON.parse + planBundle), Synthea', planOnly(patientFiles));
    const first = await importFhir(ctx, [synthea]);
    if (first.rejected > 0)
      throw new Error(`Synthea bundles refused: ${JSON.stringify(first.outcomes.filter((o) => !o.ok)).slice(0, 400)}`);
    const reference = first.outcomes.filter((o) => o.ok && o.kind === 'reference').length;
    console.log(
      `  (includes ${reference} reference bundles: ${first.counts.places} organizations/locations mapped; ${first.counts.practitioners} practitioners created as staff)`,
    );
    row('importFhir, Synthea fixtures, empty organization', fromResult(first));
    row('importFhir, Synthea fixtures again (nothing new)', fromResult(await importFhir(ctx, [synthea]), false));
    const genFiles = readdirSync(generated).map((f) => path.join(generated, f));
    row('read + plan only, generated', planOnly(genFiles));
    // The generated bundles name the same practitioners and hospitals: the reference bundles come along.
    const refs = all.filter((f) => /Information\d+\.json$/.test(f)).map((f) => path.join(synthea, f));
    const gen = await importFhir(ctx, [...refs, generated]);
    if (gen.rejected > 0)
      throw new Error(`generated bundles refused: ${JSON.stringify(gen.outcomes.filter((o) => !o.ok)).slice(0, 400)}`);
    row(`importFhir, ${PATIENTS} generated (after ${first.counts.patients})`, fromResult(gen));
    const total = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM patients`.execute(opened.db)).rows[0]?.n;
    console.log(`patients in the database at the end: ${total}`);
    await opened.close();
  } finally {
    await srv.done();
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
